//! The static 3D scene: the factory floor with S1-S5, buffers and rework,
//! the part bins at the dock, and the region map, spawned at the start and
//! again when the scenario is reloaded. The features that move follow it.

use bevy::light::NotShadowCaster;
use bevy::prelude::*;

use super::Stage;
use super::common::{
    BinFill, Label3d, Pickable, Picked, SceneItem, Spawned, StationBody, state_colour,
};
use super::control::camera;
use super::control::reload::ScenarioReloaded;
use super::kit::make_kit;
use super::labels::label;
use super::layout::{Layout, PITCH};
use super::render::flat::FlatMaterial;
use super::render::scene_image;
use super::render::shaded::ShadedMaterial;
use crate::model::Spec;
use crate::observe::ServerState;

/// Spawns the static scene of the current scenario.
pub(super) fn spawn_scene(
    mut commands: Commands,
    spec: Res<Spec>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ShadedMaterial>>,
    mut flat_materials: ResMut<Assets<FlatMaterial>>,
) {
    let s = &spec.0;
    let layout = Layout::new(s);
    let kit = make_kit(&mut meshes, &mut materials);
    let n = s.line.stations.len() as f32;
    // Factory floor and the region map behind it.
    commands.spawn((
        SceneItem,
        Mesh3d(meshes.add(Cuboid::new(n * PITCH + 6.0, 0.1, 12.0))),
        MeshMaterial3d(materials.add(Color::srgb(0.62, 0.63, 0.6))),
        Transform::from_xyz(layout.centre.x, -0.05, 1.5),
        // It receives the line's shadows; nothing lies below it to shade.
        NotShadowCaster,
    ));
    super::region::spawn_region(
        &mut commands,
        &layout,
        s,
        &mut meshes,
        &mut materials,
        &mut flat_materials,
    );
    // Conveyor along the line.
    commands.spawn((
        SceneItem,
        Mesh3d(meshes.add(Cuboid::new(n * PITCH, 0.2, 0.9))),
        MeshMaterial3d(materials.add(Color::srgb(0.25, 0.25, 0.27))),
        Transform::from_xyz(layout.centre.x, 0.1, 0.0),
    ));
    // Stations, rework, buffer plates and labels.
    let names: Vec<(String, usize)> = s
        .line
        .stations
        .iter()
        .map(|st| (st.name.clone(), st.servers))
        .chain(s.line.test.as_ref().map(|t| (t.rework_name.clone(), 1)))
        .collect();
    for (k, (name, servers)) in names.iter().enumerate() {
        let depth = 1.6 + 1.8 * (*servers as f32 - 1.0);
        let material = materials.add(ShadedMaterial {
            base_color: state_colour(ServerState::Starved),
            ..default()
        });
        let at = layout.stations[k];
        commands.spawn((
            SceneItem,
            StationBody { station: k },
            Pickable {
                what: Picked::Station(k),
                radius: 1.2,
            },
            Mesh3d(meshes.add(Cuboid::new(1.6, 0.9, depth))),
            MeshMaterial3d(material),
            Transform::from_translation(at + Vec3::new(0.0, 0.45, 0.0)),
        ));
        if k < s.line.stations.len() {
            super::arms::spawn_arm(&mut commands, &kit, k, at + Vec3::new(0.0, 0.9, 0.0));
        }
        super::disruptions::spawn_warning_light(&mut commands, &mut meshes, &mut materials, k, at);
        commands.spawn((
            SceneItem,
            Label3d {
                at: at + Vec3::new(0.0, 2.6, 0.0),
                priority: 2,
                hidden: false,
            },
            label(name, 18.0),
        ));
        if k < s.line.stations.len()
            && let Some(cap) = s.line.stations[k].buffer
        {
            for j in 0..cap.min(8) {
                commands.spawn((
                    SceneItem,
                    Mesh3d(meshes.add(Cuboid::new(0.5, 0.06, 0.6))),
                    MeshMaterial3d(materials.add(Color::srgb(0.9, 0.85, 0.3))),
                    Transform::from_translation(
                        layout.buffer_slot(k, j, false) + Vec3::new(0.0, 0.23, 0.0),
                    ),
                ));
            }
        }
    }
    // The dock and the part bins.
    commands.spawn((
        SceneItem,
        Mesh3d(meshes.add(Cuboid::new(
            1.6 * s.parts.len().max(1) as f32 + 1.0,
            0.3,
            3.2,
        ))),
        MeshMaterial3d(materials.add(Color::srgb(0.4, 0.4, 0.45))),
        Transform::from_translation(layout.dock + Vec3::new(0.0, 0.15, 0.8)),
    ));
    commands.spawn((
        SceneItem,
        Label3d {
            at: layout.dock + Vec3::new(0.0, 1.2, -2.0),
            priority: 1,
            hidden: false,
        },
        label("factory dock", 15.0),
    ));
    for (p, part) in s.parts.iter().enumerate() {
        let full = s
            .routes
            .iter()
            .filter(|r| r.part.index() == p)
            .map(|r| r.order_up_to)
            .max()
            .unwrap_or(0)
            .max(part.on_hand)
            .max(1) as f32;
        let at = layout.bins[p];
        commands.spawn((
            SceneItem,
            Mesh3d(meshes.add(Cuboid::new(1.2, 1.5, 1.2))),
            MeshMaterial3d(materials.add(ShadedMaterial {
                base_color: Color::srgba(0.9, 0.9, 0.95, 0.25),
                alpha_mode: AlphaMode::Blend,
                ..default()
            })),
            Transform::from_translation(at + Vec3::new(0.0, 1.05, 0.0)),
        ));
        commands.spawn((
            SceneItem,
            BinFill { part: p, full },
            Pickable {
                what: Picked::Bin(p),
                radius: 0.9,
            },
            Mesh3d(meshes.add(Cuboid::new(1.0, 1.0, 1.0))),
            MeshMaterial3d(materials.add(ShadedMaterial {
                base_color: crate_colour(p),
                ..default()
            })),
            Transform::from_translation(at + Vec3::new(0.0, 0.3, 0.0)),
        ));
        commands.spawn((
            SceneItem,
            Label3d {
                at: at + Vec3::new(0.0, 2.2, 0.0),
                priority: 1,
                hidden: false,
            },
            label(&part.name, 14.0),
        ));
    }
    super::disruptions::spawn_disruption_labels(&mut commands, s, &layout);
    commands.insert_resource(layout);
    commands.insert_resource(kit);
    commands.insert_resource(Spawned::default());
}

fn crate_colour(p: usize) -> Color {
    [
        Color::srgb(0.2, 0.45, 0.8),
        Color::srgb(0.85, 0.55, 0.15),
        Color::srgb(0.55, 0.75, 0.3),
        Color::srgb(0.7, 0.3, 0.6),
    ][p % 4]
}

/// The static scene of the current scenario (floor, stations, bins, the
/// region and its labels), rebuilt when the scenario is reloaded.
pub(super) struct ScenePlugin;

impl Plugin for ScenePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            Startup,
            (
                spawn_scene,
                camera::spawn_camera,
                scene_image::show_scaled_scene,
            )
                .chain(),
        )
        .add_systems(
            Update,
            (
                despawn_scene.run_if(on_message::<ScenarioReloaded>),
                spawn_scene.run_if(on_message::<ScenarioReloaded>),
            )
                .chain()
                .in_set(Stage::Rebuild),
        );
    }
}

fn despawn_scene(mut commands: Commands, items: Query<Entity, With<SceneItem>>) {
    for e in &items {
        commands.entity(e).despawn();
    }
}
