//! Reproducibility and common random numbers.

use std::path::Path;

use taktline::experiment::{run_replication, simulate};
use taktline::scenario::{Scenario, Timing, load_baseline, load_file};
use taktline::time::{DAY, MINUTE};

fn summary_json(s: &Scenario, rep: u64) -> String {
    let o = run_replication(s, rep);
    serde_json::to_string(&o.summary_file(s)).unwrap()
}

#[test]
fn same_seed_gives_identical_summary_json() {
    let s = load_file(Path::new("scenarios/typhoon-wenzhou.ron")).unwrap();
    assert_eq!(summary_json(&s, 2), summary_json(&s, 2));
}

#[test]
fn other_replications_and_seeds_give_other_numbers() {
    let s = load_baseline().unwrap();
    let a = summary_json(&s, 0);
    assert_ne!(a, summary_json(&s, 1));
    let reseeded = Scenario {
        seed: 99,
        ..s.clone()
    };
    assert_ne!(a, summary_json(&reseeded, 0));
}

#[test]
fn stepping_in_small_increments_gives_the_same_run() {
    let s = load_baseline().unwrap();
    let whole = simulate(&s, 0);
    let mut sim = taktline::model::Simulation::new(&s, 0);
    let mut t = 0.0;
    while t < s.horizon {
        t += 7.3 * MINUTE;
        sim.step_until(t);
    }
    let stepped = sim.run();
    assert_eq!(whole.completions, stepped.completions);
    assert_eq!(whole.hours, stepped.hours);
}

fn disruption_start(s: &Scenario) -> f64 {
    match s.disruptions[0].timing {
        Timing::Scheduled { start, .. } => start,
        Timing::Random { .. } => unreachable!(),
    }
}

#[test]
fn every_disruption_twin_is_identical_until_the_disruption() {
    let base = load_baseline().unwrap();
    for file in [
        "typhoon-wenzhou",
        "power-cut-quzhou",
        "suzhou-route-closed",
        "s3-down",
    ] {
        let s = load_file(Path::new(&format!("scenarios/{file}.ron"))).unwrap();
        let start = disruption_start(&s);
        for rep in 0..3 {
            let d = simulate(&s, rep);
            let u = simulate(&base, rep);
            let before =
                |c: &Vec<f64>| c.iter().copied().filter(|&t| t < start).collect::<Vec<_>>();
            assert_eq!(
                before(&d.completions),
                before(&u.completions),
                "{file} rep {rep}"
            );
            let hours = |r: &taktline::observe::Recorder| {
                let before = r.hours.iter().filter(|h| h.totals.end <= start);
                before.map(|h| format!("{h:?}")).collect::<Vec<_>>()
            };
            assert_eq!(
                hours(&d),
                hours(&u),
                "{file} rep {rep}: hourly series differ before the start"
            );
            assert!(d.completions.len() <= u.completions.len() + 5);
        }
    }
}

/// On a line with spare capacity (takt 14 min), S3 down for 8 h puts the
/// line behind; once it has caught up and idled, the disrupted run and its
/// twin run in step again: the same robots complete at the same instants.
#[test]
fn disrupted_run_is_back_in_step_after_catching_up() {
    let mut s = load_file(Path::new("scenarios/s3-down.ron")).unwrap();
    s.line.takt = 14.0 * MINUTE;
    let twin = s.undisrupted();
    let d = simulate(&s, 0);
    let u = simulate(&twin, 0);
    let start = disruption_start(&s);
    assert_ne!(
        d.completions, u.completions,
        "the disruption must change something"
    );
    let end = start + 8.0 * 3600.0;
    let from = end + 3.0 * DAY;
    let after = |c: &Vec<f64>| c.iter().copied().filter(|&t| t >= from).collect::<Vec<_>>();
    assert_eq!(d.completions.len(), u.completions.len());
    assert_eq!(after(&d.completions), after(&u.completions));
}
