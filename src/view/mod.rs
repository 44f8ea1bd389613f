//! The 3D viewer (cargo feature `viewer`): a bevy app whose World holds the
//! model's resources, advanced frame by frame by one system through the same
//! [`crate::model::ModelMut`] as headless runs, and projected onto a factory
//! floor and a region map by systems that read those resources.
//!
//! The viewer never changes the model except through a scenario's own
//! inputs (a disruption started now); what it shows after a given simulated
//! time is what `taktline run` computes.
//!
//! The folder composes: `common` is the vocabulary every feature shares;
//! the features (`scene`, `line`, `robots`, `trucks`, `bins`, `arms`,
//! `disruptions`, `labels`, `hud`) each own their plugin; `render/` is how
//! the scene is drawn, `control/` what drives it (the clock, keys and input,
//! reload, camera, capture); `app` builds the App.

use bevy::prelude::*;

/// The `ShaderRef` of a WGSL file embedded (with `embedded_asset!`) beside
/// the calling source file: a macro, because the path is found from the
/// caller's `file!()`.
macro_rules! embedded_shader {
    ($file:literal) => {
        bevy::shader::ShaderRef::Path(
            bevy::asset::AssetPath::from_path_buf(bevy::asset::embedded_path!($file))
                .with_source("embedded"),
        )
    };
}

mod app;
mod arms;
mod bins;
mod common;
mod control;
mod disruptions;
mod hud;
mod kit;
mod labels;
mod layout;
mod line;
mod map;
mod region;
mod render;
mod robots;
mod scene;
mod trucks;

pub use app::{ViewOptions, run};
pub use control::camera::Framing;
pub use control::clock::SPEEDS;

/// The order of the viewer's work within a frame.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The model advances by the frame's simulated time.
    Simulate,
    /// A reloaded scenario's scene is rebuilt.
    Rebuild,
    /// The model's state is projected onto the scene.
    Project,
}

/// The whole viewer: every feature's plugin, in the frame's order.
struct ViewPlugin;

impl Plugin for ViewPlugin {
    fn build(&self, app: &mut App) {
        app.configure_sets(
            Update,
            (Stage::Simulate, Stage::Rebuild, Stage::Project).chain(),
        )
        .add_plugins((
            render::RenderPlugin,
            control::ControlPlugin,
            scene::ScenePlugin,
            line::LinePlugin,
            robots::RobotsPlugin,
            trucks::TrucksPlugin,
            bins::BinsPlugin,
            arms::ArmsPlugin,
            disruptions::DisruptionsPlugin,
            labels::LabelsPlugin,
            hud::HudPlugin,
            render::sequential::SequentialPlugin,
        ));
    }
}
