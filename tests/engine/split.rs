//! Split sourcing: each order of a part placed once and shared between its
//! split routes; on equal zero-noise transit a split behaves exactly as one
//! route, and each route carries its share.

use taktline::experiment::simulate;
use taktline::scenario::{Dist, Policy, Scenario, Supplier, load_baseline};
use taktline::stats::RunSummary;

use super::common::example;

/// The baseline on fixed transit times, its bearings from Wenzhou alone.
fn single() -> Scenario {
    let mut s = load_baseline().unwrap();
    for r in &mut s.routes {
        r.transit = Dist::Fixed(r.transit.mean());
    }
    s
}

/// The same with the bearing order split: Wenzhou `share`, the rest from a
/// twin of Wenzhou on a route with the same timetable and transit.
fn split(share: f64) -> Scenario {
    let mut s = single();
    let twin = Supplier {
        name: "Wenzhou 2".into(),
        ..s.suppliers[0].clone()
    };
    s.suppliers.push(twin);
    let mut route = s.routes[0].clone();
    route.name = "Wenzhou 2-Shanghai".into();
    route.supplier = taktline::scenario::SupplierId::new(s.suppliers.len() - 1);
    route.policy = Policy::Split { share: 1.0 - share };
    s.routes[0].policy = Policy::Split { share };
    s.routes.push(route);
    s
}

#[test]
fn a_split_on_equal_transit_delivers_exactly_what_one_route_would() {
    let one = simulate(&single(), 0);
    let two = simulate(&split(0.7), 0);
    assert_eq!(one.completions, two.completions);
    let (a, b) = (&two.shipped, &one.shipped);
    assert_eq!(
        a[0] + a[3],
        b[0],
        "the two routes together ship the one order"
    );
}

#[test]
fn each_split_route_carries_its_share_of_every_order() {
    let s = split(0.7);
    let rec = simulate(&s, 0);
    let sum = RunSummary::new(&s, &rec);
    let (w, n) = (&sum.routes[0], &sum.routes[3]);
    let total = (w.shipped + n.shipped) as f64;
    // Each order is rounded to whole units: half a unit per departure.
    let slack = 0.5 * w.trucks.max(n.trucks) as f64;
    assert!(total > 10_000.0, "the run ships enough to test: {total}");
    assert!(
        (w.shipped as f64 - 0.7 * total).abs() <= slack,
        "Wenzhou shipped {} of {total}, expected 70 % within {slack}",
        w.shipped
    );
}

#[test]
fn a_zero_share_is_the_single_route_and_the_example_saves_the_typhoon() {
    let s = split(1.0);
    let rec = simulate(&s, 0);
    assert_eq!(RunSummary::new(&s, &rec).routes[3].trucks, 0);
    assert_eq!(rec.completions, simulate(&single(), 0).completions);
    let with = example("scenarios/levers/typhoon-with-split-bearings.ron");
    let without = example("scenarios/typhoon-wenzhou.ron");
    for rep in 0..3 {
        let a = simulate(&with, rep).completions.len();
        let b = simulate(&without, rep).completions.len();
        assert!(a > b, "replication {rep}: {a} with the split, {b} without");
    }
}

#[test]
fn varying_one_split_share_rescales_the_others_to_keep_the_sum_one() {
    let path = std::path::Path::new("scenarios/levers/typhoon-with-split-bearings.ron");
    let setting = [taktline::scenario::Override::vary(
        "routes.Ningbo-Shanghai.policy.share",
        "0.2",
    )];
    let s = taktline::scenario::load_with(Some(path), &setting)
        .unwrap()
        .scenario;
    let share = |name: &str| match s.routes.iter().find(|r| r.name == name).unwrap().policy {
        Policy::Split { share } => share,
        other => panic!("{name} is {other:?}"),
    };
    assert!((share("Ningbo-Shanghai") - 0.2).abs() < 1e-12);
    assert!((share("Wenzhou-Shanghai") - 0.8).abs() < 1e-12);
}
