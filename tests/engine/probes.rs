//! Probes through the binary, as a user (or a hostile input) would drive it:
//! each mutates a shipped scenario or the command line and checks that the
//! answer is a clear error at its place, exit 2, or a finished run — never a
//! panic, a hang or a silently wrong result.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::check_file;

/// A scratch folder of this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taktline-probe-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `taktline check` on `text` written as `dir/name.ron`: (exit code, stderr).
fn check(dir: &Path, name: &str, text: &str) -> (i32, String) {
    let path = dir.join(format!("{name}.ron"));
    std::fs::write(&path, text).unwrap();
    check_file(&path)
}

/// A shipped scenario with one piece of text replaced.
fn shipped_with(file: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    text.replacen(from, to, 1)
}

/// Absolute `extends` paths, so a mutated copy can live anywhere.
fn rooted(text: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    text.replace(
        "extends: \"baseline.ron\"",
        &format!("extends: {:?}", root.join("baseline.ron")),
    )
    .replace(
        "extends: \"../baseline.ron\"",
        &format!("extends: {:?}", root.join("baseline.ron")),
    )
}

#[test]
fn closed_pipes_neither_panic_nor_lose_the_files() {
    // `taktline batch 2>&1 | head -1`: both streams closed after a line.
    let dir = scratch("pipes");
    for (what, args) in [
        (
            "batch",
            vec!["batch", "scenarios/s3-down.ron", "-n", "2", "--days", "12"],
        ),
        ("stress", vec!["stress", "-n", "2", "--days", "12"]),
    ] {
        let out = dir.join(what);
        let mut child = Command::new(env!("CARGO_BIN_EXE_taktline"))
            .args(&args)
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{what} with closed pipes: {status}");
        assert!(
            out.join("index.html").exists(),
            "{what}: the study is written"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_fields_inside_enum_variants_are_errors_at_their_place() {
    let dir = scratch("variants");
    for (name, from, to, field) in [
        (
            "every",
            "start: \"10d\",",
            "start: \"10d\", every: \"7d\",",
            "every",
        ),
        (
            "factr",
            "SupplierOutage(\"Wenzhou\")",
            "StationSlowdown(station: \"S3\", factr: 0.1, factor: 0.5)",
            "factr",
        ),
    ] {
        let text = rooted(&shipped_with("scenarios/typhoon-wenzhou.ron", from, to));
        let (code, stderr) = check(&dir, name, &text);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains(&format!("`{field}`")), "{name}: {stderr}");
        // file:line:column of the offending field.
        assert!(stderr.contains(&format!("{name}.ron:")), "{name}: {stderr}");
    }
    let text = rooted(&shipped_with(
        "scenarios/levers/wenzhou-continuous-review.ron",
        "lead_time:",
        "leadtime: \"9h\", lead_time:",
    ));
    let (code, stderr) = check(&dir, "leadtime", &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`leadtime`"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn more_robot_models_than_a_robot_can_name_are_refused() {
    let dir = scratch("models");
    let many: String = (0..300).map(|m| format!("(name: \"M{m}\"), ")).collect();
    let text = rooted(&shipped_with(
        "scenarios/levers/mixed-models.ron",
        "mix: Sequence([\"6-axis\", \"6-axis\", \"4-axis\"]),",
        "mix: Sequence([\"6-axis\", \"M299\"]),",
    ))
    .replacen(
        "(name: \"6-axis\"),",
        &format!("(name: \"6-axis\"), {many}"),
        1,
    );
    let (code, stderr) = check(&dir, "models", &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("at most 256 robot models"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_extends_chain_deeper_than_the_limit_is_refused_not_a_stack_overflow() {
    let dir = scratch("extends");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
    std::fs::copy(&base, dir.join("f0.ron")).unwrap();
    for k in 1..=2000 {
        let text = format!("Scenario(extends: \"f{}.ron\")", k - 1);
        std::fs::write(dir.join(format!("f{k}.ron")), text).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .arg("check")
        .arg(dir.join("f2000.ron"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("at most 64 files deep"), "{stderr}");
    assert!(
        stderr.contains(".ron:1:"),
        "at its line and column: {stderr}"
    );
    // A chain within the limit still loads.
    let out = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .arg("check")
        .arg(dir.join("f40.ron"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_calendar_window_repeating_every_two_seconds_is_refused_at_once() {
    let dir = scratch("holiday");
    let text = rooted(&shipped_with(
        "scenarios/levers/two-shifts-with-overtime.ron",
        "days: [Mon, Tue, Wed, Thu, Fri]),",
        "days: [Mon, Tue, Wed, Thu, Fri], holidays: [(start: \"1d\", duration: \"1s\", every: \"2s\")]),",
    ));
    // Refused by validation, before anything is simulated (it used to hang).
    let (code, stderr) = check(&dir, "holiday", &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("holidays[0].every"), "{stderr}");
    assert!(stderr.contains("at least 1min"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_name_given_twice_in_a_map_is_an_error_not_the_last_one_kept() {
    let dir = scratch("twice");
    let base = "scenarios/baseline.ron";
    for (name, from, to) in [
        (
            "part-value",
            "\"bearing\": 30.0}",
            "\"bearing\": 30.0, \"bearing\": 0.0}",
        ),
        (
            "per-truck",
            "\"Suzhou-Shanghai\": 900.0}",
            "\"Suzhou-Shanghai\": 900.0, \"Suzhou-Shanghai\": 1.0}",
        ),
        (
            "ttr",
            "ttr: {",
            "ttr: {\"Wenzhou\": \"1h\", \"Wenzhou\": \"2h\",",
        ),
    ] {
        let (code, stderr) = check(&dir, name, &shipped_with(base, from, to));
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains("named twice"), "{name}: {stderr}");
        assert!(stderr.contains(&format!("{name}.ron:")), "{name}: {stderr}");
    }
    let text = rooted(&shipped_with(
        "scenarios/levers/mixed-models.ron",
        "(name: \"4-axis\", stations: {",
        "(name: \"4-axis\", stations: {\"S1\": (process: Fixed(\"5min\")),",
    ));
    let (code, stderr) = check(&dir, "model-station", &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("\"S1\" is named twice"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_name_a_spreadsheet_would_evaluate_reaches_no_csv_cell_as_a_formula() {
    let dir = scratch("csv");
    let text = std::fs::read_to_string("scenarios/baseline.ron")
        .unwrap()
        .replace("\"S2\"", "\"@SUM(1)\"");
    let file = dir.join("formula.ron");
    std::fs::write(&file, text).unwrap();
    let out = dir.join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(["run", "--days", "2", "--out"])
        .arg(&out)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let hourly = std::fs::read_to_string(out.join("hourly.csv")).unwrap();
    let header = hourly.lines().next().unwrap();
    assert!(header.contains(",'@SUM(1):busy,"), "{header}");
    assert!(!header.contains(",@SUM"), "{header}");
    let _ = std::fs::remove_dir_all(&dir);
}
