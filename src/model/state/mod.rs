//! The model's state for one replication, built at t = 0 with the first
//! event of every process scheduled, and put into any bevy World: a bare
//! one for headless runs, the viewer's App World for watching.

pub(super) mod disruptions;
pub(super) mod kernel;
pub(super) mod line;
pub(super) mod robot;
pub(super) mod station;
pub(super) mod supply;

use std::sync::Arc;

use bevy::ecs::prelude::Resource;
use bevy::ecs::world::World;

use crate::model::event::{Event, ShiftOf};
use crate::observe::Recorder;
use crate::scenario::{DisruptionId, Policy, Release, RouteId, Scenario, SupplierId, Timing};
use crate::time::HOUR;
use disruptions::Disruptions;
use kernel::Kernel;
use line::Line;
use supply::Supply;

/// The validated scenario a run follows, shared read-only: run-time state
/// refers to it instead of copying its parameters.
#[derive(Resource, Debug, Clone)]
pub struct Spec(pub Arc<Scenario>);

/// Every resource of the model, before it is inserted into a World.
pub struct ModelState {
    /// The validated scenario the run follows.
    pub spec: Spec,
    /// The event calendar, holding the first event of every process.
    pub kernel: Kernel,
    /// Stations, the release backlog and the parts queue.
    pub line: Line,
    /// Suppliers, stock, routes and trucks.
    pub supply: Supply,
    /// Which disruptions are active, and their random streams.
    pub disruptions: Disruptions,
    /// What the run records, empty at t = 0.
    pub recorder: Recorder,
}

impl ModelState {
    /// Replication `replication` of `scenario` at t = 0.
    pub fn new(scenario: &Scenario, replication: u64) -> ModelState {
        let line = Line::new(scenario, replication);
        let servers = line.stations.iter().map(|s| s.servers.len()).collect();
        let mut state = ModelState {
            spec: Spec(Arc::new(scenario.clone())),
            kernel: Kernel::new(scenario.horizon),
            recorder: Recorder::new(scenario, servers),
            line,
            supply: Supply::new(scenario, replication),
            disruptions: Disruptions::new(scenario, replication),
        };
        state.schedule_initial(scenario);
        state
    }

    /// Inserts (or replaces) the model's resources in `world`.
    pub fn insert_into(self, world: &mut World) {
        world.insert_resource(self.spec);
        world.insert_resource(self.kernel);
        world.insert_resource(self.line);
        world.insert_resource(self.supply);
        world.insert_resource(self.disruptions);
        world.insert_resource(self.recorder);
    }

    /// The first event of every process, in a fixed order.
    fn schedule_initial(&mut self, scenario: &Scenario) {
        let cal = &mut self.kernel.calendar;
        // Calendars first: at a tie, what opens or closes at an instant
        // does so before anything else happens then.
        if scenario.line.work.is_some() {
            cal.at(0.0, Event::Shift { of: ShiftOf::Line });
        }
        for (i, sup) in scenario.suppliers.iter().enumerate() {
            if sup.calendar.is_some() {
                let of = ShiftOf::supplier(SupplierId::new(i));
                cal.at(0.0, Event::Shift { of });
            }
        }
        for (r, route) in scenario.routes.iter().enumerate() {
            if route.calendar.is_some() {
                cal.at(
                    0.0,
                    Event::Shift {
                        of: ShiftOf::route(RouteId::new(r)),
                    },
                );
            }
        }
        match scenario.line.release {
            Release::Takt => {
                // The first robot falls due at the first working instant.
                let first = match &scenario.line.work {
                    Some(w) => w.advance(0.0, 0.0, scenario.horizon),
                    None => Some(0.0),
                };
                if let Some(t) = first {
                    self.line.last_due = t;
                    cal.at(t, Event::ReleaseDue);
                }
            }
            Release::Random(_) => {
                if let Some(source) = self.line.interarrival.as_mut() {
                    cal.at(source.draw(), Event::ReleaseDue);
                }
            }
            Release::Conwip { wip } => {
                for _ in 0..wip {
                    cal.at(0.0, Event::ReleaseDue);
                }
            }
        }
        if scenario.line.paced {
            cal.at(0.0, Event::IndexDue);
        }
        for (r, route) in scenario.routes.iter().enumerate() {
            let id = RouteId::new(r);
            match route.policy {
                Policy::Continuous {
                    reorder_point,
                    lead_time,
                } => {
                    // Continuous review orders when the position falls to s,
                    // from the start if it already has.
                    let position = scenario.parts[route.part].on_hand;
                    if position <= reorder_point {
                        self.supply.routes[id].ordered = true;
                        cal.at(lead_time, Event::Dispatch { route: id });
                    }
                }
                Policy::Emergency { .. } => {}
                _ => cal.at(route.first_departure, Event::Departure { route: id }),
            }
        }
        for (i, spec) in scenario.disruptions.iter().enumerate() {
            let d = DisruptionId::new(i);
            match spec.timing {
                Timing::Scheduled { start, .. } => {
                    cal.at(start, Event::DisruptionStarts { disruption: d })
                }
                Timing::Random {
                    mean_between,
                    ref season,
                    ..
                } => {
                    let first = self.disruptions.arrivals[d]
                        .as_mut()
                        .and_then(|a| a.next(0.0, mean_between, season.as_ref()));
                    if let Some(t) = first {
                        cal.at(t, Event::DisruptionStarts { disruption: d });
                    }
                }
            }
        }
        if scenario.warmup > 0.0 {
            cal.at(scenario.warmup, Event::WarmupEnds);
        }
        cal.at(HOUR, Event::HourTick);
    }
}
