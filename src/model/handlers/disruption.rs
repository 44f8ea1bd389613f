//! Disruptions starting and ending: their effects on suppliers, routes and
//! stations, and the next arrival of a random one.

use super::context::Ctx;
use crate::model::event::{DisruptionId, Event};
use crate::scenario::{Effect, Timing};

impl Ctx<'_> {
    /// A disruption starts: its effects apply until its end is handled. A
    /// random one also schedules its next arrival.
    pub(crate) fn disruption_starts(&mut self, d: DisruptionId) {
        let spec = self.spec;
        let duration = match spec.disruptions[d].timing {
            Timing::Scheduled { duration, .. } => duration,
            Timing::Random {
                mean_between,
                ref season,
                ..
            } => {
                let a = self.disruptions.arrivals[d]
                    .as_mut()
                    .expect("random disruption has arrivals");
                let duration = a.durations.draw();
                if let Some(t) = a.next(self.now, mean_between, season.as_ref()) {
                    self.cal.at(t, Event::DisruptionStarts { disruption: d });
                }
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
    pub(crate) fn disruption_ends(&mut self, d: DisruptionId) {
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
