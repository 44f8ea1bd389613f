//! Partial capacity: a supplier or a station at a fraction of its rate or
//! speed for a window, and a supplier's linear ramp-up after an outage,
//! checked exactly on zero-noise lines.

use taktline::model::Activity;
use taktline::model::Simulation;
use taktline::scenario::{
    Disruption, Dist, Effect, Scenario, StationId, SupplierId, Timing, load_baseline,
};
use taktline::time::{DAY, HOUR, MINUTE};

/// The baseline with Wenzhou's stock left alone (no truck before day 25, a
/// cap it never reaches), so its stock is exactly what it produced.
fn lone_supplier() -> Scenario {
    let mut s = load_baseline().unwrap();
    s.suppliers[0].fg_cap = 1_000_000_000;
    s.suppliers[0].fg_initial = 0;
    for r in s.routes.iter_mut().filter(|r| r.supplier.index() == 0) {
        r.first_departure = 25.0 * DAY;
    }
    s
}

fn window(name: &str, start: f64, duration: f64, effect: Effect) -> Disruption {
    Disruption {
        name: name.into(),
        timing: Timing::Scheduled { start, duration },
        effects: vec![effect],
    }
}

/// Wenzhou's finished goods at `t`.
fn stock_at(sim: &mut Simulation, t: f64) -> f64 {
    sim.step_until(t);
    sim.read().supply.supplier_stock_at(SupplierId::new(0), t).0
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

#[test]
fn a_supplier_at_half_capacity_makes_half_as_much_over_its_window() {
    let mut s = lone_supplier();
    let rate = s.suppliers[0].rate;
    s.disruptions = vec![window(
        "half capacity",
        2.0 * DAY,
        3.0 * DAY,
        Effect::SupplierSlowdown {
            supplier: SupplierId::new(0),
            factor: 0.5,
        },
    )];
    let mut sim = Simulation::new(&s, 0);
    let before = stock_at(&mut sim, 2.0 * DAY);
    let after = stock_at(&mut sim, 5.0 * DAY);
    let later = stock_at(&mut sim, 6.0 * DAY);
    assert!(
        close(before, rate * 2.0 * DAY),
        "full rate before: {before}"
    );
    assert!(
        close(after - before, 0.5 * rate * 3.0 * DAY),
        "half the rate in the window: {}",
        after - before
    );
    assert!(close(later - after, rate * DAY), "full rate after");
}

#[test]
fn a_ramp_up_produces_the_integral_of_the_ramp() {
    let mut s = lone_supplier();
    let rate = s.suppliers[0].rate;
    let ramp = 10.0 * HOUR;
    s.suppliers[0].ramp_up = Some(ramp);
    s.disruptions = vec![window(
        "outage",
        2.0 * DAY,
        DAY,
        Effect::SupplierOutage(SupplierId::new(0)),
    )];
    let mut sim = Simulation::new(&s, 0);
    let end = 3.0 * DAY;
    let at_end = stock_at(&mut sim, end);
    assert!(
        close(at_end, rate * 2.0 * DAY),
        "nothing made in the outage"
    );
    // Rate r x / ramp at x after the end: r x^2 / (2 ramp) by x <= ramp.
    let x = 5.0 * HOUR;
    let mid = stock_at(&mut sim, end + x);
    assert!(
        close(mid - at_end, rate * x * x / (2.0 * ramp)),
        "{} made in the first 5 h of the ramp",
        mid - at_end
    );
    // Then half the ramp's length at full rate equivalent, plus full rate.
    let done = stock_at(&mut sim, end + 15.0 * HOUR);
    assert!(
        close(done - at_end, rate * (ramp / 2.0 + 5.0 * HOUR)),
        "{} made 15 h after the outage",
        done - at_end
    );
}

/// A zero-noise line: fixed 10 min at every station, no failures, no test.
fn fixed_line() -> Scenario {
    let mut s = load_baseline().unwrap();
    for st in &mut s.line.stations {
        st.process = Dist::Fixed(10.0 * MINUTE);
        st.failures = None;
    }
    s.line.test = None;
    s.horizon = 5.0 * DAY;
    s
}

#[test]
fn a_station_at_half_speed_sets_the_pace_for_its_window() {
    let mut s = fixed_line();
    s.disruptions = vec![window(
        "S3 at half speed",
        2.0 * DAY,
        DAY,
        Effect::StationSlowdown {
            station: StationId::new(2),
            factor: 0.5,
        },
    )];
    let rec = Simulation::new(&s, 0).run();
    let gaps = |from: f64, to: f64| -> Vec<f64> {
        rec.completions
            .windows(2)
            .filter(|w| w[0] >= from && w[1] < to)
            .map(|w| w[1] - w[0])
            .collect()
    };
    // Before: the takt (12 min). In the window, once S3's slower robots
    // reach the end of the line: 10 min of work at half speed, 20 min.
    let before = gaps(DAY, 2.0 * DAY);
    assert!(
        !before.is_empty() && before.iter().all(|&g| close(g, 12.0 * MINUTE)),
        "{before:?}"
    );
    let slowed = gaps(2.0 * DAY + 2.0 * HOUR, 3.0 * DAY);
    assert!(slowed.len() > 60, "{} gaps", slowed.len());
    assert!(
        slowed.iter().all(|&g| close(g, 20.0 * MINUTE)),
        "{slowed:?}"
    );
    // After: the backlog goes at the stations' own 10 min, then the takt.
    let after = gaps(3.0 * DAY + HOUR, 5.0 * DAY);
    assert!(
        after.iter().any(|&g| close(g, 10.0 * MINUTE)),
        "catching up"
    );
    assert!(
        after.iter().all(|&g| g >= 10.0 * MINUTE - 1e-6),
        "never faster than S3 at full speed"
    );
}

/// S3's running service at `t`: (its start, work left then, robot id).
fn s3_service(sim: &mut Simulation, t: f64) -> Option<(f64, f64, u32)> {
    sim.step_until(t);
    let line = &*sim.read().line;
    let srv = &line.stations[2].servers[0];
    match (srv.activity, srv.running_since) {
        (Activity::Working(r), Some(since)) => Some((since, srv.remaining, r.id)),
        _ => None,
    }
}

#[test]
fn a_slowed_service_keeps_the_work_it_has_done() {
    // Find a service of S3 under way after day 2 (the line is deterministic,
    // so a run with the slowdown is the same up to its start).
    let s = fixed_line();
    let mut probe = Simulation::new(&s, 0);
    let mut t = 2.0 * DAY;
    let (since, work, _) = loop {
        if let Some(found) = s3_service(&mut probe, t) {
            break found;
        }
        t += MINUTE;
    };
    assert!(close(work, 10.0 * MINUTE), "a fresh 10 min service");
    // Halve S3 4 min into that service: 6 min of work left, 12 min at half speed.
    let switch = since + 4.0 * MINUTE;
    let mut slowed = s.clone();
    slowed.disruptions = vec![window(
        "S3 at half speed",
        switch,
        DAY,
        Effect::StationSlowdown {
            station: StationId::new(2),
            factor: 0.5,
        },
    )];
    let mut sim = Simulation::new(&slowed, 0);
    let (_, _, id) = s3_service(&mut sim, switch).expect("S3 works at the switch");
    let end = switch + 12.0 * MINUTE;
    let still = s3_service(&mut sim, end - 0.01);
    assert_eq!(
        still.map(|w| w.2),
        Some(id),
        "still on the same robot just before"
    );
    let after = s3_service(&mut sim, end + 0.01);
    assert_ne!(after.map(|w| w.2), Some(id), "done with it just after");
}
