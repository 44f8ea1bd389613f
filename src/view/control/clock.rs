//! How the viewer moves simulated time: the same `ModelMut::step_until` as
//! headless runs, on the model's resources in the App's own World, asked
//! for a target time that depends on the speed setting and the frame's
//! duration. Frame rate and speed decide only where the simulation pauses,
//! never what happens in it.

use bevy::prelude::*;

use crate::model::{ModelMut, ModelState};
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
pub(crate) const MAX_STEP: Seconds = 86_400.0;

/// How the viewer drives the model: its replication, and the speed. The
/// model's state (its scenario in `Spec`) lives as resources of the same World.
#[derive(Resource)]
pub(crate) struct ViewClock {
    /// Which replication's random streams the model runs.
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

impl ViewClock {
    /// Drives replication `replication` at speed index `speed`.
    pub(crate) fn new(replication: u64, speed: usize) -> ViewClock {
        ViewClock {
            replication,
            speed: speed.min(SPEEDS.len() - 1),
            paused: false,
            step_wall: 0.0,
            behind: 0.0,
        }
    }

    /// The model of `scenario` at t = 0, to insert into the World (start,
    /// restart, reload).
    pub(crate) fn fresh_model(&self, scenario: &Scenario) -> ModelState {
        ModelState::new(scenario, self.replication)
    }

    /// The speed in simulated seconds per real second.
    pub(crate) fn speed(&self) -> f64 {
        SPEEDS[self.speed]
    }
}

/// Replaces the World's model with a fresh one at t = 0.
pub(crate) fn restart(commands: &mut Commands, state: ModelState) {
    commands.queue(move |world: &mut World| state.insert_into(world));
}

/// The simulated time to advance to after a frame of `frame_secs` real
/// seconds at `speed`, from `now`.
pub(crate) fn target_time(now: Seconds, frame_secs: f64, speed: f64) -> Seconds {
    let step = if speed.is_finite() {
        frame_secs * speed
    } else {
        MAX_STEP
    };
    now + step.min(MAX_STEP)
}

/// Advances the model for one frame (a plain function, so the tests can
/// drive it with any frame times).
pub(crate) fn advance(clock: &mut ViewClock, model: &mut ModelMut, frame_secs: f64) {
    if clock.paused {
        return;
    }
    let wanted = target_time(model.now(), frame_secs, clock.speed());
    let started = std::time::Instant::now();
    model.step_until(wanted);
    clock.step_wall = started.elapsed().as_secs_f64();
    model.finish();
    clock.behind = (wanted.min(model.horizon()) - model.now()).max(0.0);
}

/// Moves to the next event (when paused).
pub(crate) fn step_to_next_event(model: &mut ModelMut) {
    if let Some(t) = model.next_event_time() {
        model.step_until(t + 1e-9);
        model.finish();
    }
}

/// The per-frame system, the only one that advances the model: real
/// (wall-clock) time, so a slow frame rate does not slow the simulation.
pub(crate) fn tick(time: Res<Time<Real>>, mut clock: ResMut<ViewClock>, mut model: ModelMut) {
    advance(&mut clock, &mut model, time.delta_secs_f64());
}

#[cfg(test)]
mod tests {
    use bevy::ecs::system::SystemState;

    use super::*;
    use crate::observe::Recorder;
    use crate::scenario::load_baseline;
    use crate::time::DAY;

    /// The viewer's counters after the same simulated time equal a headless
    /// run's, whatever the frame times and speed changes.
    #[test]
    fn frame_rate_and_speed_never_change_the_numbers() {
        let mut s = load_baseline().unwrap();
        s.horizon = 3.0 * DAY;
        let headless = crate::experiment::simulate(&s, 2);
        let mut world = World::new();
        let clock = ViewClock::new(2, 4);
        clock.fresh_model(&s).insert_into(&mut world);
        world.insert_resource(clock);
        let mut frame_state: SystemState<(ResMut<ViewClock>, ModelMut)> =
            SystemState::new(&mut world);
        let mut frame = 0u64;
        loop {
            let (mut clock, mut model) = frame_state.get_mut(&mut world).unwrap();
            if model.now() >= s.horizon {
                break;
            }
            frame += 1;
            clock.speed = (frame % SPEEDS.len() as u64) as usize;
            let dt = [0.004, 0.016, 0.033, 0.2][(frame % 4) as usize];
            advance(&mut clock, &mut model, dt);
        }
        let shown = world.resource::<Recorder>();
        assert_eq!(shown.completions, headless.completions);
        assert_eq!(shown.hours, headless.hours);
        assert_eq!(shown.due, headless.due);
    }
}
