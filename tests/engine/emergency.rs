//! Emergency orders (expediting): an express route that ships only when
//! factory on-hand falls below its threshold, at most once per minimum gap.

use std::path::Path;

use taktline::experiment::simulate;
use taktline::model::Simulation;
use taktline::scenario::{Policy, Scenario, load_file};
use taktline::stats::RunSummary;
use taktline::time::HOUR;

fn with_emergency() -> Scenario {
    load_file(Path::new(
        "scenarios/levers/typhoon-with-emergency-orders.ron",
    ))
    .unwrap()
}

fn express(s: &Scenario) -> usize {
    s.routes
        .iter()
        .position(|r| matches!(r.policy, Policy::Emergency { .. }))
        .expect("the example has an emergency route")
}

#[test]
fn emergency_orders_never_trigger_without_a_shortage() {
    // The same network without the typhoon: bearings never fall to 600.
    let s = with_emergency().undisrupted();
    let r = express(&s);
    for rep in 0..5 {
        let sum = RunSummary::new(&s, &simulate(&s, rep));
        assert_eq!(sum.routes[r].trucks, 0, "replication {rep}");
    }
}

#[test]
fn emergency_orders_trigger_in_the_typhoon_and_reduce_robots_lost() {
    let with = with_emergency();
    let without = load_file(Path::new("scenarios/typhoon-wenzhou.ron")).unwrap();
    let r = express(&with);
    for rep in 0..5 {
        let a = simulate(&with, rep);
        let b = simulate(&without, rep);
        let sum = RunSummary::new(&with, &a);
        assert!(
            sum.routes[r].trucks > 0,
            "replication {rep}: no express truck"
        );
        assert!(
            a.completions.len() > b.completions.len(),
            "replication {rep}: {} robots with expediting, {} without",
            a.completions.len(),
            b.completions.len()
        );
    }
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
