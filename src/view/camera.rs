//! An orbit camera: left drag orbits, right drag pans, the wheel zooms,
//! `C` switches between framing the line and the whole region.

use bevy::camera::RenderTarget;
use bevy::core_pipeline::tonemapping::Tonemapping;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::prelude::*;
use bevy::render::render_resource::TextureFormat;
use bevy::render::view::Msaa;
use bevy::ui::IsDefaultUiCamera;
use bevy::window::PrimaryWindow;

use super::scene::Layout;

/// Where the camera looks from.
#[derive(Component, Clone, Copy, Debug)]
pub struct Orbit {
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
    pub fn framing(layout: &Layout, what: Framing) -> Orbit {
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
    pub fn transform(&self) -> Transform {
        let dir = Vec3::new(
            self.pitch.cos() * self.yaw.sin(),
            self.pitch.sin(),
            self.pitch.cos() * self.yaw.cos(),
        );
        Transform::from_translation(self.focus + dir * self.distance)
            .looking_at(self.focus, Vec3::Y)
    }
}

/// The 3D scene's resolution relative to the window's: below 1 the scene is
/// rendered into a smaller image and scaled up behind the full-resolution
/// HUD (software rendering's cost grows with the pixels drawn).
#[derive(Resource, Clone, Copy, Debug)]
pub struct RenderScale(pub f32);

/// Spawns the camera(s) and the lights.
pub fn spawn_camera(
    mut commands: Commands,
    layout: Res<Layout>,
    scale: Res<RenderScale>,
    framing: Res<Framing>,
    windows: Query<&Window, With<PrimaryWindow>>,
    mut images: ResMut<Assets<Image>>,
) {
    let orbit = Orbit::framing(&layout, *framing);
    // ACES needs no lookup tables, so the render stack stays small.
    let scene_camera = commands
        .spawn((
            Camera3d::default(),
            Tonemapping::AcesFitted,
            orbit,
            orbit.transform(),
        ))
        .id();
    if let (true, Ok(window)) = (scale.0 < 1.0, windows.single()) {
        let w = ((window.physical_width() as f32 * scale.0).round() as u32).max(1);
        let h = ((window.physical_height() as f32 * scale.0).round() as u32).max(1);
        let image = images.add(Image::new_target_texture(
            w,
            h,
            TextureFormat::Bgra8UnormSrgb,
            None,
        ));
        commands
            .entity(scene_camera)
            .insert((RenderTarget::Image(image.clone().into()), Msaa::Off));
        commands.spawn((
            Camera2d,
            Camera {
                order: 1,
                ..default()
            },
            IsDefaultUiCamera,
            Msaa::Off,
        ));
        commands.spawn((
            ImageNode::new(image),
            Node {
                position_type: PositionType::Absolute,
                width: Val::Percent(100.0),
                height: Val::Percent(100.0),
                ..default()
            },
            GlobalZIndex(-1),
        ));
    }
    commands.spawn((
        DirectionalLight {
            illuminance: 9_000.0,
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::from_xyz(-10.0, 22.0, 14.0).looking_at(layout.centre, Vec3::Y),
    ));
    commands.insert_resource(GlobalAmbientLight {
        color: Color::WHITE,
        brightness: 350.0,
        ..default()
    });
}

/// Applies mouse input to the orbit.
pub fn orbit_camera(
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    layout: Option<Res<Layout>>,
    mut framing: ResMut<Framing>,
    mut cameras: Query<(&mut Orbit, &mut Transform)>,
) {
    if keys.just_pressed(KeyCode::KeyC) {
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
        if keys.just_pressed(KeyCode::KeyC)
            && let Some(layout) = &layout
        {
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
