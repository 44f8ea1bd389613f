//! The 3D scene: the factory floor with S1-S5, buffers and rework; the
//! region map with suppliers, routes, trucks and the factory's part bins;
//! and the systems that project the simulation's state onto them.

use std::collections::HashMap;

use bevy::light::NotShadowCaster;
use bevy::prelude::*;

use super::Stage;
use super::common::*;
use super::control::camera;
use super::control::reload::ScenarioReloaded;
use super::kit::{Kit, make_kit};
use super::labels::label;
use super::layout::{Layout, PITCH};
use super::render::flat::FlatMaterial;
use super::render::scene_image;
use super::render::shaded::ShadedMaterial;
use crate::model::Activity;
use crate::model::{Kernel, Line, Spec, Supply};
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
        super::events::spawn_warning_light(&mut commands, &mut meshes, &mut materials, k, at);
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
    super::events::spawn_disruption_labels(&mut commands, s, &layout);
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

/// Robots and trucks on screen, by id.
#[derive(Resource, Default)]
pub(super) struct Spawned {
    pub robots: HashMap<u32, Entity>,
    pub trucks: HashMap<u32, Entity>,
}

/// Colours each station body by its state.
pub(super) fn colour_stations(
    line: Res<Line>,
    bodies: Query<(&StationBody, &MeshMaterial3d<ShadedMaterial>)>,
    mut materials: ResMut<Assets<ShadedMaterial>>,
) {
    for (body, mat) in &bodies {
        if body.station >= line.stations.len() {
            continue;
        }
        let colour = state_colour(station_state(&line, body.station));
        if let Some(mut m) = materials.get_mut(&mat.0)
            && m.base_color != colour
        {
            m.base_color = colour;
        }
    }
}

/// Where every robot in the line should be, and how far it is assembled.
pub(super) fn robot_targets(line: &Line, layout: &Layout) -> Vec<(u32, Vec3, usize)> {
    let mut out = Vec::new();
    for (k, st) in line.stations.iter().enumerate() {
        let rework = line.rework.is_some_and(|r| r.index() == k);
        let done_here = if rework { line.line_len } else { k };
        for (s, srv) in st.servers.iter().enumerate() {
            if let Some(r) = srv.activity.robot() {
                let stage = match srv.activity {
                    Activity::Finished(_) if !rework => k + 1,
                    _ => done_here,
                };
                out.push((r.id, layout.server_spot(k, s, st.servers.len()), stage));
            }
        }
        for (j, r) in st.buffer.iter().enumerate() {
            out.push((
                r.id,
                layout.buffer_slot(k, j, rework) + Vec3::new(0.0, 0.26, 0.0),
                done_here,
            ));
        }
    }
    out
}

/// Spawns, moves (smoothly) and removes robots to follow the line's state.
#[allow(clippy::too_many_arguments)]
pub(super) fn move_robots(
    mut commands: Commands,
    time: Res<Time>,
    line: Res<Line>,
    layout: Res<Layout>,
    kit: Res<Kit>,
    mut spawned: ResMut<Spawned>,
    mut robots: Query<(&RobotView, &mut Transform, &Children)>,
    mut parts: Query<(&RobotPart, &mut Visibility)>,
) {
    let targets = robot_targets(&line, &layout);
    let follow = 1.0 - (-time.delta_secs() * 10.0).exp();
    let mut present = std::collections::HashSet::new();
    for &(id, at, stage) in &targets {
        present.insert(id);
        match spawned.robots.get(&id).copied() {
            Some(e) => {
                if let Ok((_, mut tf, children)) = robots.get_mut(e) {
                    tf.translation = tf.translation.lerp(at, follow);
                    for child in children.iter() {
                        if let Ok((part, mut vis)) = parts.get_mut(child) {
                            let want = if part.stage <= stage {
                                Visibility::Inherited
                            } else {
                                Visibility::Hidden
                            };
                            if *vis != want {
                                *vis = want;
                            }
                        }
                    }
                }
            }
            None => {
                let paint = &kit.model_paints
                    [usize::from(line.model_of_robot(id)) % kit.model_paints.len()];
                let e = spawn_robot(&mut commands, &kit, paint, at, stage);
                spawned.robots.insert(id, e);
            }
        }
    }
    spawned.robots.retain(|id, e| {
        let keep = present.contains(id);
        if !keep {
            commands.entity(*e).despawn();
        }
        keep
    });
}

fn spawn_robot(
    commands: &mut Commands,
    kit: &Kit,
    paint: &Handle<ShadedMaterial>,
    at: Vec3,
    stage: usize,
) -> Entity {
    let vis = |s: usize| {
        if s <= stage {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        }
    };
    commands
        .spawn((
            SceneItem,
            RobotView,
            Transform::from_translation(at),
            Visibility::default(),
        ))
        .with_children(|c| {
            c.spawn((
                Mesh3d(kit.robot_base.clone()),
                MeshMaterial3d(kit.dark.clone()),
                Transform::from_xyz(0.0, 0.09, 0.0),
            ));
            // (passed stations, mesh, material, where on the robot)
            let parts = [
                (
                    1,
                    &kit.robot_joint,
                    paint,
                    Transform::from_xyz(0.0, 0.38, 0.0),
                ),
                (
                    2,
                    &kit.robot_arm,
                    &kit.metal,
                    Transform::from_xyz(0.1, 0.8, 0.0).with_rotation(Quat::from_rotation_z(-0.5)),
                ),
                (
                    3,
                    &kit.robot_wrist,
                    paint,
                    Transform::from_xyz(0.38, 1.05, 0.0),
                ),
                (
                    4,
                    &kit.controller,
                    &kit.dark,
                    Transform::from_xyz(-0.25, 0.2, 0.0),
                ),
            ];
            for (stage, mesh, material, at) in parts {
                c.spawn((
                    RobotPart { stage },
                    Mesh3d(mesh.clone()),
                    MeshMaterial3d(material.clone()),
                    at,
                    vis(stage),
                ));
            }
        })
        .id()
}

/// Trucks are drawn larger than life, so they read at the map's scale.
const TRUCK_SCALE: f32 = 2.2;

/// Trucks follow their roads by the progress of their transit.
#[allow(clippy::too_many_arguments)]
pub(super) fn move_trucks(
    mut commands: Commands,
    supply: Res<Supply>,
    spec: Res<Spec>,
    kernel: Res<Kernel>,
    layout: Res<Layout>,
    kit: Res<Kit>,
    mut spawned: ResMut<Spawned>,
    mut trucks: Query<&mut Transform, With<TruckView>>,
) {
    let now = kernel.now();
    let mut present = std::collections::HashSet::new();
    for t in &supply.trucks {
        present.insert(t.id);
        let progress =
            ((now - t.departed) / (t.arrives - t.departed).max(1e-9)).clamp(0.0, 1.0) as f32;
        let (at, dir) = layout.along(t.route.index(), progress);
        let at = at + Vec3::new(0.0, 0.35, 0.0);
        let heading = Transform::from_translation(at)
            .looking_to(if dir == Vec3::ZERO { Vec3::X } else { dir }, Vec3::Y)
            .with_scale(Vec3::splat(TRUCK_SCALE));
        match spawned.trucks.get(&t.id).copied() {
            Some(e) => {
                if let Ok(mut tf) = trucks.get_mut(e) {
                    *tf = heading;
                }
            }
            None => {
                let route = &spec.0.routes[t.route];
                let load = (t.quantity as f32 / route.truck_capacity.max(1) as f32).clamp(0.1, 1.0);
                let paint = if route.policy.contingent() {
                    kit.contingent_paint.clone()
                } else {
                    kit.truck_paint.clone()
                };
                let e = commands
                    .spawn((
                        SceneItem,
                        TruckView,
                        Pickable {
                            what: Picked::Truck(t.id),
                            radius: 1.6,
                        },
                        heading,
                        Visibility::default(),
                    ))
                    .with_children(|c| {
                        c.spawn((
                            Mesh3d(kit.truck.clone()),
                            MeshMaterial3d(paint),
                            Transform::from_xyz(0.0, 0.0, -0.55)
                                .with_rotation(Quat::from_rotation_y(std::f32::consts::FRAC_PI_2)),
                        ));
                        c.spawn((
                            Mesh3d(kit.cargo.clone()),
                            MeshMaterial3d(kit.cargo_paint.clone()),
                            Transform::from_xyz(0.0, 0.25 * load - 0.2, 0.25)
                                .with_rotation(Quat::from_rotation_y(std::f32::consts::FRAC_PI_2))
                                .with_scale(Vec3::new(1.0, load, 1.0)),
                        ));
                    })
                    .id();
                spawned.trucks.insert(t.id, e);
            }
        }
    }
    spawned.trucks.retain(|id, e| {
        let keep = present.contains(id);
        if !keep {
            commands.entity(*e).despawn();
        }
        keep
    });
}

/// Bins fill with on-hand stock.
pub(super) fn fill_bins(
    supply: Res<Supply>,
    layout: Res<Layout>,
    mut bins: Query<(&BinFill, &mut Transform)>,
) {
    for (bin, mut tf) in &mut bins {
        let level = (supply.parts[bin.part].on_hand as f32 / bin.full).clamp(0.0, 1.0) * 1.4;
        let base = layout.bins[bin.part];
        tf.scale = Vec3::new(1.0, level.max(0.001), 1.0);
        tf.translation = base + Vec3::new(0.0, 0.3 + level / 2.0, 0.0);
    }
}

/// The floor, stations, robots, trucks and bins of the current scenario,
/// rebuilt when it is reloaded, and their per-frame projection of the model.
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
        )
        .add_systems(
            Update,
            (colour_stations, move_robots, move_trucks, fill_bins).in_set(Stage::Project),
        );
    }
}

fn despawn_scene(mut commands: Commands, items: Query<Entity, With<SceneItem>>) {
    for e in &items {
        commands.entity(e).despawn();
    }
}
