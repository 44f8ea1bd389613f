//! Hazard years and `taktline compare`: zero-noise cases derived by hand
//! (a standby fee, a hazard that never strikes), a frequency doubled, and
//! bad plans refused with exit 2.

use taktline::experiment::compare::{CompareSettings, Plan, Verdict, compare};
use taktline::experiment::hazards::hazard_year;
use taktline::experiment::{Prefix, Silent};
use taktline::scenario::Scenario;
use taktline::stats::Estimate;

use super::common::scenario;
use crate::drive::{BASELINE, BASELINE_FILE, Scratch, arg, baseline_with, check, quick, taktline};

fn plan(label: &str, s: Scenario) -> Plan {
    Plan {
        label: label.into(),
        scenario: s,
    }
}

fn settings(years: u64) -> CompareSettings {
    CompareSettings {
        first_year: 0,
        twin_orders: false,
        years,
        replications: 0,
        jobs: Some(2),
        prefix: Prefix::Shared,
    }
}

/// The baseline with its typhoon hazard at `per_year` and no other hazard.
fn typhoons(per_year: f64) -> Scenario {
    let start = BASELINE
        .find("    hazards: [")
        .expect("the baseline has hazards");
    let text = format!(
        "{}    hazards: [(name: \"Typhoon in Wenzhou\", node: \"Wenzhou region\", per_year: {per_year:?},\n\
         duration: Uniform(min: \"24h\", max: \"96h\"))],\n)\n",
        &BASELINE[..start]
    );
    scenario(&text)
}

#[test]
fn a_hazard_that_never_strikes_loses_exactly_nothing() {
    let s = typhoons(0.0);
    for year in 0..3 {
        let y = hazard_year(&s, year, Prefix::Shared);
        assert_eq!((y.events, y.loss), (0, Some(0.0)));
    }
}

#[test]
fn a_plan_whose_only_change_is_a_standby_fee_costs_exactly_that_fee_more() {
    let base = scenario(BASELINE);
    let fee = scenario(&baseline_with(
        "holding_rate_per_year: 0.20,",
        "holding_rate_per_year: 0.20, standby_per_year: {\"Suzhou-Shanghai\": 77000.0},",
    ));
    let c = compare(
        &[plan("base", base), plan("with a fee", fee)],
        settings(4),
        &Silent,
    )
    .unwrap();
    let d = &c.against_base[0].estimate;
    assert_eq!(d.mean, 77_000.0);
    assert_eq!(
        d.std_dev, 0.0,
        "the same years cost the same but for the fee"
    );
    assert_eq!(
        c.plans[0].annual_loss.expected.mean,
        c.plans[1].annual_loss.expected.mean
    );
    assert_eq!(
        c.verdict,
        Verdict::Winner {
            plan: "base".into()
        }
    );
}

#[test]
fn identical_plans_are_tied_not_one_declared_the_winner() {
    let base = scenario(BASELINE);
    let c = compare(
        &[plan("a", base.clone()), plan("b", base)],
        settings(3),
        &Silent,
    )
    .unwrap();
    assert!(matches!(c.verdict, Verdict::Tied { .. }), "{:?}", c.verdict);
}

#[test]
fn doubling_a_hazards_frequency_roughly_doubles_its_expected_annual_loss() {
    let years = 40;
    let loss = |s: &Scenario| -> Vec<f64> {
        (0..years)
            .map(|y| hazard_year(s, y, Prefix::Shared).loss.unwrap())
            .collect()
    };
    let (once, twice) = (loss(&typhoons(1.0)), loss(&typhoons(2.0)));
    let (a, b) = (Estimate::new(&once, 0.95), Estimate::new(&twice, 0.95));
    assert!(a.mean > 0.0, "{a:?}");
    // 2 x EAL(1/year) must lie within the interval of EAL(2/year) widened
    // by the doubled interval of the first (both are estimates).
    let slack = b.half_width + 2.0 * a.half_width;
    assert!(
        (b.mean - 2.0 * a.mean).abs() <= slack,
        "EAL {} at 1/year, {} at 2/year (± {slack})",
        a.mean,
        b.mean
    );
}

#[test]
fn bad_hazards_are_errors_at_their_place() {
    let dir = Scratch::new("hazard-errors");
    for (name, from, to, says) in [
        ("negative", "per_year: 0.8,", "per_year: -1.0,", "per_year"),
        (
            "eleven",
            "monthly_weights: [0.0, 0.0, 0.0, 0.0, 0.2,",
            "monthly_weights: [0.0, 0.0, 0.0, 0.2,",
            "12 numbers",
        ),
        (
            "unknown",
            "node: \"Quzhou\",",
            "node: \"Hangzhou\",",
            "unknown node",
        ),
    ] {
        let text = baseline_with(from, to);
        let line = text
            .lines()
            .position(|l| l.contains(to.trim_end_matches(',')))
            .unwrap()
            + 1;
        check(&dir, name, &text).fails(2, &[says, &format!("{name}.ron:{line}:")]);
    }
}

#[test]
fn compare_refuses_a_missing_plan_and_one_that_makes_another_robot() {
    let dir = Scratch::new("compare-errors");
    let out = dir.join("out");
    quick(&[
        "compare",
        BASELINE_FILE,
        "no-such-plan.ron",
        "--out",
        arg(&out),
    ])
    .fails(2, &["no-such-plan.ron"]);
    // A valid plan (it checks) whose robot also takes a bolt.
    let text = BASELINE
        .replacen(
            "        (name: \"bearing\",          per_robot: 12, on_hand: 2880),\n",
            "        (name: \"bearing\",          per_robot: 12, on_hand: 2880),\n        (name: \"bolt\", per_robot: 1, on_hand: 500),\n",
            1,
        )
        .replacen(
            "    suppliers: [\n",
            "    suppliers: [\n        (name: \"Bolt works\", part: \"bolt\", rate_per_h: 20.0, fg_cap: 1000, fg_initial: 500),\n",
            1,
        )
        .replacen(
            "    routes: [\n",
            "    routes: [\n        (name: \"Bolts-Shanghai\", from: \"Bolt works\", first_departure: \"1h\", every: \"12h\", \
             truck_capacity: 1000, transit: Fixed(\"2h\"), order_up_to: 500),\n",
            1,
        )
        .replacen(
            "consumes: {\"servo motor\": 1, \"harmonic reducer\": 1, \"bearing\": 2}",
            "consumes: {\"servo motor\": 1, \"harmonic reducer\": 1, \"bearing\": 2, \"bolt\": 1}",
            1,
        );
    assert!(text.contains("\"bolt\": 1}"), "the bolt is consumed");
    let other = dir.write("other.ron", &text);
    quick(&["check", arg(&other)]).ok();
    let line = text.lines().position(|l| l.contains("parts: [")).unwrap() + 1;
    quick(&["compare", BASELINE_FILE, arg(&other), "--out", arg(&out)])
        .fails(2, &["are not the base's", &format!("other.ron:{line}:")]);
    quick(&[
        "compare",
        BASELINE_FILE,
        "--plan",
        "no settings",
        "--out",
        arg(&out),
    ])
    .fails(2, &["--plan"]);
}

#[test]
fn compare_writes_its_answer_tables_and_charts() {
    let dir = Scratch::new("compare-files");
    let out = dir.join("out");
    let ran = taktline(&[
        "compare",
        BASELINE_FILE,
        "--plan",
        "more bearings=routes.Wenzhou-Shanghai.order_up_to=9000",
        "--years",
        "3",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    assert!(ran.stdout.contains("more bearings"), "{}", ran.stdout);
    for f in [
        "compare.json",
        "compare.csv",
        "index.html",
        "compare-totals.png",
        "compare-exceedance.png",
        "compare-running-vs-loss.png",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let csv = std::fs::read_to_string(out.join("compare.csv")).unwrap();
    assert!(
        csv.lines().next().unwrap().contains("total_cny_per_year"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3);
    // Each plan says over which span its years were counted: a year from
    // the end of its warm-up (the baseline's 1 day), and its own horizon.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("compare.json")).unwrap()).unwrap();
    let base = &json["plans"][0];
    assert_eq!(base["year_from_h"], 24.0);
    assert_eq!(base["year_to_h"], 24.0 + 8760.0);
    assert_eq!(base["horizon_h"], 720.0);
}

#[test]
fn a_hazard_year_serves_fewer_orders_on_time_the_more_typhoons_strike() {
    // The same years with no typhoon and with six a year, paired by common
    // random numbers: in each year the typhoons keep customers waiting.
    let (calm, stormy) = (typhoons(0.0), typhoons(6.0));
    let c = compare(
        &[plan("calm", calm), plan("stormy", stormy)],
        settings(3),
        &Silent,
    )
    .unwrap();
    let (a, b) = (&c.plans[0], &c.plans[1]);
    for (x, y) in a.years.iter().zip(&b.years) {
        let (x, y) = (x.on_time_share.unwrap(), y.on_time_share.unwrap());
        assert!(y < x, "{x} then {y}");
    }
    let mean: f64 = b
        .years
        .iter()
        .map(|y| y.on_time_share.unwrap())
        .sum::<f64>()
        / 3.0;
    assert!(
        (b.on_time.mean - mean).abs() < 1e-12,
        "{} vs {mean}",
        b.on_time.mean
    );
}
