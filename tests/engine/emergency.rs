//! Emergency orders (expediting): an express route that ships only when
//! factory on-hand falls below its threshold, at most once per minimum gap.

use taktline::model::Simulation;
use taktline::scenario::{Policy, Scenario};
use taktline::time::HOUR;

use super::common::{assert_route_covers_the_typhoon, assert_route_idle, example, route_where};

fn with_emergency() -> Scenario {
    example("scenarios/levers/typhoon-with-emergency-orders.ron")
}

fn express(s: &Scenario) -> usize {
    route_where(s, |p| matches!(p, Policy::Emergency { .. }))
}

#[test]
fn emergency_orders_never_trigger_without_a_shortage() {
    // The same network without the typhoon: bearings never fall to 600.
    let s = with_emergency().undisrupted();
    assert_route_idle(&s, express(&s));
}

#[test]
fn emergency_orders_trigger_in_the_typhoon_and_reduce_robots_lost() {
    let with = with_emergency();
    assert_route_covers_the_typhoon(&with, express(&with));
}

#[test]
fn emergency_trucks_respect_the_minimum_gap() {
    let s = with_emergency();
    let r = express(&s);
    let Policy::Emergency { min_gap, .. } = s.routes[r].policy else {
        unreachable!()
    };
    let mut sim = Simulation::new(&s, 1);
    let mut departures: Vec<f64> = Vec::new();
    let mut t = 0.0;
    while t < s.horizon {
        t += 0.25 * HOUR;
        sim.step_until(t);
        for truck in sim.read().supply.trucks.iter() {
            if truck.route.index() == r && !departures.contains(&truck.departed) {
                departures.push(truck.departed);
            }
        }
    }
    assert!(departures.len() >= 2, "{departures:?}");
    for w in departures.windows(2) {
        assert!(w[1] - w[0] >= min_gap - 1e-9, "{departures:?}");
    }
}

#[test]
fn emergency_trucks_are_recorded_for_the_charts_and_ordinary_ones_are_not() {
    let s = with_emergency();
    let r = express(&s);
    let rec = taktline::experiment::simulate(&s, 0);
    let sum = taktline::stats::RunSummary::new(&s, &rec);
    assert_eq!(rec.contingent.len() as u64, sum.routes[r].trucks);
    assert!(rec.contingent.iter().all(|&(_, route)| route == r));
    let baseline = taktline::scenario::load_baseline().unwrap();
    let plain = taktline::experiment::simulate(&baseline, 0);
    assert!(plain.contingent.is_empty());
}
