//! An industrial robot arm on every station: it swings and reaches while
//! the station is busy and holds still while it is blocked, starved or down.

use bevy::prelude::*;

use super::common::{SceneItem, station_state};
use super::kit::Kit;
use crate::model::Line;
use crate::observe::ServerState;

/// The turning base of station `station`'s arm.
#[derive(Component)]
pub(super) struct ArmBase {
    pub station: usize,
    /// Seconds of work shown so far (advances only while busy).
    pub phase: f32,
}

/// The arm's upper link, which nods while the base turns.
#[derive(Component)]
pub(super) struct ArmLink {
    pub station: usize,
}

/// Spawns station `station`'s arm standing at `at`.
pub(super) fn spawn_arm(commands: &mut Commands, kit: &Kit, station: usize, at: Vec3) {
    commands
        .spawn((
            SceneItem,
            ArmBase {
                station,
                phase: station as f32 * 1.3,
            },
            Transform::from_translation(at + Vec3::new(0.0, 0.0, -0.5)),
            Visibility::default(),
        ))
        .with_children(|c| {
            c.spawn((
                Mesh3d(kit.robot_base.clone()),
                MeshMaterial3d(kit.orange.clone()),
                Transform::from_scale(Vec3::splat(1.2)),
            ));
            c.spawn((
                ArmLink { station },
                Transform::from_xyz(0.0, 0.15, 0.0),
                Visibility::default(),
            ))
            .with_children(|link| {
                link.spawn((
                    Mesh3d(kit.robot_arm.clone()),
                    MeshMaterial3d(kit.orange.clone()),
                    Transform::from_xyz(0.0, 0.35, 0.0).with_scale(Vec3::new(1.2, 1.5, 1.2)),
                ));
                link.spawn((
                    Mesh3d(kit.robot_wrist.clone()),
                    MeshMaterial3d(kit.metal.clone()),
                    Transform::from_xyz(0.2, 0.75, 0.0).with_scale(Vec3::new(1.6, 1.0, 1.0)),
                ));
            });
        });
}

/// Moves the arms of busy stations; the others keep their pose.
pub(super) fn animate_arms(
    time: Res<Time>,
    line: Res<Line>,
    mut bases: Query<(&mut ArmBase, &mut Transform), Without<ArmLink>>,
    mut links: Query<(&ArmLink, &mut Transform), Without<ArmBase>>,
) {
    let dt = time.delta_secs();
    let busy = |k: usize| k < line.stations.len() && station_state(&line, k) == ServerState::Busy;
    for (mut base, mut tf) in &mut bases {
        if busy(base.station) {
            base.phase += dt;
        }
        tf.rotation = Quat::from_rotation_y((base.phase * 1.7).sin() * 1.1);
    }
    let phases: Vec<(usize, f32)> = bases.iter().map(|(b, _)| (b.station, b.phase)).collect();
    for (link, mut tf) in &mut links {
        let phase = phases
            .iter()
            .find(|(s, _)| *s == link.station)
            .map_or(0.0, |p| p.1);
        tf.rotation = Quat::from_rotation_z(-0.35 - 0.35 * (phase * 2.3).sin());
    }
}

/// The arms of busy stations move.
pub(super) struct ArmsPlugin;

impl Plugin for ArmsPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, animate_arms.in_set(super::Stage::Project));
    }
}
