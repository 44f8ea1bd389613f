//! Borrowing the model out of a World: [`ModelMut`] steps it, [`ModelRef`]
//! reads it. Both are bevy system parameters, so a viewer system takes them
//! like any other, and a headless run gets them from its own bare World.
//!
//! Stepping borrows every resource once and then runs a tight loop of plain
//! handler functions: no bevy `Schedule` and no World lookup per event.

use bevy::ecs::prelude::*;
use bevy::ecs::system::SystemParam;

use super::context::Ctx;
use super::disruption::Disruptions;
use super::event::Event;
use super::kernel::Kernel;
use super::line::Line;
use super::state::Spec;
use super::supply::Supply;
use crate::observe::Recorder;
use crate::scenario::{SupplierId, Timing};
use crate::time::{HOUR, Seconds};

/// The whole model, mutably: the only way to advance it.
#[derive(SystemParam)]
pub struct ModelMut<'w> {
    spec: Res<'w, Spec>,
    kernel: ResMut<'w, Kernel>,
    line: ResMut<'w, Line>,
    supply: ResMut<'w, Supply>,
    disruptions: ResMut<'w, Disruptions>,
    recorder: ResMut<'w, Recorder>,
}

/// The whole model, read-only: what observers (the viewer's systems) see.
#[derive(SystemParam)]
pub struct ModelRef<'w> {
    pub spec: Res<'w, Spec>,
    pub kernel: Res<'w, Kernel>,
    pub line: Res<'w, Line>,
    pub supply: Res<'w, Supply>,
    pub disruptions: Res<'w, Disruptions>,
    pub recorder: Res<'w, Recorder>,
}

impl ModelRef<'_> {
    /// Simulated time now [s].
    pub fn now(&self) -> Seconds {
        self.kernel.now()
    }
}

impl ModelMut<'_> {
    /// Simulated time now [s].
    pub fn now(&self) -> Seconds {
        self.kernel.now()
    }

    /// The run's horizon [s].
    pub fn horizon(&self) -> Seconds {
        self.kernel.horizon
    }

    /// Events handled so far.
    pub fn events(&self) -> u64 {
        self.kernel.events
    }

    /// Time of the next pending event, if before the horizon.
    pub fn next_event_time(&self) -> Option<Seconds> {
        self.kernel.next_event_time()
    }

    /// What the run has recorded so far.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// Starts disruption `d` now, as its scenario entry would (the viewer's
    /// live trigger). Only scheduled disruptions can be triggered: a random
    /// one's arrivals are its own stream's.
    pub fn trigger_disruption(&mut self, d: usize) -> bool {
        let scheduled = self
            .spec
            .0
            .disruptions
            .get(d)
            .is_some_and(|s| matches!(s.timing, Timing::Scheduled { .. }));
        let kernel = &mut *self.kernel;
        if scheduled && kernel.now() < kernel.horizon {
            let now = kernel.now();
            kernel
                .calendar
                .at(now, Event::DisruptionStarts { disruption: d });
        }
        scheduled
    }

    /// Handles every event before `until` (capped at the horizon) and moves
    /// the clock there.
    pub fn step_until(&mut self, until: Seconds) {
        let until = until.min(self.kernel.horizon);
        let now = self.kernel.calendar.now();
        let mut ctx = self.context(now);
        let mut handled = 0;
        while let Some((t, event)) = ctx.cal.pop_before(until) {
            ctx.now = t;
            handled += 1;
            dispatch(&mut ctx, event);
        }
        ctx.cal.advance_to(until);
        self.kernel.events += handled;
    }

    /// The handlers' view of the model at `now`.
    #[inline(always)]
    fn context(&mut self, now: Seconds) -> Ctx<'_> {
        Ctx {
            now,
            spec: &self.spec.0,
            paced: self.spec.0.line.paced,
            cal: &mut self.kernel.calendar,
            line: &mut self.line,
            supply: &mut self.supply,
            disruptions: &mut self.disruptions,
            rec: &mut self.recorder,
        }
    }

    /// Counts open intervals up to the horizon, once the horizon is reached.
    pub fn finish(&mut self) {
        let kernel = &mut *self.kernel;
        if kernel.finished || kernel.now() < kernel.horizon {
            return;
        }
        kernel.finished = true;
        let now = kernel.horizon;
        let mut ctx = self.context(now);
        flush_station_clocks(&mut ctx);
        if ctx.rec.last_hour().map_or(0.0, |h| h.end) < now {
            suppliers_to_now(&mut ctx);
            let (a, b, c) = stock_snapshot(ctx.supply);
            ctx.rec.close_hour(now, a, b, c);
        }
        let (supply, rec) = (&*ctx.supply, &mut *ctx.rec);
        rec.received = supply.parts.iter().map(|p| p.received).collect();
        rec.consumed = supply.parts.iter().map(|p| p.consumed).collect();
        rec.finish(now);
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
        Event::Dispatch { route } => ctx.dispatch(route),
        Event::TruckArrives { truck } => ctx.truck_arrives(truck),
        Event::DisruptionStarts { disruption } => ctx.disruption_starts(disruption),
        Event::DisruptionEnds { disruption } => ctx.disruption_ends(disruption),
        Event::Shift { of } => ctx.shift(of),
        Event::OvertimeEnds => ctx.overtime_ends(),
        Event::WarmupEnds => ctx
            .rec
            .warmup_ends(ctx.supply.parts.iter().map(|p| (p.on_hand, p.in_transit))),
        Event::HourTick => hour_tick(ctx),
    }
}

/// Closes the hour: flushes station state clocks and snapshots stock.
fn hour_tick(ctx: &mut Ctx) {
    flush_station_clocks(ctx);
    suppliers_to_now(ctx);
    let (on_hand, in_transit, supplier_stock) = stock_snapshot(ctx.supply);
    ctx.rec
        .close_hour(ctx.now, on_hand, in_transit, supplier_stock);
    let next = (ctx.rec.hours_closed as f64 + 1.0) * HOUR;
    ctx.cal.at(next, Event::HourTick);
}

/// Books every server's time in its state up to now.
fn flush_station_clocks(ctx: &mut Ctx) {
    let now = ctx.now;
    for (k, st) in ctx.line.stations.iter_mut().enumerate() {
        for srv in &mut st.servers {
            ctx.rec.state_time(k, srv.state, srv.state_since, now);
            srv.state_since = now;
        }
    }
}

/// Brings every supplier's stock (and the inputs it took) up to now.
fn suppliers_to_now(ctx: &mut Ctx) {
    for s in 0..ctx.supply.suppliers.len() {
        ctx.supplier_to_now(SupplierId::new(s));
    }
}

/// On hand and in transit per part, finished goods per supplier (brought
/// up to date by the caller).
fn stock_snapshot(supply: &Supply) -> (Vec<u64>, Vec<u64>, Vec<u64>) {
    (
        supply.parts.iter().map(|p| p.on_hand).collect(),
        supply.parts.iter().map(|p| p.in_transit).collect(),
        supply.suppliers.iter().map(|s| s.whole_units()).collect(),
    )
}
