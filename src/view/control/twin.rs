//! The undisrupted twin the HUD compares with: the same scenario without
//! its disruptions, same seed and streams (common random numbers, as in
//! `taktline run`), stepped to the shown model's time every frame, so the
//! shortfall a disruption causes reads as it grows and shrinks.

use bevy::prelude::*;

use super::clock::ViewClock;
use crate::model::{Kernel, Simulation, Spec};
use crate::scenario::Scenario;
use crate::time::Seconds;

/// The twin's own World.
#[derive(Resource)]
pub(crate) struct Twin {
    sim: Simulation,
}

impl Twin {
    /// The twin of what `view` shows of `scenario`, at t = 0.
    pub(crate) fn new(view: &ViewClock, scenario: &Scenario) -> Twin {
        Twin {
            sim: Simulation::new(&scenario.undisrupted(), view.replication),
        }
    }

    /// Robots the twin completed by each of `times` (one look at its World).
    pub(crate) fn completed_by_each(&mut self, times: &[Seconds]) -> Vec<usize> {
        let rec = &*self.sim.read().recorder;
        times
            .iter()
            .map(|&t| rec.completions.partition_point(|&c| c <= t))
            .collect()
    }
}

/// Keeps the twin at the shown model's time; a restart or a reload (the
/// model back at an earlier time) starts a fresh twin.
pub(crate) fn follow(
    kernel: Res<Kernel>,
    view: Res<ViewClock>,
    spec: Res<Spec>,
    twin: Option<ResMut<Twin>>,
    mut commands: Commands,
) {
    let now = kernel.now();
    if let Some(mut twin) = twin {
        let at = twin.sim.now();
        if at <= now + 1e-9 {
            if at < now {
                twin.sim.step_until(now);
                twin.sim.finish();
            }
            return;
        }
    }
    let mut fresh = Twin::new(&view, &spec.0);
    fresh.sim.step_until(now);
    fresh.sim.finish();
    commands.insert_resource(fresh);
}
