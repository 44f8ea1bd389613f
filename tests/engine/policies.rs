//! Replenishment policies besides (R, S), against hand-computed zero-noise
//! traces: one part consumed one unit per robot every 12 min, fixed transit.

use taktline::model::Simulation;
use taktline::scenario::{Dist, Policy, Scenario, load_baseline};
use taktline::time::{DAY, MINUTE};

/// The baseline reduced to a clock: S1 takes one servo motor per robot, a
/// robot every 12 min from t = 0 (fixed 10 min at every station, no
/// failures, no test), 20 motors on hand, S = 20, fixed 30 min transit, a
/// Quzhou that never runs dry. The other parts are never used.
fn one_part_line(policy: Policy, first_departure: f64, every: f64) -> Scenario {
    let mut s = load_baseline().unwrap();
    let servo = s
        .parts
        .iter()
        .position(|p| p.name == "servo motor")
        .unwrap();
    for (k, st) in s.line.stations.iter_mut().enumerate() {
        st.process = Dist::Fixed(10.0 * MINUTE);
        st.failures = None;
        st.consumes.retain(|&(p, _)| k == 0 && p.index() == servo);
        if k == 0 {
            st.consumes = vec![(st.consumes[0].0, 1)];
        }
    }
    s.line.test = None;
    s.parts[servo].on_hand = 20;
    for sup in s.suppliers.iter_mut().filter(|x| x.part.index() == servo) {
        sup.fg_cap = 100_000;
        sup.fg_initial = 100_000;
    }
    for r in s.routes.iter_mut().filter(|r| r.part.index() == servo) {
        r.order_up_to = 20;
        r.truck_capacity = 100;
        r.transit = Dist::Fixed(30.0 * MINUTE);
        r.first_departure = first_departure;
        r.every = every;
        r.policy = policy;
    }
    s.horizon = DAY;
    s
}

/// (departure minute, quantity) of every servo-motor truck in the run.
fn servo_trucks(s: &Scenario) -> Vec<(f64, u64)> {
    let servo = s
        .parts
        .iter()
        .position(|p| p.name == "servo motor")
        .unwrap();
    let mut sim = Simulation::new(s, 0);
    let mut seen: Vec<(f64, u64)> = Vec::new();
    let mut t = 0.0;
    while t < s.horizon {
        t += MINUTE;
        sim.step_until(t);
        for truck in sim.read().supply.trucks.iter() {
            let at = (truck.departed / MINUTE, truck.quantity);
            if truck.part.index() == servo && !seen.contains(&at) {
                seen.push(at);
            }
        }
    }
    seen
}

#[test]
fn continuous_review_orders_when_the_position_falls_to_s() {
    // Consumption k (k = 1, 2, ...) at 12 (k - 1) min leaves the position at
    // 20 - k: the 10th, at 108 min, reaches s = 10 and orders. The truck
    // leaves 30 min later, at 138, when two more motors have gone (120,
    // 132): 20 - 12 = 8, so it loads 12 and the position is 20 again. The
    // next order comes 10 consumptions after 138 (at 144, ..., 252), its
    // truck at 282 with 12; and so every 144 min.
    let s = one_part_line(
        Policy::Continuous {
            reorder_point: 10,
            lead_time: 30.0 * MINUTE,
        },
        0.0,
        DAY,
    );
    let expected: Vec<(f64, u64)> = (0..10)
        .map(|j| (138.0 + 144.0 * f64::from(j), 12))
        .collect();
    assert_eq!(servo_trucks(&s), expected);
}

#[test]
fn periodic_review_with_a_reorder_point_skips_departures_above_it() {
    // Departures at 65, 185, 305, ... min. At 65 six motors are gone (0 to
    // 60): position 14 > 10, no truck. At 185 sixteen (0 to 180): 4, a
    // truck of 16. From then ten go between departures: position 10 <= s,
    // a truck of 10 every 120 min.
    let s = one_part_line(
        Policy::PeriodicReorder { reorder_point: 10 },
        65.0 * MINUTE,
        120.0 * MINUTE,
    );
    let mut expected = vec![(185.0, 16)];
    expected.extend((1..11).map(|j| (185.0 + 120.0 * f64::from(j), 10)));
    assert_eq!(servo_trucks(&s), expected);
}

#[test]
fn plain_periodic_review_orders_at_every_departure() {
    // The same schedule under (R, S): the departure at 65 already tops up
    // the 6 motors used.
    let s = one_part_line(Policy::Periodic, 65.0 * MINUTE, 120.0 * MINUTE);
    let trucks = servo_trucks(&s);
    assert_eq!(trucks[0], (65.0, 6));
    assert!(trucks[1..].iter().all(|&(_, q)| q == 10), "{trucks:?}");
}
