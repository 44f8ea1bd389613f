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

#[test]
fn every_problem_with_an_extends_base_is_an_error_at_the_extends_line() {
    let dir = scratch("bases");
    std::fs::create_dir_all(dir.join("folder")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("loop-b.ron", dir.join("loop-a.ron")).unwrap();
        std::os::unix::fs::symlink("loop-a.ron", dir.join("loop-b.ron")).unwrap();
    }
    std::fs::write(
        dir.join("other.ron"),
        "Scenario(\n    extends: \"cycle.ron\",\n)\n",
    )
    .unwrap();
    for (name, base, said) in [
        ("folder", "folder", "not a regular file"),
        ("empty", "", "file name is empty"),
        ("itself", "itself.ron", "extends itself"),
        (
            "cycle",
            "other.ron",
            "a cycle of extends: cycle.ron -> other.ron -> cycle.ron",
        ),
        ("loop", "loop-a.ron", "a loop of symbolic links"),
    ] {
        let text = format!("Scenario(\n    extends: {base:?},\n    name: \"x\",\n)\n");
        let (code, stderr) = check(&dir, name, &text);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains(said), "{name}: {stderr}");
        assert!(!stderr.contains("does not exist"), "{name}: {stderr}");
        // At the extends of the file that names the base (for the cycle,
        // the file where it closes).
        let at = if name == "cycle" {
            "other.ron:2:14"
        } else {
            &format!("{name}.ron:2:14")
        };
        assert!(stderr.contains(at), "{name}: at {at}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_added_disruption_is_reported_in_the_file_and_at_the_index_it_is_written() {
    let dir = scratch("added");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
    let item = |name: &str, supplier: &str| {
        format!(
            "        Scheduled(name: {name:?}, start: \"10d\", duration: \"5h\", effects: [SupplierOutage({supplier:?})]),\n"
        )
    };
    let file = |extends: &Path, items: &[String]| {
        format!(
            "Scenario(\n    extends: {extends:?},\n    add_disruptions: [\n{}    ],\n)\n",
            items.concat()
        )
    };
    // The bad item is the leaf's second; merged, it is the chain's third.
    let mid = dir.join("mid.ron");
    std::fs::write(&mid, file(&base, &[item("a", "Wenzhou")])).unwrap();
    let leaf = file(&mid, &[item("b", "Quzhou"), item("c", "Nowhere")]);
    let (code, stderr) = check(&dir, "leaf", &leaf);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("leaf.ron:5:") && stderr.contains("add_disruptions[1].effects[0]"),
        "{stderr}"
    );
    // The bad item is the base's: the leaf's valid items are not blamed.
    std::fs::write(&mid, file(&base, &[item("a", "Nowhere")])).unwrap();
    let leaf = file(&mid, &[item("b", "Quzhou"), item("c", "Suzhou")]);
    let (code, stderr) = check(&dir, "leaf", &leaf);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("mid.ron:4:") && stderr.contains("add_disruptions[0].effects[0]"),
        "{stderr}"
    );
    assert!(!stderr.contains("leaf.ron"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn random_disruptions_too_frequent_to_study_are_refused_up_front() {
    let dir = scratch("frequent");
    let text = shipped_with(
        "scenarios/baseline.ron",
        "disruptions: [],",
        "disruptions: [Random(name: \"flicker\", mean_between: \"1min\", duration: Fixed(\"10s\"), effects: [StationDown(\"S3\")])],",
    );
    let (code, stderr) = check(&dir, "frequent", &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("disruptions[0].mean_between") && stderr.contains("at most 1000"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_list_is_held_to_the_documented_ten_thousand_items() {
    let dir = scratch("lists");
    let effects = vec!["StationDown(\"S3\")"; 10_001].join(", ");
    let text = shipped_with(
        "scenarios/baseline.ron",
        "disruptions: [],",
        &format!(
            "disruptions: [Scheduled(name: \"x\", start: \"1d\", duration: \"1h\", effects: [{effects}])],"
        ),
    );
    let (code, stderr) = check(&dir, "effects", &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("disruptions[0].effects[10000]") && stderr.contains("at most 10000"),
        "{stderr}"
    );
    let many: String = (0..10_001)
        .map(|i| format!("Scheduled(name: \"d{i}\", start: \"1d\", duration: \"1h\", effects: [StationDown(\"S3\")]), "))
        .collect();
    let text = shipped_with(
        "scenarios/baseline.ron",
        "disruptions: [],",
        &format!("disruptions: [{many}],"),
    );
    let (code, stderr) = check(&dir, "disruptions", &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("disruptions[10000]: 10001 disruptions"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_flood_of_problems_is_cut_to_two_hundred_each_short() {
    let dir = scratch("flood");
    // 300 effects naming a station that does not exist, among 50 stations' names.
    let effects = vec!["StationDown(\"S9\")"; 300].join(", ");
    let text = shipped_with(
        "scenarios/baseline.ron",
        "disruptions: [],",
        &format!(
            "disruptions: [Scheduled(name: \"x\", start: \"1d\", duration: \"1h\", effects: [{effects}])],"
        ),
    );
    let (code, stderr) = check(&dir, "flood", &text);
    assert_eq!(code, 2, "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(lines.len(), 201, "{stderr}");
    assert!(
        lines[200].contains("and 100 more problems"),
        "{}",
        lines[200]
    );
    let parts: String = (0..50)
        .map(|i| format!("(name: \"p{i}\", per_robot: 0, on_hand: 1), "))
        .collect();
    let text = shipped_with(
        "scenarios/baseline.ron",
        "parts: [",
        &format!("parts: [{parts}"),
    );
    let text = text.replace("\"servo motor\": 1,", "\"servo motr\": 1,");
    let (code, stderr) = check(&dir, "known", &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("(53 in all)"), "{stderr}");
    assert!(stderr.lines().all(|l| l.len() < 400), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_capacity_share_below_the_largest_slowdown_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(["stress", "--capacity", "0.0001", "-n", "2", "--out"])
        .arg(std::env::temp_dir().join(format!("taktline-probe-{}-capacity", std::process::id())))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--capacity 0.0001") && stderr.contains("0.001"),
        "{stderr}"
    );
}

#[test]
fn chinese_names_draw_as_glyphs_not_empty_boxes() {
    // Drawn as boxes, two names of two characters each give the same image.
    let dir = scratch("cjk");
    let mut images = Vec::new();
    for name in ["温州", "台风"] {
        let text = shipped_with(
            "scenarios/baseline.ron",
            "name: \"Baseline: Yangtze River Delta robot line\",",
            &format!("name: {name:?},"),
        );
        let file = dir.join(format!("{}.ron", images.len()));
        std::fs::write(&file, text).unwrap();
        let out = dir.join(format!("out{}", images.len()));
        let ran = Command::new(env!("CARGO_BIN_EXE_taktline"))
            .args(["run", "--days", "2", "--out"])
            .arg(&out)
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(
            ran.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&ran.stderr)
        );
        images.push(std::fs::read(out.join("daily-output.png")).unwrap());
    }
    assert_ne!(images[0], images[1], "the two names draw differently");
    let _ = std::fs::remove_dir_all(&dir);
}
