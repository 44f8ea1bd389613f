//! Paired resilience figures over replications: a disruption that changes
//! nothing scores exactly zero, with no noise, in every replication.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn taktline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("taktline-res-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A batch of 20 replications of the baseline with `disruptions` added;
/// the first studied disruption's paired figures from summary.json.
fn paired_figures(name: &str, disruptions: &str) -> Value {
    let dir = scratch(name);
    let base = std::fs::canonicalize("scenarios/baseline.ron").unwrap();
    let file = dir.join("s.ron");
    std::fs::write(
        &file,
        format!("Scenario(extends: {base:?}, add_disruptions: [{disruptions}])"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = taktline(&[
        "batch",
        file.to_str().unwrap(),
        "-n",
        "20",
        "--days",
        "15",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    summary["scenarios"][0]["resilience"][0]["figures"].clone()
}

fn assert_costs_nothing(f: &Value) {
    for name in [
        "robots_lost",
        "peak_shortfall",
        "time_to_recover_h",
        "catch_up_h",
        "delay_robot_h",
        "extra_trucks",
    ] {
        assert_eq!(f[name]["estimate"]["mean"], 0.0, "{name}: {f}");
        assert_eq!(f[name]["estimate"]["half_width"], 0.0, "{name}: {f}");
        assert_eq!(f[name]["estimate"]["n"], 20, "{name} in every replication");
    }
    assert_eq!(
        f["time_to_survive_h"]["undefined"], 20,
        "every replication survived"
    );
    assert_eq!(f["time_to_survive_h"]["share_undefined"], 1.0);
    assert_eq!(
        f["lowest_rolling_24h"]["estimate"]["mean"],
        f["twin_lowest_rolling_24h"]["estimate"]["mean"],
        "the same lowest 24 h output as the twin"
    );
    assert_eq!(
        f["cost"]["estimate"]["mean"], 0.0,
        "the baseline has costs: a harmless disruption costs 0"
    );
}

#[test]
fn a_zero_length_disruption_scores_exactly_zero_in_every_replication() {
    let f = paired_figures(
        "zero",
        "Scheduled(name: \"nothing\", start: \"10d\", duration: \"0h\", effects: [StationDown(\"S3\"), SupplierOutage(\"Wenzhou\"), RouteClosure(\"Suzhou-Shanghai\")])",
    );
    assert_costs_nothing(&f);
}

#[test]
fn a_harmless_disruption_scores_exactly_zero_in_every_replication() {
    // Wenzhou stops for an hour: two days of bearings on hand carry the line.
    let f = paired_figures(
        "harmless",
        "Scheduled(name: \"a short stop\", start: \"10d\", duration: \"1h\", effects: [SupplierOutage(\"Wenzhou\")])",
    );
    assert_costs_nothing(&f);
}
