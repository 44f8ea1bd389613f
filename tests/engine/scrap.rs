//! Scrap at test: a failing robot is scrapped with the given probability,
//! otherwise reworked; its parts are gone and robots stay conserved.

use taktline::experiment::simulate;
use taktline::scenario::{Scenario, load_baseline};
use taktline::stats::RunSummary;
use taktline::time::DAY;

fn with_scrap(first_pass_yield: f64, scrap: f64, days: f64) -> Scenario {
    let mut s = load_baseline().unwrap();
    let test = s.line.test.as_mut().expect("the baseline tests at S5");
    test.first_pass_yield = first_pass_yield;
    test.scrap = scrap;
    s.horizon = days * DAY;
    s
}

#[test]
fn scrapped_robots_match_their_binomial_expectation() {
    let p = 0.25;
    let s = with_scrap(0.8, p, 120.0);
    let sum = RunSummary::new(&s, &simulate(&s, 1));
    let failed = sum.test.failed as f64;
    let scrapped = sum.test.scrapped as f64;
    assert!(failed > 1_000.0, "enough failures to judge: {failed}");
    // The scrap draw is made at the failure itself, independently with
    // probability p: scrapped ~ Binomial(failed, p). Four standard
    // deviations leave a chance of 6e-5 of failing a correct model.
    let sd = (failed * p * (1.0 - p)).sqrt();
    assert!(
        (scrapped - p * failed).abs() <= 4.0 * sd,
        "scrapped {scrapped} of {failed} failures, expected {:.0} +- {:.0}",
        p * failed,
        4.0 * sd
    );
}

#[test]
fn no_scrap_keeps_the_baseline_numbers() {
    let base = load_baseline().unwrap();
    let zero = with_scrap(0.97, 0.0, 30.0);
    assert_eq!(
        simulate(&base, 2).completions,
        simulate(&zero, 2).completions
    );
    assert_eq!(RunSummary::new(&zero, &simulate(&zero, 2)).test.scrapped, 0);
}

#[test]
fn robots_and_parts_are_conserved_with_scrap() {
    let s = with_scrap(0.7, 0.5, 60.0);
    let rec = simulate(&s, 3);
    let sum = RunSummary::new(&s, &rec);
    let c = &sum.conservation;
    assert!(c.scrapped > 100, "scrap happens: {}", c.scrapped);
    assert_eq!(c.released, c.completed + c.scrapped + c.in_process);
    for (p, part) in s.parts.iter().enumerate() {
        let bom = u64::from(part.per_robot);
        // Completed and scrapped robots took their whole bill of materials;
        // robots still in the line took at most theirs.
        assert!(rec.consumed[p] >= (c.completed + c.scrapped) * bom);
        assert!(rec.consumed[p] <= (c.completed + c.scrapped + c.in_process) * bom);
    }
    for p in &sum.parts {
        assert_eq!(
            p.on_hand_at_start + p.received,
            p.consumed + p.on_hand_at_end
        );
    }
}

#[test]
fn a_scrap_probability_outside_zero_to_one_is_rejected() {
    let text = include_str!("../../scenarios/levers/scrap-at-test.ron")
        .replace("scrap: 0.25", "scrap: 1.5")
        .replace("../baseline.ron", "baseline.ron");
    let dir = std::env::temp_dir().join(format!("taktline-scrap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("baseline.ron"),
        include_str!("../../scenarios/baseline.ron"),
    )
    .unwrap();
    let path = dir.join("bad-scrap.ron");
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_taktline"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("line.test.scrap") && err.contains("[0, 1]"),
        "{err}"
    );
    assert!(err.contains("bad-scrap.ron:"), "{err}");
}
