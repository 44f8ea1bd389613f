//! The 3D viewer (cargo feature `viewer`): a bevy app whose World holds the
//! model's resources, advanced frame by frame by one system through the same
//! [`crate::model::ModelMut`] as headless runs, and projected onto a factory
//! floor and a region map by systems that read those resources.
//!
//! The viewer never changes the model except through a scenario's own
//! inputs (a disruption started now); what it shows after a given simulated
//! time is what `taktline run` computes.

use std::path::PathBuf;

use bevy::ecs::system::SystemState;
use bevy::prelude::*;
use bevy::render::view::Msaa;

use crate::model::{Kernel, ModelMut};
use crate::scenario::Scenario;

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

mod arms;
mod camera;
mod capture;
mod clock;
mod common;
mod events;
mod flat;
mod hud;
mod hud_charts;
mod input;
mod kit;
mod labels;
mod layout;
mod map;
mod plate;
mod region;
mod reload;
mod scene;
mod scene_image;
mod sequential;
mod shaded;
mod twin;

pub use camera::Framing;
pub use clock::SPEEDS;
use clock::ViewClock;
use reload::ScenarioReloaded;

/// What `taktline view` was asked for.
pub struct ViewOptions {
    /// The scenario file (watched for edits); `None` for the embedded baseline.
    pub file: Option<PathBuf>,
    /// The scenario to run, validated.
    pub scenario: Scenario,
    /// Which replication's random streams to use.
    pub replication: u64,
    /// Index into [`clock::SPEEDS`].
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

/// Counts frames for `--measure-frames`.
#[derive(Resource)]
struct FrameMeter {
    left: u32,
    frames: u32,
    started: Option<std::time::Instant>,
    sim_started: f64,
    cpu_started: Option<f64>,
}

/// Seconds of CPU this process (the software renderer's threads included)
/// has used, where the system says (Linux's `/proc/self/stat`).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

fn meter(
    mut m: ResMut<FrameMeter>,
    view: Res<ViewClock>,
    kernel: Res<Kernel>,
    mut exit: MessageWriter<AppExit>,
) {
    // The first frames compile pipelines; time from the fifth on.
    if m.frames == 5 {
        m.started = Some(std::time::Instant::now());
        m.sim_started = kernel.now();
        m.cpu_started = cpu_seconds();
    }
    m.frames += 1;
    if m.frames < 5 {
        return;
    }
    m.left = m.left.saturating_sub(1);
    if m.left == 0 {
        let wall = m.started.map_or(0.0, |s| s.elapsed().as_secs_f64());
        let frames = m.frames - 5;
        let cpu = match (m.cpu_started, cpu_seconds()) {
            (Some(a), Some(b)) => {
                format!(" ({:.0} ms of CPU a frame)", (b - a) * 1e3 / frames as f64)
            }
            _ => String::new(),
        };
        println!(
            "{frames} frames in {wall:.2} s: {:.1} frames/s{cpu}; simulated {:.0} s ({:.0}x real time), falling behind by {:.0} s in the last frame",
            frames as f64 / wall.max(1e-9),
            kernel.now() - m.sim_started,
            (kernel.now() - m.sim_started) / wall.max(1e-9),
            view.behind
        );
        exit.write(AppExit::Success);
    }
}

/// Advancing the simulation, keyboard controls and hot reload.
pub struct SimulationPlugin;

impl Plugin for SimulationPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<ScenarioReloaded>()
            .init_resource::<input::Drag>()
            .add_systems(
                Update,
                (input::keyboard, reload::watch, clock::tick, twin::follow)
                    .chain()
                    .in_set(Stage::Simulate),
            );
    }
}

/// The 3D scene and its per-frame projection of the model's state.
pub struct ScenePlugin;

impl Plugin for ScenePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            Startup,
            (
                scene::spawn_scene,
                camera::spawn_camera,
                scene_image::show_scaled_scene,
            )
                .chain(),
        )
        .add_systems(
            Update,
            (
                despawn_scene.run_if(on_message::<ScenarioReloaded>),
                scene::spawn_scene.run_if(on_message::<ScenarioReloaded>),
            )
                .chain()
                .in_set(Stage::Rebuild),
        )
        .add_systems(
            Update,
            (
                scene::colour_stations,
                scene::move_robots,
                scene::move_trucks,
                scene::fill_bins,
                events::show_disruptions,
                arms::animate_arms,
                camera::orbit_camera,
                input::pick,
            )
                .in_set(Stage::Project),
        )
        .add_systems(
            PostUpdate,
            // After the camera's transform is propagated, before the UI is
            // laid out with the labels' new places.
            labels::place_labels
                .after(bevy::transform::TransformSystems::Propagate)
                .before(bevy::ui::UiSystems::Layout),
        );
    }
}

/// How the scene is drawn: its materials, and renderer settings chosen for
/// software rendering (where every pass and every pixel counts).
pub struct DrawingPlugin;

impl Plugin for DrawingPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins((
            flat::FlatMaterialPlugin,
            shaded::ShadedMaterialPlugin,
            scene_image::SceneImagePlugin,
            plate::PlatePlugin,
        ))
        .add_systems(Startup, camera::cpu_clustering);
    }
}

/// The heads-up display.
pub struct HudPlugin;

impl Plugin for HudPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<hud::Selection>()
            .init_resource::<hud::HelpShown>()
            .init_resource::<hud::ReloadError>()
            .init_resource::<hud::HudCollapsed>()
            .add_systems(Startup, (hud::spawn_hud, hud_charts::spawn_charts))
            .add_systems(
                Update,
                (
                    hud::fit_hud,
                    hud::collapse_panels,
                    hud::update_hud,
                    hud_charts::update_charts,
                    hud_charts::update_gap,
                )
                    .in_set(Stage::Project),
            );
    }
}

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

fn despawn_scene(mut commands: Commands, items: Query<Entity, With<common::SceneItem>>) {
    for e in &items {
        commands.entity(e).despawn();
    }
}

fn low_quality(
    mut commands: Commands,
    cameras: Query<Entity, With<Camera3d>>,
    mut lights: Query<&mut DirectionalLight>,
) {
    for e in &cameras {
        commands.entity(e).insert(Msaa::Off);
    }
    for mut l in &mut lights {
        l.shadow_maps_enabled = false;
    }
}

/// Opens the viewer; returns when its window closes (or the screenshot is saved).
pub fn run(opts: ViewOptions) -> AppExit {
    let mut view = ViewClock::new(opts.scenario, opts.replication, opts.speed);
    let mut app = App::new();
    view.fresh_model().insert_into(app.world_mut());
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: format!("taktline - {}", view.scenario.name),
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
    .configure_sets(
        Update,
        (Stage::Simulate, Stage::Rebuild, Stage::Project).chain(),
    )
    .add_plugins((
        DrawingPlugin,
        SimulationPlugin,
        ScenePlugin,
        HudPlugin,
        sequential::SequentialPlugin,
    ))
    .insert_resource(reload::Watched::new(opts.file))
    .insert_resource(scene_image::RenderScale(opts.render_scale))
    .insert_resource(opts.framing);
    if opts.low_quality {
        app.add_systems(PostStartup, low_quality).add_systems(
            PostUpdate,
            shaded::without_shadows.after(bevy::asset::AssetEventSystems),
        );
    }
    if let Some((path, at)) = opts.screenshot {
        let world = app.world_mut();
        let mut access = SystemState::<ModelMut>::new(world);
        if let Ok(mut model) = access.get_mut(world) {
            model.step_until(at);
            model.finish();
        }
        view.paused = true;
        app.insert_resource(capture::Capture {
            path,
            frames: 40,
            taken: false,
        })
        .add_systems(Last, capture::capture);
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
