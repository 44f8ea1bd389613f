//! The translucent plates behind the HUD panels and scene labels, drawn
//! with one flat colour: bevy's UI shader samples a texture and evaluates
//! a rounded box's distance for every pixel of a background, which under
//! software rendering made the HUD a sixth of a frame.

use std::collections::HashMap;

use bevy::asset::embedded_asset;
use bevy::prelude::*;
use bevy::render::render_resource::AsBindGroup;
use bevy::shader::ShaderRef;
use bevy::ui_render::prelude::{MaterialNode, UiMaterial, UiMaterialPlugin};

/// A node's plate colour, drawn behind its text and children (in place of
/// a `BackgroundColor`). Read once, when the component is added.
#[derive(Component, Clone, Copy, Debug)]
pub(crate) struct Plate(pub Color);

/// One colour over the whole node, blended over what is behind it.
#[derive(Asset, TypePath, AsBindGroup, Debug, Clone)]
pub(crate) struct PlateMaterial {
    #[uniform(0)]
    pub color: LinearRgba,
}

impl UiMaterial for PlateMaterial {
    fn fragment_shader() -> ShaderRef {
        embedded_shader!("plate.wgsl")
    }
}

/// Registers the material, embeds its shader and gives new plates theirs.
pub(crate) struct PlatePlugin;

impl Plugin for PlatePlugin {
    fn build(&self, app: &mut App) {
        embedded_asset!(app, "plate.wgsl");
        app.add_plugins(UiMaterialPlugin::<PlateMaterial>::default())
            .add_systems(PostUpdate, give_plates_materials);
    }
}

/// Gives each new plate the material of its colour, one material per colour.
fn give_plates_materials(
    mut commands: Commands,
    plates: Query<(Entity, &Plate), Added<Plate>>,
    mut materials: ResMut<Assets<PlateMaterial>>,
    mut by_colour: Local<HashMap<[u8; 4], Handle<PlateMaterial>>>,
) {
    for (e, plate) in &plates {
        let handle = by_colour
            .entry(plate.0.to_srgba().to_u8_array())
            .or_insert_with(|| {
                materials.add(PlateMaterial {
                    color: plate.0.to_linear(),
                })
            })
            .clone();
        commands.entity(e).insert(MaterialNode(handle));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_plate_gets_the_material_of_its_colour_and_one_colour_one_material() {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, AssetPlugin::default()))
            .init_asset::<PlateMaterial>()
            .add_systems(Update, give_plates_materials);
        let dark = Color::srgba(0.0, 0.0, 0.0, 0.6);
        let red = Color::srgba(0.55, 0.0, 0.0, 0.85);
        let a = app.world_mut().spawn(Plate(dark)).id();
        let b = app.world_mut().spawn(Plate(dark)).id();
        app.update();
        // A label spawned later (a reload, a disruption) gets one too.
        let c = app.world_mut().spawn(Plate(red)).id();
        app.update();
        let handle = |e| {
            app.world()
                .get::<MaterialNode<PlateMaterial>>(e)
                .expect("a plate has its material")
                .0
                .clone()
        };
        assert_eq!(handle(a), handle(b), "one material per colour");
        assert_ne!(handle(a), handle(c));
        let materials = app.world().resource::<Assets<PlateMaterial>>();
        assert_eq!(materials.len(), 2);
        assert_eq!(materials.get(&handle(c)).unwrap().color, red.to_linear());
    }
}
