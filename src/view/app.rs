//! Building the viewer's App from what `taktline view` was asked for: the
//! window, the model's resources in its World, the plugins, and the
//! screenshot or frame-rate measurement to end with.

use std::path::PathBuf;

use bevy::ecs::system::SystemState;
use bevy::prelude::*;

use super::ViewPlugin;
use super::control::camera;
use super::control::capture::{Capture, capture};
use super::control::clock::ViewClock;
use super::control::meter::{FrameMeter, meter};
use super::control::reload;
use super::region;
use super::render::LowQualityPlugin;
use super::render::scene_image::RenderScale;
use crate::model::ModelMut;
use crate::scenario::Scenario;

/// What `taktline view` was asked for.
pub struct ViewOptions {
    /// The scenario file (watched for edits); `None` for the embedded baseline.
    pub file: Option<PathBuf>,
    /// The scenario to run, validated.
    pub scenario: Scenario,
    /// Which replication's random streams to use.
    pub replication: u64,
    /// Index into [`SPEEDS`](super::SPEEDS).
    pub speed: usize,
    /// Window size in pixels.
    pub size: (u32, u32),
    /// Render without shadows or anti-aliasing (for software rendering).
    pub low_quality: bool,
    /// The 3D scene's resolution relative to the window's, in (0, 1].
    pub render_scale: f32,
    /// Save a PNG of the scene at `at` and exit.
    pub screenshot: Option<(PathBuf, f64)>,
    /// Render this many frames, print the frame rate and exit.
    pub measure_frames: Option<u32>,
    /// What the camera frames first.
    pub framing: camera::Framing,
}

/// Opens the viewer; returns when its window closes (or the screenshot is saved).
pub fn run(opts: ViewOptions) -> AppExit {
    let mut view = ViewClock::new(opts.replication, opts.speed);
    let mut app = App::new();
    view.fresh_model(&opts.scenario)
        .insert_into(app.world_mut());
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: format!("taktline - {}", opts.scenario.name),
                    resolution: opts.size.into(),
                    ..default()
                }),
                ..default()
            })
            // A screenshot waits for every pipeline: compiled in the
            // background, a slow one (software rendering under load) left
            // whole meshes, the map's land among them, out of the picture.
            .set(bevy::render::RenderPlugin {
                synchronous_pipeline_compilation: opts.screenshot.is_some(),
                ..default()
            }),
    )
    .insert_resource(ClearColor(region::SEA))
    .add_systems(PreStartup, use_taktline_font)
    .add_plugins(ViewPlugin)
    .insert_resource(reload::Watched::new(opts.file))
    .insert_resource(RenderScale(opts.render_scale))
    .insert_resource(opts.framing);
    if opts.low_quality {
        app.add_plugins(LowQualityPlugin);
    }
    if let Some((path, at)) = opts.screenshot {
        let world = app.world_mut();
        let mut access = SystemState::<ModelMut>::new(world);
        if let Ok(mut model) = access.get_mut(world) {
            model.step_until(at);
            model.finish();
        }
        view.paused = true;
        app.insert_resource(Capture {
            path,
            frames: 40,
            taken: false,
        })
        .add_systems(Last, capture);
    }
    if let Some(n) = opts.measure_frames {
        app.insert_resource(FrameMeter {
            left: n.max(1),
            frames: 0,
            started: None,
            sim_started: 0.0,
            cpu_started: None,
        })
        .add_systems(Last, meter);
    }
    app.insert_resource(view);
    app.run()
}

/// Puts taktline's font (with CJK glyphs) at the default font handle, so
/// every label and panel draws names such as 温州 instead of empty boxes.
fn use_taktline_font(mut fonts: ResMut<Assets<Font>>) {
    // The id is the default one, which no other asset holds: this cannot fail.
    let _ = fonts.insert(
        AssetId::default(),
        Font::from_bytes(crate::font::FONT.to_vec()),
    );
}
