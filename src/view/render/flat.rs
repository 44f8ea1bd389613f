//! A flat, unlit colour for large surfaces (the map, the roads): bevy's
//! standard material runs its whole physically based shader even when
//! unlit, which under software rendering costs most of a frame for
//! surfaces that cover the screen.

use bevy::asset::embedded_asset;
use bevy::prelude::*;
use bevy::render::render_resource::AsBindGroup;
use bevy::shader::ShaderRef;

/// One colour, no lighting, no shadows cast.
#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
pub(crate) struct FlatMaterial {
    #[uniform(0)]
    pub color: LinearRgba,
}

impl From<Color> for FlatMaterial {
    fn from(c: Color) -> Self {
        FlatMaterial {
            color: c.to_linear(),
        }
    }
}

impl Material for FlatMaterial {
    fn fragment_shader() -> ShaderRef {
        embedded_shader!("flat.wgsl")
    }

    fn enable_prepass() -> bool {
        false
    }

    fn enable_shadows() -> bool {
        false
    }
}

/// Registers the material and embeds its shader in the binary.
pub(crate) struct FlatMaterialPlugin;

impl Plugin for FlatMaterialPlugin {
    fn build(&self, app: &mut App) {
        embedded_asset!(app, "flat.wgsl");
        app.add_plugins(MaterialPlugin::<FlatMaterial>::default());
    }
}
