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
use crate::sim::Calendar;
use crate::time::{HOUR, Seconds};
use disruptions::Disruptions;
use kernel::Kernel;
use line::Line;
use supply::Supply;

/// The validated scenario a run follows, shared read-only: run-time state
/// refers to it instead of copying its parameters.
#[derive(Resource, Debug, Clone)]
pub struct Spec(pub Arc<Scenario>);

/// Every resource of the model, before it is inserted into a World (or
/// after it is taken out of one: a snapshot).
#[derive(Clone)]
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

    /// The first event of every process, each with its [`Initial`] rank.
    fn schedule_initial(&mut self, scenario: &Scenario) {
        let cal = &mut self.kernel.calendar;
        // Calendars first: at a tie, what opens or closes at an instant
        // does so before anything else happens then.
        let mut calendars = 0;
        let mut calendar = |cal: &mut Calendar<Event>, of: ShiftOf| {
            cal.initial(
                rank(Initial::Calendars, calendars),
                0.0,
                Event::Shift { of },
            );
            calendars += 1;
        };
        if scenario.line.work.is_some() {
            calendar(cal, ShiftOf::Line);
        }
        for (i, sup) in scenario.suppliers.iter().enumerate() {
            if sup.calendar.is_some() {
                calendar(cal, ShiftOf::supplier(SupplierId::new(i)));
            }
        }
        for (r, route) in scenario.routes.iter().enumerate() {
            if route.calendar.is_some() {
                calendar(cal, ShiftOf::route(RouteId::new(r)));
            }
        }
        let release = |i| rank(Initial::Release, i);
        match scenario.line.release {
            Release::Takt => {
                // The first robot falls due at the first working instant.
                let first = match &scenario.line.work {
                    Some(w) => w.advance(0.0, 0.0, scenario.horizon),
                    None => Some(0.0),
                };
                if let Some(t) = first {
                    self.line.last_due = t;
                    cal.initial(release(0), t, Event::ReleaseDue);
                }
            }
            Release::Random(_) => {
                if let Some(source) = self.line.interarrival.as_mut() {
                    cal.initial(release(0), source.draw(), Event::ReleaseDue);
                }
            }
            Release::Conwip { wip } => {
                for i in 0..wip {
                    cal.initial(release(i), 0.0, Event::ReleaseDue);
                }
            }
        }
        if scenario.line.paced {
            cal.initial(rank(Initial::Index, 0), 0.0, Event::IndexDue);
        }
        for (r, route) in scenario.routes.iter().enumerate() {
            let id = RouteId::new(r);
            let slot = rank(Initial::Routes, r);
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
                        cal.initial(slot, lead_time, Event::Dispatch { route: id });
                    }
                }
                Policy::Emergency { .. } => {}
                _ => cal.initial(slot, route.first_departure, Event::Departure { route: id }),
            }
        }
        for (slot, t, event) in first_disruptions(scenario, &mut self.disruptions) {
            cal.initial(slot, t, event);
        }
        if scenario.warmup > 0.0 {
            cal.initial(rank(Initial::Warmup, 0), scenario.warmup, Event::WarmupEnds);
        }
        cal.initial(rank(Initial::Hour, 0), HOUR, Event::HourTick);
    }
}

/// The groups of initial events, in the order they come at a tie; within a
/// group, by index. A disruption's first start keeps its rank whatever the
/// rest of the scenario, so a fork can add it where a fresh start would.
#[derive(Clone, Copy)]
enum Initial {
    Calendars,
    Release,
    Index,
    Routes,
    Disruptions,
    Warmup,
    Hour,
}

/// The rank of the `index`-th initial event of `group`.
fn rank(group: Initial, index: impl TryInto<u32>) -> u64 {
    let index = index.try_into().unwrap_or(u32::MAX);
    (group as u64) << 32 | u64::from(index)
}

/// The first start of each of `scenario`'s disruptions, drawn from the
/// streams of `disruptions` where it is random: (rank, instant, event).
pub(super) fn first_disruptions(
    scenario: &Scenario,
    disruptions: &mut Disruptions,
) -> Vec<(u64, Seconds, Event)> {
    let mut out = Vec::new();
    for (i, spec) in scenario.disruptions.iter().enumerate() {
        let d = DisruptionId::new(i);
        let first = match spec.timing {
            Timing::Scheduled { start, .. } => Some(start),
            Timing::Random {
                mean_between,
                ref season,
                ..
            } => disruptions.arrivals[d]
                .as_mut()
                .and_then(|a| a.next(0.0, mean_between, season.as_ref())),
        };
        if let Some(t) = first {
            out.push((
                rank(Initial::Disruptions, i),
                t,
                Event::DisruptionStarts { disruption: d },
            ));
        }
    }
    out
}
