//! The 3D scene below the window's resolution (`--render-scale`):
//! rendered into a smaller image, shown on a window-filling quad behind the
//! full-resolution HUD. The UI's image node would evaluate a rounded box's
//! distance field for every pixel and the 2D colour material a filtered,
//! tinted sample; under software rendering either cost a sixth of a frame.

use bevy::asset::embedded_asset;
use bevy::camera::{RenderTarget, ScalingMode};
use bevy::prelude::*;
use bevy::render::render_resource::{AsBindGroup, TextureFormat};
use bevy::render::view::Msaa;
use bevy::shader::ShaderRef;
use bevy::sprite_render::{AlphaMode2d, Material2d, Material2dPlugin};
use bevy::ui::IsDefaultUiCamera;
use bevy::window::PrimaryWindow;

/// The 3D scene's resolution relative to the window's, in (0, 1]
/// (software rendering's cost grows with the pixels drawn).
#[derive(Resource, Clone, Copy, Debug)]
pub(crate) struct RenderScale(pub f32);

impl RenderScale {
    /// The scene camera's viewport pixels per logical pixel of the window:
    /// below 1 the camera draws into an image sized from the window's
    /// physical pixels; at 1 it draws into the window itself.
    pub(crate) fn viewport_px_per_window_px(self, window: &Window) -> f32 {
        if self.0 < 1.0 {
            self.0 * window.scale_factor()
        } else {
            1.0
        }
    }
}

/// The scene's image, texel for texel.
#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
pub(crate) struct SceneImageMaterial {
    #[texture(0)]
    pub image: Handle<Image>,
}

impl Material2d for SceneImageMaterial {
    fn fragment_shader() -> ShaderRef {
        embedded_shader!("scene_image.wgsl")
    }

    fn alpha_mode(&self) -> AlphaMode2d {
        AlphaMode2d::Opaque
    }
}

/// Registers the material and embeds its shader in the binary.
pub(crate) struct SceneImagePlugin;

impl Plugin for SceneImagePlugin {
    fn build(&self, app: &mut App) {
        embedded_asset!(app, "scene_image.wgsl");
        app.add_plugins(Material2dPlugin::<SceneImageMaterial>::default());
    }
}

/// Below a render scale of 1, points the scene's camera at an image of that
/// scale and shows the image with a 2D camera, which also draws the HUD.
pub(crate) fn show_scaled_scene(
    mut commands: Commands,
    scale: Res<RenderScale>,
    windows: Query<&Window, With<PrimaryWindow>>,
    cameras: Query<Entity, With<Camera3d>>,
    mut images: ResMut<Assets<Image>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<SceneImageMaterial>>,
) {
    let (true, Ok(scene_camera), Ok(window)) = (scale.0 < 1.0, cameras.single(), windows.single())
    else {
        return;
    };
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
    // The scene's image on a window-filling quad (a 1 x 1 view
    // stretched to the window), behind the HUD.
    commands.spawn((
        Camera2d,
        Camera {
            order: 1,
            clear_color: ClearColorConfig::None,
            ..default()
        },
        Projection::Orthographic(OrthographicProjection {
            scaling_mode: ScalingMode::Fixed {
                width: 1.0,
                height: 1.0,
            },
            ..OrthographicProjection::default_2d()
        }),
        IsDefaultUiCamera,
        Msaa::Off,
    ));
    commands.spawn((
        Mesh2d(meshes.add(Rectangle::new(1.0, 1.0))),
        MeshMaterial2d(materials.add(SceneImageMaterial { image })),
    ));
}
