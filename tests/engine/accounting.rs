//! Cost accounting v3: orders matched first-in first-out with completions,
//! lost after `costs.lost_after`, and every disruption's counted figures
//! over its accounting window. Each check is exact: derived from what the
//! runs themselves recorded, or two runs that must agree to the bit.

use taktline::experiment::run_replication;
use taktline::scenario::Scenario;
use taktline::stats::Resilience;

use super::common::{TYPHOON, book_lost_after_a_day, scenario};
use crate::drive::{BASELINE, Scratch, arg, quick};

/// The baseline with the typhoon, `run` settings replaced and `costs`
/// extra (its `lost_after` removed: orders are never lost unless `costs`
/// says so).
fn typhoon(run: &str, costs: &str) -> Scenario {
    let run_anchor = "horizon: \"30d\",";
    let cost_anchor = "holding_rate_per_year: 0.20,";
    assert!(BASELINE.contains(run_anchor) && BASELINE.contains(cost_anchor));
    let text = BASELINE
        .replacen("lost_after: \"7d\",", "", 1)
        .replacen(run_anchor, run, 1)
        .replacen(cost_anchor, &format!("{cost_anchor} {costs}"), 1)
        .replacen("costs: (", &format!("{TYPHOON}\n    costs: ("), 1);
    scenario(&text)
}

fn typhoon_figures(s: &Scenario, replication: u64) -> Resilience {
    let out = run_replication(s, replication);
    out.twin.expect("disrupted").resilience.remove(0)
}

#[test]
fn every_order_due_is_on_time_late_lost_or_open_exactly_once() {
    let s = typhoon("horizon: \"30d\",", "lost_after: \"1d\",");
    let out = run_replication(&s, 3);
    let rec = &out.recorded;
    let book = book_lost_after_a_day(rec, 0.0, s.horizon);
    assert_eq!(rec.due_instants.len() as u64, rec.due);
    assert_eq!(book.counted(), rec.due, "{book:?}");
    // A one-day limit loses sales to a 72 h typhoon: the check is not empty.
    assert!(book.lost > 0 && book.late > 0, "{book:?}");
}

#[test]
fn without_lost_sales_the_order_lateness_is_the_delay_integral() {
    // Sum over orders of (completion - due), twin subtracted, is the area
    // under the gap: two computations of one figure.
    let s = typhoon("horizon: \"30d\",", "");
    for rep in 0..3 {
        let r = typhoon_figures(&s, rep);
        assert_eq!(r.lost_sales, 0);
        assert!(r.delay_robot_h > 1000.0, "{r:?}");
        let rel = (r.lateness_robot_h - r.delay_robot_h).abs() / r.delay_robot_h;
        assert!(rel < 1e-9, "{} vs {}", r.lateness_robot_h, r.delay_robot_h);
    }
}

#[test]
fn runs_sharing_the_accounting_window_agree_exactly_whatever_their_horizon() {
    let window = "accounting_window: \"12d\",";
    let short = typhoon(
        &format!("horizon: \"30d\", {window}"),
        "lost_after: \"2d\",",
    );
    let long = typhoon(
        &format!("horizon: \"75d\", {window}"),
        "lost_after: \"2d\",",
    );
    for rep in 0..3 {
        let (a, b) = (typhoon_figures(&short, rep), typhoon_figures(&long, rep));
        assert_eq!(a.window_end_h, b.window_end_h);
        assert_eq!(
            (a.robots_lost, a.lost_sales, a.extra_trucks, a.caught_up),
            (b.robots_lost, b.lost_sales, b.extra_trucks, b.caught_up)
        );
        assert_eq!(a.lateness_robot_h, b.lateness_robot_h);
        assert_eq!(a.delay_robot_h, b.delay_robot_h);
        assert_eq!(a.cost, b.cost);
        assert!(a.cost.unwrap() > 0.0);
    }
    // Without the window the figures run to each horizon and differ.
    let open_short = typhoon("horizon: \"30d\",", "");
    let open_long = typhoon("horizon: \"75d\",", "");
    let (a, b) = (
        typhoon_figures(&open_short, 0),
        typhoon_figures(&open_long, 0),
    );
    assert_ne!(a.cost, b.cost);
}

#[test]
fn a_lost_sale_costs_the_margin_and_no_lateness() {
    let s = typhoon("horizon: \"30d\",", "lost_after: \"1d\",");
    let out = run_replication(&s, 1);
    let twin = out.twin.as_ref().unwrap();
    let r = &twin.resilience[0];
    let (start, close) = (r.start_h * 3600.0, r.window_end);
    let book = |rec| book_lost_after_a_day(rec, start, close);
    let (d, u) = (book(&out.recorded), book(&twin.recorded));
    assert_eq!(r.lost_sales, d.lost as i64 - u.lost as i64);
    assert!(r.lost_sales > 0, "{r:?}");
    let c = s.costs.as_ref().unwrap();
    let trucks = |rec: &taktline::observe::Recorder, k: usize| {
        rec.departures[k]
            .iter()
            .filter(|&&t| t >= start && t <= close)
            .count() as f64
    };
    let freight: f64 = (0..s.routes.len())
        .map(|k| (trucks(&out.recorded, k) - trucks(&twin.recorded, k)) * c.per_truck[k])
        .sum();
    let expected = c.margin_per_robot * r.lost_sales as f64
        + c.lateness_per_robot_hour * (d.lateness_robot_h - u.lateness_robot_h)
        + freight;
    assert!(
        (r.cost.unwrap() - expected).abs() < 1e-6,
        "{r:?} vs {expected}"
    );
}

#[test]
fn a_lost_after_or_window_that_is_not_positive_is_an_error_at_its_place() {
    let dir = Scratch::new("accounting-errors");
    for (field, text) in [
        (
            "lost_after",
            BASELINE.replacen("lost_after: \"7d\"", "lost_after: \"0h\"", 1),
        ),
        (
            "accounting_window",
            BASELINE.replacen("seed: 1,", "seed: 1, accounting_window: \"-2d\",", 1),
        ),
    ] {
        let file = dir.write(&format!("{field}.ron"), &text);
        let line = text.lines().position(|l| l.contains(field)).unwrap() + 1;
        quick(&["check", arg(&file)]).fails(2, &[field, &format!("{field}.ron:{line}:")]);
    }
}
