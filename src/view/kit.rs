//! The meshes and materials many entities share, built once per scene.

use bevy::prelude::*;

use super::common::MODEL_COLOURS;
use super::render::shaded::ShadedMaterial;

/// Meshes and materials shared by many entities.
#[derive(Resource, Clone)]
pub(super) struct Kit {
    pub robot_base: Handle<Mesh>,
    pub robot_joint: Handle<Mesh>,
    pub robot_arm: Handle<Mesh>,
    pub robot_wrist: Handle<Mesh>,
    pub controller: Handle<Mesh>,
    pub truck: Handle<Mesh>,
    pub cargo: Handle<Mesh>,
    pub metal: Handle<ShadedMaterial>,
    pub orange: Handle<ShadedMaterial>,
    pub dark: Handle<ShadedMaterial>,
    pub truck_paint: Handle<ShadedMaterial>,
    /// Emergency and backup trucks (the charts' purple).
    pub contingent_paint: Handle<ShadedMaterial>,
    /// The joints of each robot model, by model (cycled).
    pub model_paints: Vec<Handle<ShadedMaterial>>,
    pub cargo_paint: Handle<ShadedMaterial>,
}

/// Builds the meshes and materials every scene shares.
pub(super) fn make_kit(meshes: &mut Assets<Mesh>, materials: &mut Assets<ShadedMaterial>) -> Kit {
    Kit {
        robot_base: meshes.add(Cylinder::new(0.28, 0.18)),
        robot_joint: meshes.add(Cylinder::new(0.11, 0.4)),
        robot_arm: meshes.add(Cuboid::new(0.16, 0.5, 0.16)),
        robot_wrist: meshes.add(Cuboid::new(0.4, 0.12, 0.12)),
        controller: meshes.add(Cuboid::new(0.22, 0.22, 0.22)),
        truck: meshes.add(Cuboid::new(0.9, 0.45, 0.5)),
        cargo: meshes.add(Cuboid::new(0.7, 0.5, 0.45)),
        // Metal, lit diffusely only, as a mid grey.
        metal: materials.add(Color::srgb(0.55, 0.57, 0.6)),
        orange: materials.add(Color::srgb(0.95, 0.45, 0.1)),
        dark: materials.add(Color::srgb(0.12, 0.12, 0.14)),
        truck_paint: materials.add(Color::srgb(0.15, 0.32, 0.62)),
        contingent_paint: materials.add(Color::srgb(0.58, 0.4, 0.74)),
        model_paints: MODEL_COLOURS
            .iter()
            .map(|&(_, c)| materials.add(c))
            .collect(),
        cargo_paint: materials.add(Color::srgb(0.82, 0.68, 0.42)),
    }
}
