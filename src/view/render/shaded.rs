//! The scene's material: diffuse sunlight with shadows, ambient light and
//! emission. Bevy's standard material evaluates its whole physically based
//! model per pixel; under software rendering that was most of a frame, and
//! the scene's matte colours need none of it.

use bevy::asset::embedded_asset;
use bevy::mesh::MeshVertexBufferLayoutRef;
use bevy::pbr::{MaterialPipeline, MaterialPipelineKey};
use bevy::prelude::*;
use bevy::render::render_asset::RenderAssets;
use bevy::render::render_resource::{
    AsBindGroup, AsBindGroupShaderType, RenderPipelineDescriptor, ShaderType,
    SpecializedMeshPipelineError,
};
use bevy::render::texture::GpuImage;
use bevy::shader::ShaderRef;

/// A matte colour lit by the sun (and in its shadows), plus emission.
#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
#[uniform(0, ShadedUniform)]
#[bind_group_data(ShadedKey)]
pub(crate) struct ShadedMaterial {
    pub base_color: Color,
    /// Light of its own, added after lighting (a warning lamp's glow).
    pub emissive: LinearRgba,
    pub alpha_mode: AlphaMode,
    /// Whether the sun's shadows fall on it (off in low quality, where no
    /// shadow maps are drawn: the shader then has no shadow code at all).
    pub receives_shadows: bool,
}

/// What selects the shader's variant.
#[repr(C)]
#[derive(Eq, PartialEq, Hash, Copy, Clone)]
pub(crate) struct ShadedKey {
    receives_shadows: bool,
}

impl From<&ShadedMaterial> for ShadedKey {
    fn from(m: &ShadedMaterial) -> Self {
        ShadedKey {
            receives_shadows: m.receives_shadows,
        }
    }
}

impl Default for ShadedMaterial {
    fn default() -> Self {
        ShadedMaterial {
            base_color: Color::WHITE,
            emissive: LinearRgba::BLACK,
            alpha_mode: AlphaMode::Opaque,
            receives_shadows: true,
        }
    }
}

impl From<Color> for ShadedMaterial {
    fn from(base_color: Color) -> Self {
        ShadedMaterial {
            base_color,
            ..default()
        }
    }
}

/// What the shader reads.
#[derive(Clone, Default, ShaderType)]
pub(crate) struct ShadedUniform {
    pub base: Vec4,
    pub emissive: Vec4,
}

impl AsBindGroupShaderType<ShadedUniform> for ShadedMaterial {
    fn as_bind_group_shader_type(&self, _images: &RenderAssets<GpuImage>) -> ShadedUniform {
        ShadedUniform {
            base: self.base_color.to_linear().to_vec4(),
            emissive: self.emissive.to_vec4(),
        }
    }
}

impl Material for ShadedMaterial {
    fn fragment_shader() -> ShaderRef {
        embedded_shader!("shaded.wgsl")
    }

    fn alpha_mode(&self) -> AlphaMode {
        self.alpha_mode
    }

    fn specialize(
        _pipeline: &MaterialPipeline,
        descriptor: &mut RenderPipelineDescriptor,
        _layout: &MeshVertexBufferLayoutRef,
        key: MaterialPipelineKey<Self>,
    ) -> Result<(), SpecializedMeshPipelineError> {
        if key.bind_group_data.receives_shadows
            && let Some(fragment) = descriptor.fragment.as_mut()
        {
            fragment.shader_defs.push("RECEIVE_SHADOWS".into());
        }
        Ok(())
    }
}

/// Low quality: no material receives shadows, those of a rebuilt scene
/// included. Runs after the frame's asset events are written, so a new
/// material is drawn without shadows from its first frame.
pub(crate) fn without_shadows(
    mut added: MessageReader<AssetEvent<ShadedMaterial>>,
    mut materials: ResMut<Assets<ShadedMaterial>>,
) {
    for event in added.read() {
        if let AssetEvent::Added { id } = event
            && let Some(mut m) = materials.get_mut(*id)
            && m.receives_shadows
        {
            m.receives_shadows = false;
        }
    }
}

/// Registers the material and embeds its shader in the binary.
pub(crate) struct ShadedMaterialPlugin;

impl Plugin for ShadedMaterialPlugin {
    fn build(&self, app: &mut App) {
        embedded_asset!(app, "shaded.wgsl");
        app.add_plugins(MaterialPlugin::<ShadedMaterial>::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bevy::asset::AssetEventSystems;

    #[test]
    fn low_quality_takes_shadows_off_every_material_added_later_too() {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, AssetPlugin::default()))
            .init_asset::<ShadedMaterial>()
            .add_systems(PostUpdate, without_shadows.after(AssetEventSystems));
        let first = app
            .world_mut()
            .resource_mut::<Assets<ShadedMaterial>>()
            .add(Color::WHITE);
        app.update();
        // A scene rebuilt after a reload adds its materials anew.
        let later = app
            .world_mut()
            .resource_mut::<Assets<ShadedMaterial>>()
            .add(Color::BLACK);
        app.update();
        let materials = app.world().resource::<Assets<ShadedMaterial>>();
        for handle in [&first, &later] {
            assert!(!materials.get(handle).unwrap().receives_shadows);
        }
        assert!(ShadedMaterial::default().receives_shadows, "on by default");
    }
}
