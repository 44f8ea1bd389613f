//! Forking from snapshots: a disrupted run forked from its twin's state at
//! the first start gives, to the bit, what running it from t = 0 gives; for
//! a single run, a batch's twins, the stress test and a comparison.

use taktline::experiment::compare::{CompareSettings, Plan, compare};
use taktline::experiment::record::RepRecord;
use taktline::experiment::records::record_path;
use taktline::experiment::stress::{StressPlan, run_stress};
use taktline::experiment::{
    BatchPlan, Prefix, RunOutcome, Silent, Warmup, run_batch, run_replication_with, simulate,
};
use taktline::model::{ForkError, Simulation};
use taktline::scenario::Scenario;
use taktline::time::{DAY, HOUR};

use super::common::{example, scenario};
use crate::drive::baseline_with;

/// Everything a replication produced, to the last bit of every float.
fn bits(outcome: &RunOutcome) -> String {
    format!("{outcome:?}")
}

fn both(s: &Scenario, r: u64) -> (RunOutcome, RunOutcome) {
    (
        run_replication_with(s, r, &Silent, Prefix::Shared),
        run_replication_with(s, r, &Silent, Prefix::Rerun),
    )
}

/// The baseline with `disruptions` in place of its empty list.
fn baseline_disrupted(disruptions: &str) -> Scenario {
    scenario(&baseline_with(
        "disruptions: [],",
        &format!("disruptions: [{disruptions}],"),
    ))
}

#[test]
fn a_forked_run_and_its_twin_equal_both_run_from_the_start() {
    for path in [
        "scenarios/typhoon-wenzhou.ron",
        "scenarios/s3-down.ron",
        "scenarios/power-cut-quzhou.ron",
        "scenarios/suzhou-route-closed.ron",
    ] {
        let s = example(path);
        for r in 0..3 {
            let (forked, rerun) = both(&s, r);
            assert!(forked.twin.is_some(), "{path}: a disrupted run has a twin");
            assert_eq!(bits(&forked), bits(&rerun), "{path}, replication {r}");
        }
    }
}

#[test]
fn a_fork_at_a_tie_keeps_the_order_a_fresh_start_gives() {
    // Starts at t = 0, at the warm-up's end (1 d) and on an hour boundary,
    // where the disruption's start meets initial and hourly events.
    for start in ["0s", "1d", "5h"] {
        let s = baseline_disrupted(&format!(
            "Scheduled(name: \"cut\", start: \"{start}\", duration: \"30h\", effects: [SupplierOutage(\"Wenzhou\")])"
        ));
        for r in 0..2 {
            let (forked, rerun) = both(&s, r);
            assert_eq!(
                bits(&forked),
                bits(&rerun),
                "start {start}, replication {r}"
            );
        }
    }
}

#[test]
fn a_station_going_down_as_its_service_ends_holds_the_robot_forked_or_not() {
    // Fixed 1 h services end on every hour; the station goes down at 5 h,
    // the very instant one ends. From t = 0 the start comes first (an
    // initial event), so that robot waits out the 30 min: a fork must too.
    let s = scenario(
        r#"Scenario(
            name: "tie",
            run: (horizon: "12h", warmup: "0s", seed: 1),
            parts: [],
            line: (takt: "1h", stations: [(name: "M", buffer: "unbounded", process: Fixed("1h"))]),
            disruptions: [Scheduled(name: "down", start: "5h", duration: "30min", effects: [StationDown("M")])],
        )"#,
    );
    let (forked, rerun) = both(&s, 0);
    assert_eq!(bits(&forked), bits(&rerun));
    let hours: Vec<f64> = forked
        .recorded
        .completions
        .iter()
        .map(|t| t / HOUR)
        .collect();
    assert_eq!(&hours[..5], &[1.0, 2.0, 3.0, 4.0, 5.5], "{hours:?}");
}

#[test]
fn random_disruptions_fork_at_their_first_arrival_and_agree() {
    let s = baseline_disrupted(
        "Random(name: \"glitch\", mean_between: \"3d\", duration: Exponential(mean: \"4h\"), effects: [StationDown(\"S3\")]), \
         Scheduled(name: \"cut\", start: \"12d\", duration: \"2d\", effects: [RouteClosure(\"Suzhou-Shanghai\")])",
    );
    for r in 0..4 {
        let (forked, rerun) = both(&s, r);
        let twin = forked.twin.as_ref().expect("a twin");
        assert!(
            !twin.resilience.is_empty(),
            "replication {r}: the glitch struck"
        );
        assert_eq!(bits(&forked), bits(&rerun), "replication {r}");
    }
}

#[test]
fn a_batch_records_the_same_twins_forked_or_not() {
    let s = example("scenarios/typhoon-wenzhou.ron");
    for r in 0..3 {
        let (forked, rerun) = both(&s, r);
        let record = |o: &RunOutcome| serde_json::to_string(&RepRecord::new(&s, o, r)).unwrap();
        assert_eq!(record(&forked), record(&rerun), "replication {r}");
    }
}

#[test]
fn a_resumed_snapshot_runs_on_exactly_as_the_run_it_came_from() {
    let s = example("scenarios/typhoon-wenzhou.ron");
    let whole = simulate(&s, 1);
    let mut sim = Simulation::new(&s, 1);
    sim.step_until(11.5 * DAY);
    let resumed = Simulation::resume(sim.snapshot()).run();
    assert_eq!(format!("{whole:?}"), format!("{resumed:?}"));
    // The original goes on unaffected by its copy.
    assert_eq!(format!("{whole:?}"), format!("{:?}", sim.run()));
}

#[test]
fn a_fork_is_refused_after_a_start_or_from_a_disrupted_run() {
    let typhoon = example("scenarios/typhoon-wenzhou.ron");
    let mut twin = Simulation::new(&typhoon.undisrupted(), 0);
    twin.step_until(11.0 * DAY);
    match twin.snapshot().fork(&typhoon, 0) {
        Err(ForkError::TooLate { name, start_h, .. }) => {
            assert_eq!(name, "Typhoon in Wenzhou");
            assert_eq!(start_h, 10.0 * DAY / HOUR);
        }
        other => panic!("a fork after the start: {:?}", other.err()),
    }
    let mut disrupted = Simulation::new(&typhoon, 0);
    disrupted.step_until(DAY);
    assert_eq!(
        disrupted.snapshot().fork(&typhoon, 0).err(),
        Some(ForkError::Disrupted(1))
    );
}

#[test]
fn the_stress_test_with_advice_is_the_same_forked_or_rerun() {
    let base = example("scenarios/baseline.ron");
    let plan = |prefix| StressPlan {
        nodes: base
            .stress
            .nodes
            .iter()
            .filter(|n| n.name == "Wenzhou" || n.name == "S3")
            .cloned()
            .collect(),
        start: base.stress.start,
        scenario: base.clone(),
        replications: 3,
        jobs: Some(2),
        resolution: 4.0 * HOUR,
        advise: true,
        capacity: None,
        prefix,
    };
    let forked = run_stress(&plan(Prefix::Shared), &Silent).unwrap();
    let rerun = run_stress(&plan(Prefix::Rerun), &Silent).unwrap();
    assert_eq!(forked.nodes.len(), 2);
    assert_eq!(format!("{forked:?}"), format!("{rerun:?}"));
}

#[test]
fn a_comparison_is_the_same_forked_or_rerun() {
    let typhoon = example("scenarios/typhoon-wenzhou.ron");
    let plans = [
        Plan {
            label: "base".into(),
            scenario: typhoon.clone(),
        },
        Plan {
            label: "split".into(),
            scenario: example("scenarios/levers/typhoon-with-split-bearings.ron"),
        },
    ];
    let run = |prefix| {
        let settings = CompareSettings {
            first_year: 0,
            twin_orders: false,
            years: 3,
            replications: 2,
            jobs: Some(2),
            prefix,
        };
        compare(&plans, settings, &Silent).unwrap()
    };
    assert_eq!(
        format!("{:?}", run(Prefix::Shared)),
        format!("{:?}", run(Prefix::Rerun))
    );
}

/// Every record a batch of `files` writes, by path under its folder.
fn batch_records(files: &[&str], prefix: Prefix, out: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let _ = std::fs::remove_dir_all(out);
    let plan = BatchPlan {
        scenarios: files.iter().map(|f| example(f)).collect(),
        replications: 3,
        out: out.to_path_buf(),
        jobs: Some(2),
        shard: None,
        resume: false,
        warmup: Warmup::Scenario,
        target: None,
        prefix,
    };
    let inputs = run_batch(plan, &Silent).unwrap();
    let mut records = Vec::new();
    for input in &inputs {
        for r in 0..input.replications {
            let path = record_path(&input.dirs[0], r);
            let name = path.strip_prefix(out).unwrap().display().to_string();
            records.push((name, std::fs::read(&path).unwrap()));
        }
    }
    let _ = std::fs::remove_dir_all(out);
    records
}

#[test]
fn scenarios_sharing_one_twin_in_a_batch_record_what_each_alone_records() {
    let files = [
        "scenarios/baseline.ron",
        "scenarios/typhoon-wenzhou.ron",
        "scenarios/s3-down.ron",
        "scenarios/suzhou-route-closed.ron",
    ];
    let dir = std::env::temp_dir().join(format!("taktline-shared-twins-{}", std::process::id()));
    let shared = batch_records(&files, Prefix::Shared, &dir.join("shared"));
    let alone = batch_records(&files, Prefix::Rerun, &dir.join("alone"));
    assert_eq!(shared.len(), 12);
    for ((a, x), (b, y)) in shared.iter().zip(&alone) {
        assert_eq!(a, b);
        assert!(x == y, "{a} differs when its twin is shared");
    }
}
