//! The 3D scene: the factory floor with S1-S5, buffers and rework; the
//! region map with suppliers, routes, trucks and the factory's part bins;
//! and the systems that project the simulation's state onto them.

use std::collections::HashMap;

use bevy::light::NotShadowCaster;
use bevy::prelude::*;

use super::clock::ViewClock;
use super::flat::FlatMaterial;
pub use super::layout::{Layout, PITCH};
use super::shaded::ShadedMaterial;
use crate::model::Activity;
use crate::model::{Kernel, Line, Spec, Supply};
use crate::observe::ServerState;

/// Everything spawned for a scenario; despawned when it is reloaded.
#[derive(Component)]
pub struct SceneItem;

/// A station's machine body, coloured by its state.
#[derive(Component)]
pub struct StationBody {
    pub station: usize,
}

/// A robot under assembly, by id.
#[derive(Component)]
pub struct RobotView {
    pub id: u32,
}

/// A part of a robot shown once it has passed `stage` stations.
#[derive(Component)]
pub struct RobotPart {
    pub stage: usize,
}

/// A truck on the road, by id.
#[derive(Component)]
pub struct TruckView {
    pub id: u32,
}

/// The fill of a part's bin at the factory dock.
#[derive(Component)]
pub struct BinFill {
    pub part: usize,
    pub full: f32,
}

/// A supplier's site on the map.
#[derive(Component)]
pub struct SupplierSite {
    pub supplier: usize,
}

/// Something a click can select, with its pick radius.
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct Pickable {
    pub what: Picked,
    pub radius: f32,
}

/// What a click selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picked {
    Station(usize),
    Bin(usize),
    Truck(u32),
    Supplier(usize),
}

/// A text label that follows a point of the scene; where labels would
/// overlap, the higher `priority` keeps its place.
#[derive(Component)]
pub struct Label3d {
    pub at: Vec3,
    pub priority: u8,
    /// Hidden by its owner (a disruption not active now): takes no place.
    pub hidden: bool,
}

/// Meshes and materials shared by many entities.
#[derive(Resource, Clone)]
pub struct Kit {
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

/// The colour of each robot model's joints, with its name for the HUD
/// (model 0 keeps the line's orange).
pub const MODEL_COLOURS: [(&str, Color); 4] = [
    ("orange", Color::srgb(0.95, 0.45, 0.1)),
    ("teal", Color::srgb(0.1, 0.65, 0.65)),
    ("yellow", Color::srgb(0.9, 0.8, 0.15)),
    ("pink", Color::srgb(0.9, 0.35, 0.6)),
];

/// The colour of each station state, shared with the legend.
pub fn state_colour(state: ServerState) -> Color {
    match state {
        ServerState::Busy => Color::srgb(0.17, 0.63, 0.17),
        ServerState::Blocked => Color::srgb(1.0, 0.5, 0.05),
        ServerState::Starved => Color::srgb(0.55, 0.68, 0.85),
        ServerState::StarvedForParts => Color::srgb(0.58, 0.4, 0.74),
        ServerState::Down => Color::srgb(0.84, 0.15, 0.16),
        ServerState::OffShift => Color::srgb(0.35, 0.35, 0.35),
    }
}

/// The state a station shows: its most pressing server's.
pub fn station_state(line: &Line, k: usize) -> ServerState {
    let order = [
        ServerState::Down,
        ServerState::StarvedForParts,
        ServerState::Blocked,
        ServerState::Busy,
        ServerState::OffShift,
        ServerState::Starved,
    ];
    let states: Vec<ServerState> = line.stations[k]
        .servers
        .iter()
        .map(|s| s.current_state())
        .collect();
    order
        .into_iter()
        .find(|o| states.contains(o))
        .unwrap_or(ServerState::Starved)
}

/// Builds the meshes and materials every scene shares.
pub fn make_kit(meshes: &mut Assets<Mesh>, materials: &mut Assets<ShadedMaterial>) -> Kit {
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

/// Spawns the static scene of the current scenario.
pub fn spawn_scene(
    mut commands: Commands,
    view: Res<ViewClock>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ShadedMaterial>>,
    mut flat_materials: ResMut<Assets<FlatMaterial>>,
) {
    let s = &view.scenario;
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

/// A UI text used as a scene label.
pub fn label(text: &str, size: f32) -> impl Bundle {
    (
        Text::new(text),
        TextFont::from_font_size(size),
        TextColor(Color::WHITE),
        super::plate::Plate(Color::srgba(0.05, 0.07, 0.1, 0.55)),
        Node {
            padding: UiRect::axes(Val::Px(4.0), Val::Px(1.0)),
            position_type: PositionType::Absolute,
            ..default()
        },
    )
}

/// Robots and trucks on screen, by id.
#[derive(Resource, Default)]
pub struct Spawned {
    pub robots: HashMap<u32, Entity>,
    pub trucks: HashMap<u32, Entity>,
}

/// Colours each station body by its state.
pub fn colour_stations(
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
pub fn robot_targets(line: &Line, layout: &Layout) -> Vec<(u32, Vec3, usize)> {
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
pub fn move_robots(
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
                let e = spawn_robot(&mut commands, &kit, paint, id, at, stage);
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
    id: u32,
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
            RobotView { id },
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
pub fn move_trucks(
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
                        TruckView { id: t.id },
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
pub fn fill_bins(
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

/// A rectangle on screen [the UI's logical px]: left, top, right, bottom.
type Rect2 = (f32, f32, f32, f32);

fn overlaps(a: Rect2, b: Rect2) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Keeps scene labels over the points they name, drawn once each: a label
/// that would overlap one of higher priority (or a HUD panel) moves down
/// in steps of its height, and hides if it finds no free place nearby.
pub fn place_labels(
    camera: Query<(&Camera, &GlobalTransform), With<Camera3d>>,
    scale: Res<super::scene_image::RenderScale>,
    ui_scale: Res<UiScale>,
    windows: Query<&Window>,
    panels: Query<(&Node, &ComputedNode, &InheritedVisibility), With<super::hud::HudPanel>>,
    mut labels: Query<
        (&Label3d, &mut Node, &mut Visibility, &ComputedNode),
        Without<super::hud::HudPanel>,
    >,
) {
    let Ok((camera, at)) = camera.single() else {
        return;
    };
    // In the UI's units, which a smaller window's HUD scale enlarges.
    let (w, h, per_px) = windows.iter().next().map_or((1280.0, 720.0, scale.0), |w| {
        (w.width(), w.height(), scale.viewport_px_per_window_px(w))
    });
    let (w, h) = (w / ui_scale.0, h / ui_scale.0);
    let px = |v: Val| match v {
        Val::Px(p) => Some(p),
        _ => None,
    };
    let mut taken: Vec<Rect2> = panels
        .iter()
        .filter(|(_, _, vis)| vis.get())
        .map(|(node, c, _)| {
            let size = c.size() * c.inverse_scale_factor();
            let left = px(node.left).unwrap_or_else(|| w - px(node.right).unwrap_or(0.0) - size.x);
            let top = px(node.top).unwrap_or_else(|| h - px(node.bottom).unwrap_or(0.0) - size.y);
            (left, top, left + size.x, top + size.y)
        })
        .collect();
    let mut order: Vec<_> = labels.iter_mut().collect();
    order.sort_by_key(|(l, ..)| std::cmp::Reverse(l.priority));
    for (label, node, vis, computed) in order {
        let (mut node, mut vis) = (node, vis);
        if label.hidden {
            vis.set_if_neq(Visibility::Hidden);
            continue;
        }
        let Ok(p) = camera.world_to_viewport(at, label.at) else {
            vis.set_if_neq(Visibility::Hidden);
            continue;
        };
        let p = p / per_px / ui_scale.0;
        if p.x < 0.0 || p.x > w || p.y < 0.0 || p.y > h {
            vis.set_if_neq(Visibility::Hidden);
            continue;
        }
        let size = computed.size() * computed.inverse_scale_factor();
        let mut place = None;
        // Inside the window, however near its edge the point is.
        let left = (p.x - size.x / 2.0).clamp(0.0, (w - size.x).max(0.0));
        for step in 0..4 {
            let top = p.y - size.y / 2.0 + step as f32 * (size.y + 2.0);
            let r = (left, top, left + size.x, top + size.y);
            if !taken.iter().any(|t| overlaps(*t, r)) {
                place = Some(r);
                break;
            }
        }
        match place {
            Some(r) => {
                taken.push(r);
                super::hud::set_node(&mut node, |n| &mut n.left, Val::Px(r.0));
                super::hud::set_node(&mut node, |n| &mut n.top, Val::Px(r.1));
                vis.set_if_neq(Visibility::Inherited);
            }
            None => {
                vis.set_if_neq(Visibility::Hidden);
            }
        }
    }
}
