//! A headless replication: a bare bevy World holding the model's resources,
//! stepped through the same [`ModelMut`] the viewer's system uses, so the
//! two produce the same numbers.

use bevy::ecs::prelude::*;
use bevy::ecs::system::SystemState;

use super::access::{ModelMut, ModelRef};
use super::snapshot::Snapshot;
use super::state::ModelState;
use super::state::Spec;
use super::state::disruptions::Disruptions;
use super::state::kernel::Kernel;
use super::state::line::Line;
use super::state::supply::Supply;
use crate::observe::Recorder;
use crate::scenario::Scenario;
use crate::time::Seconds;

/// A running replication that owns its World.
pub struct Simulation {
    world: World,
    model: SystemState<ModelMut<'static>>,
    view: SystemState<ModelRef<'static>>,
}

/// Every resource is inserted by [`Simulation::new`] and none is removed
/// while the Simulation lives, so borrowing them cannot fail.
const RESOURCES_PRESENT: &str = "a Simulation's World holds every model resource";

impl Simulation {
    /// A fresh World for replication `replication` of `scenario`, at t = 0.
    pub fn new(scenario: &Scenario, replication: u64) -> Simulation {
        Simulation::from_state(ModelState::new(scenario, replication))
    }

    /// A World holding `state`, ready to step on from its instant.
    fn from_state(state: ModelState) -> Simulation {
        let mut world = World::new();
        state.insert_into(&mut world);
        let model = SystemState::new(&mut world);
        let view = SystemState::new(&mut world);
        Simulation { world, model, view }
    }

    /// Runs on from `snapshot`, exactly as the run it was taken from would.
    pub fn resume(snapshot: Snapshot) -> Simulation {
        Simulation::from_state(snapshot.0)
    }

    /// The whole state now, to run on from here more than once.
    pub fn snapshot(&self) -> Snapshot {
        fn cloned<R: Resource + Clone>(world: &World) -> R {
            world.get_resource::<R>().expect(RESOURCES_PRESENT).clone()
        }
        let w = &self.world;
        Snapshot(ModelState {
            spec: cloned::<Spec>(w),
            kernel: cloned::<Kernel>(w),
            line: cloned::<Line>(w),
            supply: cloned::<Supply>(w),
            disruptions: cloned::<Disruptions>(w),
            recorder: cloned::<Recorder>(w),
        })
    }

    /// Keeps only counts of completions, not each instant: for a run that
    /// is not compared with a twin, so memory does not grow with robots made.
    pub fn counting_completions(mut self) -> Simulation {
        self.world
            .resource_mut::<Recorder>()
            .keep_completions(false);
        self
    }

    /// The model, mutably (borrowed once; step it as far as needed).
    pub fn model(&mut self) -> ModelMut<'_> {
        self.model
            .get_mut(&mut self.world)
            .expect(RESOURCES_PRESENT)
    }

    /// The model, read-only.
    pub fn read(&mut self) -> ModelRef<'_> {
        self.view.get(&self.world).expect(RESOURCES_PRESENT)
    }

    /// Handles every event before `until` (capped at the horizon).
    pub fn step_until(&mut self, until: Seconds) {
        self.model().step_until(until);
    }

    /// Counts open intervals up to the horizon (once the horizon is reached).
    pub fn finish(&mut self) {
        self.model().finish();
    }

    /// Simulated time now [s].
    pub fn now(&mut self) -> Seconds {
        self.model().now()
    }

    /// Events handled so far.
    pub fn events(&mut self) -> u64 {
        self.model().events()
    }

    /// Runs to the horizon and closes the books; returns what was recorded.
    pub fn run(mut self) -> Recorder {
        let mut model = self.model();
        let horizon = model.horizon();
        model.step_until(horizon);
        model.finish();
        self.world
            .remove_resource::<Recorder>()
            .expect(RESOURCES_PRESENT)
    }
}
