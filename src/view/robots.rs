//! Robots under assembly: spawned as they enter the line, moved to where
//! the model has them, grown part by part, removed when they leave.

use bevy::prelude::*;

use super::Stage;
use super::common::{RobotPart, RobotView, SceneItem, Spawned};
use super::kit::Kit;
use super::layout::Layout;
use super::render::shaded::ShadedMaterial;
use crate::model::Activity;
use crate::model::Line;

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

/// Robots follow the line's state.
pub(super) struct RobotsPlugin;

impl Plugin for RobotsPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, move_robots.in_set(Stage::Project));
    }
}
