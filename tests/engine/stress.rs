//! The stress test: node TTS against hand-derived values on a zero-noise
//! line, against `run` of the same open-ended outage, monotone bisection,
//! and advice that holds when the advised scenario is tested again.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn taktline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taktline"))
        .env("TAKTLINE_CHECK_TEXT", "1") // charts with overlapping labels fail
        .args(args)
        .output()
        .expect("the binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("taktline-stress-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ok(args: &[&str]) -> String {
    let o = taktline(args);
    assert!(
        o.status.success(),
        "taktline {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The baseline without noise: every cv 0, no failures, a first-pass
/// yield of 1.
fn zero_noise(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string("scenarios/baseline.ron").unwrap();
    let mut z = text
        .replace(", failures: (mtbf: \"40h\", mttr: \"45min\")", "")
        .replace("first_pass_yield: 0.97", "first_pass_yield: 1.0");
    for cv in ["0.15", "0.2", "0.1", "0.3"] {
        z = z.replace(&format!("cv: {cv}"), "cv: 0.0");
    }
    assert!(!z.contains("mtbf") && !z.contains("cv: 0.1"), "{z}");
    let file = dir.join("zero-noise.ron");
    std::fs::write(&file, z).unwrap();
    file
}

fn stress(file: &Path, out: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "stress",
        file.to_str().unwrap(),
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ok(&args);
    serde_json::from_str(&std::fs::read_to_string(out.join("stress.json")).unwrap()).unwrap()
}

fn node<'a>(result: &'a Value, name: &str) -> &'a Value {
    result["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["node"] == name)
        .unwrap_or_else(|| panic!("node {name} in {result}"))
}

#[test]
fn zero_noise_node_times_to_survive_match_hand_derived_values() {
    let dir = scratch("zero");
    let file = zero_noise(&dir);
    let result = stress(
        &file,
        &dir.join("out"),
        &["--nodes", "S3,Suzhou-Shanghai", "-n", "2"],
    );
    // Robot n is released at 12n min and passes S1..S5 at once: S3 holds it
    // from 12n + 20 to 12n + 31, and it completes at 12n + 52. At 10 d
    // (14,400 min) S3 holds robot 1198 (S3 from 14,396), which its twin
    // completes at 14,428 min: the first robot behind, 28 min after the start.
    let s3 = node(&result, "S3");
    assert!((s3["tts_h"]["estimate"]["mean"].as_f64().unwrap() - 28.0 / 60.0).abs() < 1e-9);
    // Suzhou's trucks leave every 4 h from 02:00 and top the reducers'
    // inventory position up to 360; the last before the closure left at
    // 22:00 (arriving 23:30), and from 22:00 to midnight the line took 60
    // (10 robots each at S1, S2 and S3: 1 + 2 + 3): 300 on hand. Each 12 min
    // cycle takes 6, so 50 cycles empty the stock with robot 1249's S2 start;
    // robot 1249's S3 start (15,008 min) finds none, and its twin completes
    // it at 15,040 min: 640 min after the start.
    let suzhou = node(&result, "Suzhou-Shanghai");
    assert!(
        (suzhou["tts_h"]["estimate"]["mean"].as_f64().unwrap() - 640.0 / 60.0).abs() < 1e-9,
        "{suzhou}"
    );
    assert_eq!(suzhou["tts_h"]["estimate"]["half_width"], 0.0, "no noise");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_node_tts_equals_the_tts_of_the_same_open_ended_outage_run_alone() {
    let dir = scratch("run");
    let result = stress(
        Path::new("scenarios/baseline.ron"),
        &dir.join("out"),
        &["--nodes", "Quzhou-Shanghai", "-n", "1"],
    );
    let tts = node(&result, "Quzhou-Shanghai")["tts_h"]["estimate"]["mean"]
        .as_f64()
        .unwrap();
    // The same outage, scheduled until the horizon, run as a scenario.
    let base = std::fs::canonicalize("scenarios/baseline.ron").unwrap();
    let file = dir.join("closed.ron");
    std::fs::write(
        &file,
        format!(
            "Scenario(extends: {base:?}, add_disruptions: [Scheduled(name: \"closed\", start: \"10d\", duration: \"20d\", effects: [RouteClosure(\"Quzhou-Shanghai\")])])"
        ),
    )
    .unwrap();
    let out = dir.join("run");
    ok(&[
        "run",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let run_tts = summary["resilience"][0]["time_to_survive_h"]
        .as_f64()
        .unwrap();
    assert_eq!(tts, run_tts);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_longer_outage_is_never_harmless_when_a_shorter_one_is_not() {
    let dir = scratch("monotone");
    let result = stress(
        Path::new("scenarios/baseline.ron"),
        &dir.join("out"),
        &["--nodes", "Wenzhou,Suzhou-Shanghai", "-n", "5"],
    );
    for n in result["nodes"].as_array().unwrap() {
        let curve = n["curve"].as_array().unwrap();
        assert!(
            curve.len() >= 3,
            "bisection evaluated several durations: {n}"
        );
        let harmless: Vec<bool> = curve
            .iter()
            .map(|p| p["share_harmless"].as_f64().unwrap() >= 0.95)
            .collect();
        let first_harmful = harmless.iter().position(|h| !h).unwrap_or(harmless.len());
        assert!(
            harmless[first_harmful..].iter().all(|h| !h),
            "{}: {harmless:?}",
            n["node"]
        );
        let longest = n["longest_harmless_h"].as_f64().unwrap();
        for p in curve {
            let d = p["duration_h"].as_f64().unwrap();
            if d <= longest {
                assert!(p["share_harmless"].as_f64().unwrap() >= 0.95, "{n}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn advised_stock_makes_the_node_ride_out_its_time_to_recover() {
    let dir = scratch("advice");
    let result = stress(
        Path::new("scenarios/baseline.ron"),
        &dir.join("out"),
        &["--nodes", "Suzhou-Shanghai,S3", "-n", "4", "--advise"],
    );
    let s3 = node(&result, "S3");
    assert!(
        s3["advice"]["verdict"]
            .as_str()
            .unwrap()
            .contains("stock cannot help"),
        "{s3}"
    );
    let route = node(&result, "Suzhou-Shanghai");
    assert_eq!(route["at_risk"], true);
    let levels = route["advice"]["order_up_to"].as_array().unwrap();
    assert_eq!(levels.len(), 1, "{route}");
    let (old, new) = (
        levels[0][1].as_u64().unwrap(),
        levels[0][2].as_u64().unwrap(),
    );
    assert!(new > old);
    // The advised scenario: the route's level and the starting stock raised.
    let text = std::fs::read_to_string("scenarios/baseline.ron").unwrap();
    let extra = new - old;
    let advised = text
        .replacen(
            &format!("order_up_to: {old})"),
            &format!("order_up_to: {new})"),
            1,
        )
        .replacen("on_hand: 360)", &format!("on_hand: {})", 360 + extra), 1);
    assert_ne!(advised, text, "the advised levels were written");
    let file = dir.join("advised.ron");
    std::fs::write(&file, advised).unwrap();
    let again = stress(
        &file,
        &dir.join("again"),
        &["--nodes", "Suzhou-Shanghai", "-n", "4"],
    );
    let n = node(&again, "Suzhou-Shanghai");
    assert!(
        n["longest_harmless_h"].as_f64().unwrap() + 1.0 >= n["ttr_h"].as_f64().unwrap(),
        "advised: {n}"
    );
    // All the advice as one plan that compare takes: the same levels.
    let plan = result["advice_plan"]["plan"].as_str().unwrap();
    assert!(
        plan.contains(&format!("routes.Suzhou-Shanghai.order_up_to={new}"))
            && plan.contains(&format!("parts.harmonic reducer.on_hand={}", 360 + extra)),
        "{plan}"
    );
    let o = taktline(&[
        "compare",
        "scenarios/baseline.ron",
        "--plan",
        plan,
        "--years",
        "1",
        "-n",
        "0",
        "--quiet",
        "--out",
        dir.join("compare").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_nodes_and_bad_times_to_recover_are_refused() {
    for args in [
        vec!["stress", "--nodes", "Atlantis"],
        vec!["stress", "--ttr", "Wenzhou=0h"],
        vec!["stress", "--ttr", "Atlantis=4h"],
        vec!["stress", "--ttr", "Wenzhou"],
        vec!["stress", "--start", "40d"],
    ] {
        let o = taktline(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("error:"));
    }
}

#[test]
fn the_stress_test_gives_the_same_answer_on_any_number_of_threads() {
    let dir = scratch("jobs");
    let one = stress(
        Path::new("scenarios/baseline.ron"),
        &dir.join("one"),
        &["--nodes", "Suzhou-Shanghai,S2", "-n", "3", "--jobs", "1"],
    );
    let two = stress(
        Path::new("scenarios/baseline.ron"),
        &dir.join("two"),
        &["--nodes", "Suzhou-Shanghai,S2", "-n", "3", "--jobs", "2"],
    );
    assert_eq!(one, two);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_costs_and_groups_are_refused_where_they_are_written() {
    let dir = scratch("bad-costs");
    let text = std::fs::read_to_string("scenarios/baseline.ron").unwrap();
    for (from, to, expected) in [
        (
            "\"bearing\": 30.0}",
            "\"bearing\": -30.0}",
            "must be finite and >= 0",
        ),
        (
            "margin_per_robot: 40000.0",
            "margin_per_robot: -1.0",
            "must be finite and >= 0",
        ),
        (
            "members: [\"Wenzhou\", \"Wenzhou-Shanghai\"]",
            "members: [\"Wenzhou\", \"Atlantis\"]",
            "unknown node \"Atlantis\"",
        ),
        (
            "\"S1\": \"8h\"",
            "\"S1\": \"0h\"",
            "time to recover must be positive",
        ),
    ] {
        let bad = text.replacen(from, to, 1);
        assert_ne!(bad, text, "{from}");
        let file = dir.join("bad.ron");
        std::fs::write(&file, &bad).unwrap();
        let o = taktline(&["check", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{from}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expected), "{from}: {err}");
        // file:line:column of the offending item
        let line_of = bad.lines().position(|l| l.contains(to)).unwrap() + 1;
        assert!(
            err.contains(&format!("bad.ron:{line_of}:")),
            "{from}: {err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn at_partial_capacity_spare_capacity_survives_and_a_slow_station_delays_less_than_a_down_one() {
    let dir = scratch("capacity");
    let file = zero_noise(&dir);
    let nodes = ["--nodes", "Wenzhou,Quzhou,S3", "-n", "2"];
    let full = stress(&file, &dir.join("full"), &nodes);
    let mut args = nodes.to_vec();
    args.extend(["--capacity", "0.9"]);
    let partial = stress(&file, &dir.join("partial"), &args);
    assert_eq!(partial["capacity"], 0.9);
    let survived = |r: &Value, n: &str| node(r, n)["tts_h"]["share_undefined"].as_f64().unwrap();
    let tts = |r: &Value, n: &str| node(r, n)["tts_h"]["estimate"]["mean"].as_f64().unwrap();
    // Wenzhou at 90 % makes 67.5 bearings an hour; the line uses 60.
    assert_eq!(survived(&partial, "Wenzhou"), 1.0);
    assert_eq!(survived(&full, "Wenzhou"), 0.0);
    // Quzhou at 90 % makes 33.75 servo motors an hour, the line uses 30.
    assert_eq!(survived(&partial, "Quzhou"), 1.0);
    // S3 at 90 % takes 11 / 0.9 = 12.2 min a robot, slower than the takt.
    // The robot it holds at the start finishes late just as when S3 is
    // down, so the first robot behind comes as early (28 min, see above),
    // but over its TTR the line falls far less behind (delay in robot-hours).
    assert_eq!(survived(&partial, "S3"), 0.0);
    assert!((tts(&partial, "S3") - tts(&full, "S3")).abs() < 1e-9);
    let lost = |r: &Value| {
        node(r, "S3")["impact_at_ttr"]["delay_robot_h"]["estimate"]["mean"]
            .as_f64()
            .unwrap()
    };
    assert!(
        lost(&partial) < 0.5 * lost(&full),
        "{} robot-h late at 90 %, {} down",
        lost(&partial),
        lost(&full)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_capacity_outside_zero_to_one_exits_2() {
    for bad in ["0", "1", "1.5", "-0.2", "NaN"] {
        let o = taktline(&["stress", &format!("--capacity={bad}"), "-n", "1", "--quiet"]);
        assert_eq!(o.status.code(), Some(2), "--capacity {bad}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("--capacity"));
    }
}

#[test]
fn at_partial_capacity_nodes_keep_their_kind_and_stock_advice() {
    let dir = scratch("capacity-kind");
    let r = stress(
        Path::new("scenarios/baseline.ron"),
        &dir.join("out"),
        &[
            "--nodes",
            "Suzhou,S3,Suzhou-Shanghai",
            "-n",
            "2",
            "--capacity",
            "0.3",
            "--advise",
        ],
    );
    assert_eq!(node(&r, "Suzhou")["kind"], "supplier");
    assert_eq!(node(&r, "S3")["kind"], "station");
    assert_eq!(node(&r, "Suzhou-Shanghai")["kind"], "route");
    // Suzhou at 30 % cannot keep up with the line: stock is advised, not
    // refused as if no part's supply were touched.
    let advice = node(&r, "Suzhou")["advice"]["verdict"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(node(&r, "Suzhou")["at_risk"] == true, "{r}");
    assert!(!advice.contains("stock cannot help"), "{advice}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_terminal_table_shows_the_cost_it_ranks_by_largest_first() {
    let out = scratch("stress-cost-column");
    let printed = ok(&[
        "stress",
        "scenarios/baseline.ron",
        "--nodes",
        "S1,Suzhou-Shanghai,Wenzhou",
        "-n",
        "2",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    let header = printed.lines().next().unwrap();
    assert!(header.contains("cost at TTR CNY"), "{printed}");
    let costs: Vec<f64> = printed
        .lines()
        .skip(1)
        .take(3)
        .map(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            let at = cells
                .iter()
                .rposition(|c| c.contains(',') || c.parse::<f64>().is_ok())
                .unwrap();
            cells[at].replace(',', "").parse().unwrap()
        })
        .collect();
    assert!(
        costs.windows(2).all(|w| w[0] >= w[1]),
        "ranked by cost, largest first: {costs:?}\n{printed}"
    );
    let _ = std::fs::remove_dir_all(&out);
}
