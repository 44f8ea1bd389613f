//! Trucks on the region's roads, moved by the progress of their transit.

use bevy::prelude::*;

use super::Stage;
use super::common::{Pickable, Picked, SceneItem, Spawned, TruckView};
use super::kit::Kit;
use super::layout::Layout;
use crate::model::{Kernel, Spec, Supply};

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

/// Trucks follow their roads.
pub(super) struct TrucksPlugin;

impl Plugin for TrucksPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, move_trucks.in_set(Stage::Project));
    }
}
