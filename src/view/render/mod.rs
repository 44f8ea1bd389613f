//! How the scene is drawn, chosen for software rendering (Mesa's llvmpipe,
//! where every pixel and every pass costs CPU time): unlit and diffuse
//! materials, the HUD's translucent plates, the scene at a lower resolution
//! behind the HUD, one thread for every schedule, and a low-quality mode.

pub(crate) mod flat;
pub(crate) mod plate;
pub(crate) mod scene_image;
pub(crate) mod sequential;
pub(crate) mod shaded;

use bevy::prelude::*;
use bevy::render::view::Msaa;

/// The materials and the scaled scene image.
pub(crate) struct RenderPlugin;

impl Plugin for RenderPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins((
            flat::FlatMaterialPlugin,
            shaded::ShadedMaterialPlugin,
            scene_image::SceneImagePlugin,
            plate::PlatePlugin,
        ));
    }
}

/// Without shadows or anti-aliasing (`--low-quality`, for software rendering).
pub(crate) struct LowQualityPlugin;

impl Plugin for LowQualityPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(PostStartup, low_quality).add_systems(
            PostUpdate,
            shaded::without_shadows.after(bevy::asset::AssetEventSystems),
        );
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
