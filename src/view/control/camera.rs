//! An orbit camera: left drag orbits, right drag pans, the wheel zooms,
//! `C` switches between framing the line and the whole region.

use bevy::core_pipeline::tonemapping::Tonemapping;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::light::cluster::{ClusterConfig, GlobalClusterSettings};
use bevy::light::{CascadeShadowConfigBuilder, DirectionalLightShadowMap, ShadowFilteringMethod};
use bevy::prelude::*;
use bevy::render::view::NoIndirectDrawing;

use super::keys::{self, Action};
use crate::view::layout::Layout;

/// Where the camera looks from.
#[derive(Component, Clone, Copy, Debug)]
pub(crate) struct Orbit {
    pub focus: Vec3,
    pub yaw: f32,
    pub pitch: f32,
    pub distance: f32,
}

/// What the camera frames.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Framing {
    /// The line, the dock and the bins, close up.
    Line,
    /// The whole region: the map, the suppliers, the roads and the line.
    Region,
}

impl Orbit {
    /// A view framing `what`.
    pub(crate) fn framing(layout: &Layout, what: Framing) -> Orbit {
        match what {
            Framing::Line => Orbit {
                // Left of centre, so the line sits right of the HUD.
                focus: layout.centre + Vec3::new(-5.0, 0.0, -1.0),
                yaw: -0.12,
                pitch: 0.85,
                distance: 30.0,
            },
            Framing::Region => {
                let (centre, size) = layout.extent();
                Orbit {
                    focus: centre + Vec3::new(-0.18 * size, 0.0, 0.06 * size),
                    yaw: 0.0,
                    pitch: 1.05,
                    distance: size * 0.95,
                }
            }
        }
    }

    /// The camera transform for this orbit.
    pub(crate) fn transform(&self) -> Transform {
        let dir = Vec3::new(
            self.pitch.cos() * self.yaw.sin(),
            self.pitch.sin(),
            self.pitch.cos() * self.yaw.cos(),
        );
        Transform::from_translation(self.focus + dir * self.distance)
            .looking_at(self.focus, Vec3::Y)
    }
}

/// Spawns the scene's camera and the lights.
pub(crate) fn spawn_camera(mut commands: Commands, layout: Res<Layout>, framing: Res<Framing>) {
    let orbit = Orbit::framing(&layout, *framing);
    // ACES needs no lookup tables, so the render stack stays small. The
    // scene has one light, the sun: one light cluster, and draws issued
    // directly rather than through compute passes that cull them (each a
    // cost per frame under software rendering).
    commands.spawn((
        Camera3d::default(),
        Tonemapping::AcesFitted,
        ClusterConfig::Single,
        NoIndirectDrawing,
        // One filtered sample of the shadow map per pixel rather than the
        // default's nine: sharper shadows, a tenth less work a frame.
        ShadowFilteringMethod::Hardware2x2,
        orbit,
        orbit.transform(),
    ));
    commands.spawn((
        DirectionalLight {
            illuminance: 9_000.0,
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::from_xyz(-10.0, 22.0, 14.0).looking_at(layout.centre, Vec3::Y),
        // One cascade over the line's depth: bevy's default of four out to
        // 1,000 units rendered the scene's depth four times a frame.
        CascadeShadowConfigBuilder {
            num_cascades: 1,
            maximum_distance: SHADOW_DISTANCE,
            first_cascade_far_bound: SHADOW_DISTANCE,
            ..default()
        }
        .build(),
    ));
    commands.insert_resource(DirectionalLightShadowMap { size: 1024 });
    commands.insert_resource(GlobalAmbientLight {
        color: Color::WHITE,
        brightness: 350.0,
        ..default()
    });
}

/// How far from the camera shadows are drawn: the line and the dock from
/// the line's framing. The region's framing sees the line from further
/// away, too small for its shadows to show.
const SHADOW_DISTANCE: f32 = 60.0;

/// Assigns lights to clusters on the CPU: with the sun as the only light
/// there is nothing to cluster, and the GPU's clustering passes cost a few
/// milliseconds a frame under software rendering.
pub(crate) fn cpu_clustering(mut settings: ResMut<GlobalClusterSettings>) {
    settings.gpu_clustering = None;
}

/// Applies mouse input to the orbit.
pub(crate) fn orbit_camera(
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    layout: Option<Res<Layout>>,
    mut framing: ResMut<Framing>,
    mut cameras: Query<(&mut Orbit, &mut Transform)>,
) {
    let reframe = keys::asked(&keys, Action::Frame);
    if reframe {
        *framing = match *framing {
            Framing::Line => Framing::Region,
            Framing::Region => Framing::Line,
        };
    }
    for (mut orbit, mut tf) in &mut cameras {
        let before = *orbit;
        if buttons.pressed(MouseButton::Left) {
            orbit.yaw -= motion.delta.x * 0.005;
            orbit.pitch = (orbit.pitch + motion.delta.y * 0.005).clamp(0.08, 1.5);
        }
        if buttons.pressed(MouseButton::Right) {
            let right = tf.right().as_vec3();
            let forward = Vec3::new(tf.forward().x, 0.0, tf.forward().z).normalize_or_zero();
            let k = orbit.distance * 0.0015;
            orbit.focus += (-right * motion.delta.x + forward * motion.delta.y) * k;
        }
        if scroll.delta.y != 0.0 {
            orbit.distance = (orbit.distance * (1.0 - scroll.delta.y * 0.1)).clamp(4.0, 250.0);
        }
        if reframe && let Some(layout) = &layout {
            *orbit = Orbit::framing(layout, *framing);
        }
        if orbit.focus != before.focus
            || orbit.yaw != before.yaw
            || orbit.pitch != before.pitch
            || orbit.distance != before.distance
        {
            *tf = orbit.transform();
        }
    }
}
