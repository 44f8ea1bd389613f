//! How the viewer moves simulated time: the same `Simulation::step_until`
//! as headless runs, asked for a target time that depends on the speed
//! setting and the frame's duration. Frame rate and speed decide only where
//! the simulation pauses, never what happens in it.

use bevy::prelude::*;

use crate::model::Simulation;
use crate::scenario::Scenario;
use crate::time::Seconds;

/// Speed settings, in simulated seconds per real second.
pub const SPEEDS: [f64; 9] = [
    1.0,
    10.0,
    60.0,
    300.0,
    1_000.0,
    3_000.0,
    10_000.0,
    30_000.0,
    f64::INFINITY,
];

/// Most simulated time one frame may ask for at "as fast as possible" [s]:
/// a day per frame keeps the window responsive.
pub const MAX_STEP: Seconds = 86_400.0;

/// The running simulation and how the viewer drives it.
#[derive(Resource)]
pub struct ViewSim {
    pub sim: Simulation,
    pub scenario: Scenario,
    pub replication: u64,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    pub paused: bool,
    /// Wall time the last frame's stepping took [s], to tell when the
    /// simulation cannot keep up with the chosen speed.
    pub step_wall: f64,
    /// Simulated time asked for but not reached in the last frame [s].
    pub behind: Seconds,
}

impl ViewSim {
    /// A fresh replication of `scenario` at t = 0.
    pub fn new(scenario: Scenario, replication: u64, speed: usize) -> ViewSim {
        ViewSim {
            sim: Simulation::new(&scenario, replication),
            scenario,
            replication,
            speed: speed.min(SPEEDS.len() - 1),
            paused: false,
            step_wall: 0.0,
            behind: 0.0,
        }
    }

    /// Restarts the same scenario from t = 0.
    pub fn reset(&mut self) {
        self.sim = Simulation::new(&self.scenario, self.replication);
    }

    /// The speed in simulated seconds per real second.
    pub fn speed(&self) -> f64 {
        SPEEDS[self.speed]
    }
}

/// The simulated time to advance to after a frame of `frame_secs` real
/// seconds at `speed`, from `now`.
pub fn target_time(now: Seconds, frame_secs: f64, speed: f64) -> Seconds {
    let step = if speed.is_finite() {
        frame_secs * speed
    } else {
        MAX_STEP
    };
    now + step.min(MAX_STEP)
}

/// Advances the simulation for one frame (a plain function, so the tests
/// can drive it with any frame times).
pub fn advance(view: &mut ViewSim, frame_secs: f64) {
    if view.paused {
        return;
    }
    let wanted = target_time(view.sim.now(), frame_secs, view.speed());
    let started = std::time::Instant::now();
    view.sim.step_until(wanted);
    view.step_wall = started.elapsed().as_secs_f64();
    view.sim.finish();
    view.behind = (wanted.min(view.sim.horizon()) - view.sim.now()).max(0.0);
}

/// Moves to the next event (when paused).
pub fn step_to_next_event(view: &mut ViewSim) {
    if let Some(t) = view.sim.next_event_time() {
        view.sim.step_until(t + 1e-9);
        view.sim.finish();
    }
}

/// The per-frame system: real (wall-clock) time, so a slow frame rate does
/// not slow the simulation's speed.
pub fn tick(time: Res<Time<Real>>, mut view: ResMut<ViewSim>) {
    advance(&mut view, time.delta_secs_f64());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_baseline;
    use crate::time::DAY;

    /// The viewer's counters after the same simulated time equal a headless
    /// run's, whatever the frame times and speed changes.
    #[test]
    fn frame_rate_and_speed_never_change_the_numbers() {
        let mut s = load_baseline().unwrap();
        s.horizon = 3.0 * DAY;
        let headless = crate::experiment::simulate(&s, 2);
        let mut view = ViewSim::new(s.clone(), 2, 4);
        let mut frame = 0u64;
        while view.sim.now() < s.horizon {
            frame += 1;
            view.speed = (frame % SPEEDS.len() as u64) as usize;
            let dt = [0.004, 0.016, 0.033, 0.2][(frame % 4) as usize];
            advance(&mut view, dt);
        }
        let shown = view.sim.world.resource::<crate::observe::Recorder>();
        assert_eq!(shown.completions, headless.completions);
        assert_eq!(shown.hours, headless.hours);
        assert_eq!(shown.due, headless.due);
    }
}
