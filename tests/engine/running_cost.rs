//! The running cost of a plan: what it costs a year while nothing goes
//! wrong, by kind, scaled from the run after its warm-up. Each figure is
//! derived by hand from what the same run recorded, so nothing here can
//! pass by tuning.

use taktline::experiment::run_replication;
use taktline::stats::RunningCost;

use super::common::{example, scenario};
use crate::drive::{BASELINE, Scratch, arg, baseline_without_plan, quick};

/// The baseline with `extra` added to its `costs` block.
fn baseline_costing(extra: &str) -> taktline::scenario::Scenario {
    let anchor = "holding_rate_per_year: 0.20,";
    assert!(BASELINE.contains(anchor));
    scenario(&BASELINE.replacen(anchor, &format!("{anchor} {extra}"), 1))
}

fn running(s: &taktline::scenario::Scenario, replication: u64) -> RunningCost {
    let out = run_replication(s, replication);
    out.summary.running_cost.expect("the baseline has costs")
}

#[test]
fn a_plan_whose_only_change_is_a_standby_fee_costs_exactly_that_fee_more() {
    let base = running(&baseline_costing(""), 2);
    let with_fee = running(
        &baseline_costing(
            "standby_per_year: {\"Wenzhou-Shanghai\": 125000.0, \"Quzhou\": 5000.0},",
        ),
        2,
    );
    assert_eq!(with_fee.standby, 130_000.0);
    assert_eq!(with_fee.total - base.total, 130_000.0);
    assert_eq!(with_fee.freight, base.freight, "nothing else moves");
}

#[test]
fn freight_and_purchases_are_a_years_share_of_what_left_after_the_warm_up() {
    let s = baseline_costing("unit_price: {\"Wenzhou\": 2.5, \"Suzhou\": 40.0},");
    let out = run_replication(&s, 1);
    let rec = &out.recorded;
    let cost = out.summary.running_cost.unwrap();
    let year = 365.0 * 86_400.0 / (s.horizon - s.warmup);
    // The span it says it was counted over is the one it scaled from.
    assert_eq!(cost.counted_days, (s.horizon - s.warmup) / 86_400.0);
    let costs = s.costs.as_ref().unwrap();
    let freight: f64 = rec
        .after_warmup
        .iter()
        .zip(&costs.per_truck)
        .map(|(&(trucks, _), &per)| trucks as f64 * per * year)
        .sum();
    assert!((cost.freight - freight).abs() <= 1e-6 * freight, "{cost:?}");
    let price = |name: &str| {
        if name == "Wenzhou" {
            2.5
        } else if name == "Suzhou" {
            40.0
        } else {
            0.0
        }
    };
    let purchases: f64 = s
        .routes
        .iter()
        .zip(&rec.after_warmup)
        .map(|(r, &(_, units))| units as f64 * price(&s.suppliers[r.supplier.index()].name) * year)
        .sum();
    assert!(purchases > 0.0);
    assert!((cost.purchases - purchases).abs() <= 1e-6 * purchases);
    // Fewer trucks left after the warm-up than in the whole run.
    let all: u64 = rec.trucks.iter().sum();
    let after: u64 = rec.after_warmup.iter().map(|&(t, _)| t).sum();
    assert!(after < all, "{after} of {all}");
    assert_eq!(
        cost.total,
        cost.holding
            + cost.freight
            + cost.emergency
            + cost.purchases
            + cost.standby
            + cost.overtime
    );
}

#[test]
fn split_sourcing_pays_for_its_extra_trucks_every_year() {
    // The complaint: the split's second source sends extra trucks
    // that appeared nowhere. Its running cost (the twin's) shows them.
    let split = example("scenarios/levers/typhoon-with-split-bearings.ron");
    let base = example("scenarios/typhoon-wenzhou.ron");
    let twin_cost = |s: &taktline::scenario::Scenario| {
        let out = run_replication(s, 0);
        out.twin.unwrap().summary.running_cost.unwrap()
    };
    let (split, base) = (twin_cost(&split), twin_cost(&base));
    assert!(
        split.freight > base.freight + 1.0e6,
        "split {} vs base {} a year",
        split.freight,
        base.freight
    );
}

#[test]
fn overtime_is_charged_for_its_hours_after_the_warm_up() {
    let s = example("scenarios/levers/two-shifts-with-overtime.ron");
    let out = run_replication(&s, 0);
    let cost = out.summary.running_cost.unwrap();
    let rate = s.costs.as_ref().unwrap().overtime_per_hour;
    let hours: f64 = out
        .recorded
        .overtime
        .iter()
        .map(|&(t, len)| (t + len - t.max(s.warmup)).max(0.0) / 3_600.0)
        .sum();
    assert!(hours > 0.0);
    let year = 365.0 * 86_400.0 / (s.horizon - s.warmup);
    assert!((cost.overtime - hours * rate * year).abs() < 1e-6 * cost.overtime);
}

#[test]
fn unknown_names_and_bad_amounts_in_the_new_costs_are_errors_at_their_place() {
    let dir = Scratch::new("running-cost");
    for (name, extra, said) in [
        (
            "price",
            "unit_price: {\"Ningbo\": 1.0},",
            "unknown supplier \"Ningbo\"",
        ),
        (
            "fee",
            "standby_per_year: {\"S3\": 1.0},",
            "neither a supplier nor a route",
        ),
        (
            "negative",
            "standby_per_year: {\"Quzhou\": -5.0},",
            "finite and >= 0",
        ),
        (
            "twice",
            "unit_price: {\"Quzhou\": 1.0, \"Quzhou\": 2.0},",
            "named twice",
        ),
    ] {
        let text = BASELINE.replacen(
            "holding_rate_per_year: 0.20,",
            &format!("holding_rate_per_year: 0.20, {extra}"),
            1,
        );
        let line = text[..text.find(extra).unwrap()].matches('\n').count() + 1;
        let file = dir.write(&format!("{name}.ron"), text);
        quick(&["check", arg(&file)]).fails(2, &[said, &format!("{name}.ron:{line}:")]);
    }
}

#[test]
fn the_study_page_shows_each_plans_year_from_its_undisrupted_run() {
    // A disrupted plan's running cost is its twin's: the typhoon's batch
    // and the undisrupted baseline share the same undisrupted runs, so the
    // page shows the same yearly cost for both.
    let dir = Scratch::new("study-running-cost");
    let out = dir.join("study");
    crate::drive::taktline(&[
        "batch",
        "scenarios/baseline.ron",
        "scenarios/typhoon-wenzhou.ron",
        "-n",
        "2",
        "--days",
        "20",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    let page = crate::drive::read(&out.join("index.html"));
    assert!(page.contains("What each plan costs a year"), "{page}");
    assert!(
        page.contains("counted over [days after the warm-up]"),
        "{page}"
    );
    let section = page
        .split("What each plan costs a year</h2>")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap();
    let cells: Vec<&str> = section
        .split("<td>")
        .skip(1)
        .map(|c| c.split("</td>").next().unwrap())
        .filter(|c| c.contains('±'))
        .collect();
    assert_eq!(cells.len(), 2, "{section}");
    assert_eq!(cells[0], cells[1], "the twin's year is the baseline's");
}

#[test]
fn a_split_with_equal_prices_and_transit_costs_exactly_its_extra_trucks() {
    // Deterministic transit, so both halves of an order arrive together
    // and the factory sees exactly the base's deliveries.
    let wenzhou = "transit: LogNormal(mean: \"5.5h\", cv: 0.15), order_up_to: 2880)";
    let fixed = "transit: Fixed(\"5.5h\"), order_up_to: 2880";
    let base_text = baseline_without_plan().replacen(wenzhou, &format!("{fixed})"), 1);
    let split_text = base_text
        .replacen(
            &format!("{fixed})"),
            &format!(
                "{fixed}, policy: Split(share: 0.5)),\n        (name: \"Wenzhou B-Shanghai\", from: \"Wenzhou B\", \
                 first_departure: \"8h\", every: \"12h\", truck_capacity: 3000, {fixed}, policy: Split(share: 0.5))"
            ),
            1,
        )
        .replacen(
            "    suppliers: [\n",
            "    suppliers: [\n        (name: \"Wenzhou B\", part: \"bearing\", rate_per_h: 75.0, fg_cap: 4000, fg_initial: 2000),\n",
            1,
        )
        .replacen(
            "per_truck: {",
            "per_truck: {\"Wenzhou B-Shanghai\": 3500.0, ",
            1,
        );
    assert_ne!(split_text, base_text);
    let (base_s, split_s) = (scenario(&base_text), scenario(&split_text));
    for rep in 0..2 {
        let (b, s) = (running(&base_s, rep), running(&split_s, rep));
        assert_eq!(s.holding, b.holding, "the same deliveries, the same stock");
        assert_eq!(s.purchases, b.purchases);
        let extra_trucks: f64 = s.by_route.iter().map(|r| r.trucks).sum::<f64>()
            - b.by_route.iter().map(|r| r.trucks).sum::<f64>();
        assert!(extra_trucks > 0.0, "{s:?}");
        let expected = extra_trucks * 3500.0;
        assert!(
            (s.total - b.total - expected).abs() < 1e-6 * expected,
            "{} more, expected {expected}",
            s.total - b.total
        );
    }
}
