//! Tier-2 supply: a supplier that needs parts from its own suppliers makes
//! only what its input stock allows, so an upstream outage reaches it after
//! exactly its stock cover (checked on zero-noise transit).

use taktline::model::Simulation;
use taktline::scenario::{Disruption, Dist, Effect, Scenario, SupplierId, Timing};
use taktline::time::{DAY, HOUR};

use super::common::example;

const WENZHOU: usize = 0;
const MILL: usize = 3;
const RING: usize = 3;

/// The tier-2 example on fixed transit times, with Wenzhou's bearings left
/// where they are made (no truck, a cap never reached), so its finished
/// goods are exactly what it has produced; `outage` starts the mill's
/// outage at that instant, for the rest of the run.
fn measured(outage: f64) -> Scenario {
    let mut s = example("scenarios/levers/wenzhou-steel-from-tier-2.ron");
    for r in &mut s.routes {
        r.transit = Dist::Fixed(r.transit.mean());
    }
    s.suppliers[WENZHOU].fg_cap = 1_000_000_000;
    s.suppliers[WENZHOU].fg_initial = 0;
    for r in s
        .routes
        .iter_mut()
        .filter(|r| r.supplier.index() == WENZHOU)
    {
        r.first_departure = 100.0 * DAY;
    }
    s.disruptions = vec![Disruption {
        name: "mill out".into(),
        timing: Timing::Scheduled {
            start: outage,
            duration: 100.0 * DAY,
        },
        effects: vec![Effect::SupplierOutage(SupplierId::new(MILL))],
    }];
    s
}

/// Bearings Wenzhou has made by `t`.
fn made_by(sim: &mut Simulation, t: f64) -> f64 {
    sim.step_until(t);
    sim.read()
        .supply
        .supplier_stock_at(SupplierId::new(WENZHOU), t)
        .0
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

/// Wenzhou runs at full rate until `stop`, then makes nothing more.
fn assert_stops_at(sim: &mut Simulation, rate: f64, stop: f64) {
    let before = made_by(sim, stop - HOUR);
    assert!(
        close(before, rate * (stop - HOUR)),
        "full rate until an hour before {stop} s: made {before}, expected {}",
        rate * (stop - HOUR)
    );
    let at = made_by(sim, stop);
    let later = made_by(sim, stop + DAY);
    assert!(close(at, rate * stop), "made {at} by {stop} s");
    assert!(
        close(later, at),
        "made {} more after running out",
        later - at
    );
}

#[test]
fn a_tier_one_supplier_without_inputs_coming_stops_when_its_stock_is_used() {
    let mut s = measured(0.0);
    s.suppliers[MILL].fg_initial = 0;
    let rate = s.suppliers[WENZHOU].rate;
    let rings = s.parts[RING].on_hand as f64;
    let mut sim = Simulation::new(&s, 0);
    assert_stops_at(&mut sim, rate, rings / rate);
}

#[test]
fn an_upstream_outage_reaches_the_tier_one_after_exactly_its_stock_cover() {
    // Between the mill's departure at 2d 04h and its arrival at 2d 08h.
    let t0 = 2.0 * DAY + 6.0 * HOUR;
    let s = measured(t0);
    let rate = s.suppliers[WENZHOU].rate;
    let mut sim = Simulation::new(&s, 0);
    sim.step_until(t0);
    let (rings_to_come, used) = {
        let w = sim.read();
        let ring = &w.supply.parts[RING];
        let (mill_stock, _) = w.supply.supplier_stock_at(SupplierId::new(MILL), t0);
        let mill_whole = (mill_stock + 1e-6).floor();
        (
            (s.parts[RING].on_hand + ring.received + ring.in_transit) as f64 + mill_whole,
            rate * t0,
        )
    };
    // Every ring Wenzhou will ever have, one per bearing, at its full rate:
    // the propagation delay is its cover at the outage.
    let cover = (rings_to_come - used) / rate;
    assert!(
        cover > 12.0 * HOUR,
        "the test needs a real cover: {cover} s"
    );
    assert_stops_at(&mut sim, rate, t0 + cover);
}

#[test]
fn without_an_upstream_outage_the_tier_one_keeps_producing() {
    let s = measured(1000.0 * DAY);
    let rate = s.suppliers[WENZHOU].rate;
    let mut sim = Simulation::new(&s, 0);
    let made = made_by(&mut sim, 20.0 * DAY);
    assert!(close(made, rate * 20.0 * DAY), "made {made}");
}
