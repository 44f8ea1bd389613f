//! Borrowing the model out of a World: [`ModelMut`] steps it, [`ModelRef`]
//! reads it. Both are bevy system parameters, so a viewer system takes them
//! like any other, and a headless run gets them from its own bare World.
//!
//! Stepping borrows every resource once and then runs a tight loop of plain
//! handler functions: no bevy `Schedule` and no World lookup per event.

use bevy::ecs::prelude::*;
use bevy::ecs::system::SystemParam;

use super::event::Event;
use super::handlers::{self, Ctx};
use super::state::Spec;
use super::state::disruptions::Disruptions;
use super::state::kernel::Kernel;
use super::state::line::Line;
use super::state::supply::Supply;
use crate::observe::Recorder;
use crate::scenario::{DisruptionId, Scenario, Timing};
use crate::time::Seconds;

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
    /// The validated scenario the run follows.
    pub spec: Res<'w, Spec>,
    /// The event calendar, clock and horizon.
    pub kernel: Res<'w, Kernel>,
    /// Stations, the release backlog and the parts queue.
    pub line: Res<'w, Line>,
    /// Suppliers, stock, routes and trucks.
    pub supply: Res<'w, Supply>,
    /// Which disruptions are active, and their random streams.
    pub disruptions: Res<'w, Disruptions>,
    /// What the run has recorded so far.
    pub recorder: Res<'w, Recorder>,
}

impl ModelRef<'_> {
    /// Simulated time now [s].
    pub fn now(&self) -> Seconds {
        self.kernel.now()
    }
}

impl ModelMut<'_> {
    /// The scenario the model runs.
    pub fn scenario(&self) -> &Scenario {
        &self.spec.0
    }

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
            kernel.calendar.at(
                now,
                Event::DisruptionStarts {
                    disruption: DisruptionId::new(d),
                },
            );
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
            handlers::dispatch(&mut ctx, event);
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
        self.context(now).close_run();
    }
}
