//! Disruptions at run time: scheduled windows and random arrivals.

use bevy::ecs::prelude::Resource;

use super::context::Ctx;
use super::event::Event;
use crate::scenario::{Effect, Scenario, Timing};
use crate::sim::random::{Source, Stream};

/// The random sources of a randomly arriving disruption.
#[derive(Debug, Clone)]
pub struct Arrivals {
    /// Exponential gaps between arrivals.
    pub gaps: Stream,
    /// Durations.
    pub durations: Source,
}

/// The random streams of the scenario's disruptions and which are active,
/// a resource of the world.
#[derive(Resource, Debug, Clone)]
pub struct Disruptions {
    /// One entry per spec; `Some` for random disruptions.
    pub arrivals: Vec<Option<Arrivals>>,
    /// How many occurrences of each are active now.
    pub active: Vec<u32>,
}

impl Disruptions {
    /// Builds the disruptions of `scenario` for one replication.
    pub fn new(scenario: &Scenario, replication: u64) -> Disruptions {
        let arrivals = scenario
            .disruptions
            .iter()
            .map(|d| match d.timing {
                Timing::Scheduled { .. } => None,
                Timing::Random { duration, .. } => Some(Arrivals {
                    gaps: Stream::new(
                        scenario.seed,
                        replication,
                        &format!("disruption/{}/arrivals", d.name),
                    ),
                    durations: Source::new(
                        scenario.seed,
                        replication,
                        &format!("disruption/{}/duration", d.name),
                        &duration,
                    ),
                }),
            })
            .collect();
        Disruptions {
            arrivals,
            active: vec![0; scenario.disruptions.len()],
        }
    }
}

impl Ctx<'_> {
    /// A disruption starts: its effects apply until its end is handled. A
    /// random one also schedules its next arrival.
    pub(crate) fn disruption_starts(&mut self, d: usize) {
        let spec = self.spec;
        let duration = match spec.disruptions[d].timing {
            Timing::Scheduled { duration, .. } => duration,
            Timing::Random { mean_between, .. } => {
                let a = self.disruptions.arrivals[d]
                    .as_mut()
                    .expect("random disruption has arrivals");
                let duration = a.durations.draw();
                let gap = a.gaps.exponential(mean_between);
                self.cal
                    .after(gap, Event::DisruptionStarts { disruption: d });
                duration
            }
        };
        self.disruptions.active[d] += 1;
        self.rec.disruption(d, self.now, self.now + duration);
        self.cal
            .after(duration, Event::DisruptionEnds { disruption: d });
        for &effect in &spec.disruptions[d].effects {
            self.apply(effect, true);
        }
    }

    /// A disruption ends: its effects are lifted.
    pub(crate) fn disruption_ends(&mut self, d: usize) {
        self.disruptions.active[d] -= 1;
        let spec = self.spec;
        for &effect in &spec.disruptions[d].effects {
            self.apply(effect, false);
        }
    }

    fn apply(&mut self, effect: Effect, on: bool) {
        match effect {
            Effect::SupplierOutage(i) => {
                self.supplier_to_now(i);
                let sup = &mut self.supply.suppliers[i];
                if on {
                    sup.outages += 1;
                    sup.ramp_from = None;
                } else {
                    sup.outages -= 1;
                    if sup.outages == 0 && sup.ramp_up.is_some() {
                        sup.ramp_from = Some(self.now);
                    }
                }
            }
            Effect::SupplierSlowdown { supplier, factor } => {
                self.supplier_to_now(supplier);
                let sup = &mut self.supply.suppliers[supplier];
                toggle_factor(&mut sup.slowdowns, factor, on);
                sup.rerate();
            }
            Effect::StationSlowdown { station, factor } => self.slow_station(station, factor, on),
            Effect::RouteClosure(r) => {
                let route = &mut self.supply.routes[r];
                if on {
                    route.closures += 1;
                } else {
                    route.closures -= 1;
                    if route.closures == 0 && !route.off_shift {
                        self.release_held(r);
                    }
                }
            }
            Effect::RouteSlowdown { route, factor } => {
                toggle_factor(&mut self.supply.routes[route].slowdowns, factor, on);
            }
            Effect::StationDown(k) => self.force_down(k, on),
        }
    }
}

/// A slowdown's factor joins the active ones (`on`), or one equal to it
/// leaves them (slowdowns may overlap, so each ends only its own).
pub(crate) fn toggle_factor(factors: &mut Vec<f64>, factor: f64, on: bool) {
    if on {
        factors.push(factor);
    } else if let Some(pos) = factors.iter().position(|&f| f == factor) {
        factors.remove(pos);
    }
}
