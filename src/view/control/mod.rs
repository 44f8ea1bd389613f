//! What drives the viewer: the clock that advances the model, the keyboard
//! and mouse, hot reload of the scenario file, the undisrupted twin, the
//! camera, and the screenshot and frame meter that end a run.

pub(crate) mod camera;
pub(crate) mod capture;
pub(crate) mod clock;
pub(crate) mod input;
pub(crate) mod keys;
pub(crate) mod meter;
pub(crate) mod reload;
pub(crate) mod twin;

use bevy::prelude::*;

use super::Stage;

/// Advancing the simulation, keyboard and mouse controls, hot reload and
/// the camera.
pub(crate) struct ControlPlugin;

impl Plugin for ControlPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<reload::ScenarioReloaded>()
            .init_resource::<input::Drag>()
            .add_systems(Startup, camera::cpu_clustering)
            .add_systems(
                Update,
                (input::keyboard, reload::watch, clock::tick, twin::follow)
                    .chain()
                    .in_set(Stage::Simulate),
            )
            .add_systems(
                Update,
                (camera::orbit_camera, input::pick).in_set(Stage::Project),
            );
    }
}
