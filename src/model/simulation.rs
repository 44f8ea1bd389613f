//! One replication of a scenario: a bevy `World` holding the model's state,
//! an event calendar, and a loop that pops events and calls plain handlers.
//!
//! No bevy `Schedule` runs per event: [`Simulation::step_until`] borrows the
//! model's resources once and dispatches events in a tight loop. The viewer
//! calls the same `step_until` frame by frame, so it produces the same
//! numbers as a headless run.

use bevy::ecs::prelude::*;
use bevy::ecs::system::SystemState;

use super::context::Ctx;
use super::disruption::Disruptions;
use super::event::Event;
use super::line::Line;
use super::supply::Supply;
use crate::observe::Recorder;
use crate::scenario::{Release, Scenario, Timing};
use crate::sim::Calendar;
use crate::time::{HOUR, Seconds};

type ModelState = SystemState<(
    ResMut<'static, Line>,
    ResMut<'static, Supply>,
    ResMut<'static, Disruptions>,
    ResMut<'static, Recorder>,
)>;

/// A running replication.
pub struct Simulation {
    /// The model's state: [`Line`], [`Supply`], [`Disruptions`] and [`Recorder`] resources.
    pub world: World,
    calendar: Calendar<Event>,
    state: ModelState,
    horizon: Seconds,
    events: u64,
    finished: bool,
}

impl Simulation {
    /// A fresh world for replication `replication` of `scenario`, at t = 0.
    pub fn new(scenario: &Scenario, replication: u64) -> Simulation {
        let mut world = World::new();
        let line = Line::new(scenario, replication);
        let servers = line.stations.iter().map(|s| s.servers.len()).collect();
        world.insert_resource(Recorder::new(scenario, servers));
        world.insert_resource(line);
        world.insert_resource(Supply::new(scenario, replication));
        world.insert_resource(Disruptions::new(scenario, replication));
        let state = ModelState::new(&mut world);
        let mut sim = Simulation {
            world,
            calendar: Calendar::new(),
            state,
            horizon: scenario.horizon,
            events: 0,
            finished: false,
        };
        sim.schedule_initial(scenario);
        sim
    }

    /// The first event of every process, in a fixed order.
    fn schedule_initial(&mut self, scenario: &Scenario) {
        let cal = &mut self.calendar;
        match scenario.line.release {
            Release::Takt => cal.at(0.0, Event::ReleaseDue),
            Release::Random(_) => {
                let mut line = self.world.resource_mut::<Line>();
                let gap = line
                    .interarrival
                    .as_mut()
                    .expect("random release has a source")
                    .draw();
                cal.at(gap, Event::ReleaseDue);
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
            cal.at(route.first_departure, Event::Departure { route: r });
        }
        let mut disruptions = self.world.resource_mut::<Disruptions>();
        for (d, spec) in scenario.disruptions.iter().enumerate() {
            match spec.timing {
                Timing::Scheduled { start, .. } => {
                    cal.at(start, Event::DisruptionStarts { disruption: d })
                }
                Timing::Random { mean_between, .. } => {
                    let a = disruptions.arrivals[d]
                        .as_mut()
                        .expect("random disruption has arrivals");
                    cal.at(
                        a.gaps.exponential(mean_between),
                        Event::DisruptionStarts { disruption: d },
                    );
                }
            }
        }
        for (w, window) in scenario.line.planned_downtime.iter().enumerate() {
            cal.at(
                window.start,
                Event::PlannedDowntime {
                    window: w,
                    starts: true,
                },
            );
        }
        if scenario.warmup > 0.0 {
            cal.at(scenario.warmup, Event::WarmupEnds);
        }
        cal.at(HOUR, Event::HourTick);
    }

    /// Simulated time now [s].
    pub fn now(&self) -> Seconds {
        self.calendar.now()
    }

    /// The run's horizon [s].
    pub fn horizon(&self) -> Seconds {
        self.horizon
    }

    /// Events handled so far.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Time of the next pending event, if before the horizon.
    pub fn next_event_time(&self) -> Option<Seconds> {
        self.calendar.peek_time().filter(|&t| t < self.horizon)
    }

    /// Starts disruption `d` now, as its scenario entry would (the viewer's
    /// live trigger). Only scheduled disruptions can be triggered: a random
    /// one's arrivals are its own stream's.
    pub fn trigger_disruption(&mut self, d: usize) -> bool {
        let disruptions = self.world.resource::<Disruptions>();
        let scheduled = disruptions
            .specs
            .get(d)
            .is_some_and(|s| matches!(s.timing, Timing::Scheduled { .. }));
        if scheduled && self.calendar.now() < self.horizon {
            self.calendar.at(
                self.calendar.now(),
                Event::DisruptionStarts { disruption: d },
            );
        }
        scheduled
    }

    /// Handles every event before `until` (capped at the horizon) and moves
    /// the clock there.
    pub fn step_until(&mut self, until: Seconds) {
        let until = until.min(self.horizon);
        let (mut line, mut supply, mut disruptions, mut rec) = self
            .state
            .get_mut(&mut self.world)
            .expect("the model's resources exist");
        let mut ctx = Ctx {
            now: self.calendar.now(),
            cal: &mut self.calendar,
            line: &mut line,
            supply: &mut supply,
            disruptions: &mut disruptions,
            rec: &mut rec,
        };
        let mut handled = 0;
        while let Some((t, event)) = ctx.cal.pop_before(until) {
            ctx.now = t;
            handled += 1;
            dispatch(&mut ctx, event);
        }
        ctx.cal.advance_to(until);
        self.events += handled;
    }

    /// Runs to the horizon and closes the books; returns what was recorded.
    pub fn run(mut self) -> Recorder {
        self.step_until(self.horizon);
        self.finish();
        self.world
            .remove_resource::<Recorder>()
            .expect("recorder exists")
    }

    /// Counts open intervals up to the horizon (once the horizon is reached).
    pub fn finish(&mut self) {
        if self.finished || self.calendar.now() < self.horizon {
            return;
        }
        self.finished = true;
        let now = self.horizon;
        self.world.resource_scope(|world, mut rec: Mut<Recorder>| {
            let mut line = world.resource_mut::<Line>();
            for (k, st) in line.stations.iter_mut().enumerate() {
                for srv in &mut st.servers {
                    rec.state_time(k, srv.state, srv.state_since, now);
                    srv.state_since = now;
                }
            }
            let mut supply = world.resource_mut::<Supply>();
            if rec.hours.last().map_or(0.0, |h| h.end) < now {
                let (a, b, c) = stock_snapshot(&mut supply, now);
                rec.close_hour(now, a, b, c);
            }
            rec.received = supply.parts.iter().map(|p| p.received).collect();
            rec.consumed = supply.parts.iter().map(|p| p.consumed).collect();
            rec.finish(now);
        });
    }
}

/// Calls the handler of one event.
fn dispatch(ctx: &mut Ctx, event: Event) {
    match event {
        Event::ReleaseDue => ctx.release_due(),
        Event::ServiceDone {
            station,
            server,
            epoch,
        } => ctx.service_done(station, server as usize, epoch),
        Event::Failure {
            station,
            server,
            epoch,
        } => ctx.failure(station, server as usize, epoch),
        Event::RepairDone { station, server } => ctx.repair_done(station, server as usize),
        Event::IndexDue => ctx.index_due(),
        Event::Departure { route } => ctx.departure(route),
        Event::TruckArrives { truck } => ctx.truck_arrives(truck),
        Event::DisruptionStarts { disruption } => ctx.disruption_starts(disruption),
        Event::DisruptionEnds { disruption } => ctx.disruption_ends(disruption),
        Event::PlannedDowntime { window, starts } => {
            let w = ctx.line.planned_downtime[window];
            if starts {
                ctx.cal.after(
                    w.duration,
                    Event::PlannedDowntime {
                        window,
                        starts: false,
                    },
                );
                if let Some(every) = w.every {
                    ctx.cal.after(
                        every,
                        Event::PlannedDowntime {
                            window,
                            starts: true,
                        },
                    );
                }
            }
            ctx.planned_downtime(starts);
        }
        Event::WarmupEnds => ctx.rec.warmup_ends(),
        Event::HourTick => hour_tick(ctx),
    }
}

/// Closes the hour: flushes station state clocks and snapshots stock.
fn hour_tick(ctx: &mut Ctx) {
    let now = ctx.now;
    for (k, st) in ctx.line.stations.iter_mut().enumerate() {
        for srv in &mut st.servers {
            ctx.rec.state_time(k, srv.state, srv.state_since, now);
            srv.state_since = now;
        }
    }
    let (on_hand, in_transit, supplier_stock) = stock_snapshot(ctx.supply, now);
    ctx.rec.close_hour(now, on_hand, in_transit, supplier_stock);
    let next = (ctx.rec.hours.len() as f64 + 1.0) * HOUR;
    ctx.cal.at(next, Event::HourTick);
}

/// On hand and in transit per part, finished goods per supplier.
fn stock_snapshot(supply: &mut Supply, now: Seconds) -> (Vec<u64>, Vec<u64>, Vec<u64>) {
    for s in &mut supply.suppliers {
        s.update(now);
    }
    (
        supply.parts.iter().map(|p| p.on_hand).collect(),
        supply.parts.iter().map(|p| p.in_transit).collect(),
        supply.suppliers.iter().map(|s| s.whole_units()).collect(),
    )
}
