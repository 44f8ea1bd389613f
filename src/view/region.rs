//! The region around the line: the map (sea, land, lakes, coast, province
//! lines), the supplier sites, the roads from each site through the
//! factory's city to the dock, and what disruptions put on them.

use bevy::prelude::*;

use super::common::{Label3d, Pickable, Picked, SceneItem, SupplierSite};
use super::labels::label;
use super::layout::Layout;
use super::map::MapData;
use super::render::flat::FlatMaterial;
use super::render::shaded::ShadedMaterial;
use crate::scenario::Scenario;

/// One straight piece of a route's road, coloured by the route's state.
#[derive(Component)]
pub(super) struct Road {
    pub route: usize,
}

/// The barrier across a closed route.
#[derive(Component)]
pub(super) struct Barrier {
    pub route: usize,
}

/// Storm clouds over a supplier hit by weather (its outage and its road's
/// closure at once, as a typhoon does).
#[derive(Component)]
pub(super) struct Weather {
    pub supplier: usize,
}

/// The sea: the clear colour behind the map, and the lakes.
pub(super) const SEA: Color = Color::srgb(0.4, 0.58, 0.74);

/// Road colours by state.
pub(super) const ROAD_OPEN: Color = Color::srgb(0.32, 0.32, 0.34);
pub(super) const ROAD_CLOSED: Color = Color::srgb(0.9, 0.1, 0.1);
pub(super) const ROAD_SLOW: Color = Color::srgb(1.0, 0.55, 0.0);
/// An emergency or backup route's road, standing by (the charts' purple).
pub(super) const ROAD_STANDBY: Color = Color::srgb(0.58, 0.4, 0.74);

/// The map, or only the sea (the clear colour) when the map asset cannot be
/// read (said once on standard error).
fn spawn_map(
    commands: &mut Commands,
    layout: &Layout,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<FlatMaterial>,
) {
    // The map is unlit: flat colours read well, and under software
    // rendering a lit full-screen surface costs most of the frame. The sea
    // is the clear colour, so no pixel is drawn twice but a lake's.
    let map = match MapData::embedded() {
        Ok(map) => map,
        Err(e) => {
            eprintln!("taktline view: {e}; the region is drawn without its map");
            return;
        }
    };
    let geo = layout.geo;
    let land = materials.add(Color::srgb(0.62, 0.72, 0.54));
    let lake = materials.add(SEA);
    for (mesh, material) in [
        (geo.area_mesh(&map.land, -0.16), land),
        (geo.area_mesh(&map.lakes, -0.15), lake),
        (
            geo.line_mesh(&map.coast, -0.14),
            materials.add(Color::srgb(0.2, 0.3, 0.42)),
        ),
        (
            geo.line_mesh(&map.provinces, -0.14),
            materials.add(Color::srgb(0.45, 0.35, 0.3)),
        ),
    ] {
        commands.spawn((
            SceneItem,
            Mesh3d(meshes.add(mesh)),
            MeshMaterial3d(material),
        ));
    }
}

/// A flat road piece from `a` to `b`.
fn road_piece(a: Vec3, b: Vec3) -> Transform {
    let mid = (a + b) / 2.0;
    let dir = (b - a).normalize_or_zero();
    Transform::from_translation(mid + Vec3::new(0.0, -0.1, 0.0))
        .looking_to(if dir == Vec3::ZERO { Vec3::X } else { dir }, Vec3::Y)
}

/// The colour of route `r`'s road while open: purple for an emergency or
/// backup route, grey for the others.
pub(super) fn open_road(s: &Scenario, r: usize) -> Color {
    if s.routes[r].policy.contingent() {
        ROAD_STANDBY
    } else {
        ROAD_OPEN
    }
}

/// Spawns the map, the roads, the supplier sites and the factory's city.
pub(super) fn spawn_region(
    commands: &mut Commands,
    layout: &Layout,
    s: &Scenario,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ShadedMaterial>,
    flat: &mut Assets<FlatMaterial>,
) {
    spawn_map(commands, layout, meshes, flat);
    for (r, road) in layout.roads.iter().enumerate() {
        let paint = flat.add(open_road(s, r));
        for w in road.windows(2) {
            let len = w[0].distance(w[1]);
            commands.spawn((
                SceneItem,
                Road { route: r },
                Mesh3d(meshes.add(Cuboid::new(0.45, 0.04, len))),
                MeshMaterial3d(paint.clone()),
                road_piece(w[0], w[1]),
            ));
        }
        // The barrier stands a third of the way from the supplier.
        let at = road[0].lerp(road[1], 0.33);
        let dir = (road[1] - road[0]).normalize_or_zero();
        commands.spawn((
            SceneItem,
            Barrier { route: r },
            Mesh3d(meshes.add(Cuboid::new(2.6, 0.7, 0.3))),
            MeshMaterial3d(materials.add(ShadedMaterial {
                base_color: Color::srgb(0.95, 0.1, 0.1),
                emissive: LinearRgba::rgb(0.6, 0.0, 0.0),
                ..default()
            })),
            Transform::from_translation(at + Vec3::new(0.0, 0.35, 0.0))
                .looking_to(if dir == Vec3::ZERO { Vec3::X } else { dir }, Vec3::Y),
            Visibility::Hidden,
        ));
    }
    let cloud = meshes.add(Sphere::new(1.0));
    let cloud_paint = materials.add(ShadedMaterial {
        base_color: Color::srgba(0.25, 0.27, 0.3, 0.85),
        alpha_mode: AlphaMode::Blend,
        ..default()
    });
    for (i, sup) in s.suppliers.iter().enumerate() {
        let at = layout.suppliers[i];
        commands.spawn((
            SceneItem,
            SupplierSite { supplier: i },
            Pickable {
                what: Picked::Supplier(i),
                radius: 2.0,
            },
            Mesh3d(meshes.add(Cuboid::new(2.2, 1.2, 1.6))),
            MeshMaterial3d(materials.add(ShadedMaterial {
                base_color: Color::srgb(0.85, 0.82, 0.72),
                ..default()
            })),
            Transform::from_translation(at + Vec3::new(0.0, 0.6, 0.0)),
        ));
        commands.spawn((
            SceneItem,
            Mesh3d(meshes.add(Cylinder::new(0.18, 1.6))),
            MeshMaterial3d(materials.add(Color::srgb(0.5, 0.3, 0.25))),
            Transform::from_translation(at + Vec3::new(0.7, 1.4, 0.4)),
        ));
        let part = &s.parts[sup.part].name;
        commands.spawn((
            SceneItem,
            Label3d {
                at: at + Vec3::new(0.0, 2.6, 0.0),
                priority: 3,
                hidden: false,
            },
            label(&format!("{} ({part})", sup.name), 16.0),
        ));
        commands
            .spawn((
                SceneItem,
                Weather { supplier: i },
                Transform::from_translation(at + Vec3::new(0.0, 4.0, 0.0)),
                Visibility::Hidden,
            ))
            .with_children(|c| {
                for (k, off) in [
                    Vec3::new(0.0, 0.0, 0.0),
                    Vec3::new(1.6, -0.2, 0.6),
                    Vec3::new(-1.5, 0.1, -0.4),
                    Vec3::new(0.4, 0.3, -1.5),
                    Vec3::new(-0.6, -0.1, 1.5),
                ]
                .into_iter()
                .enumerate()
                {
                    let r = 1.5 - 0.15 * k as f32;
                    c.spawn((
                        Mesh3d(cloud.clone()),
                        MeshMaterial3d(cloud_paint.clone()),
                        Transform::from_translation(off).with_scale(Vec3::new(
                            r * 1.3,
                            r * 0.55,
                            r,
                        )),
                    ));
                }
            });
    }
    // The factory's city, where the roads meet and the bridge to the dock starts.
    commands.spawn((
        SceneItem,
        Mesh3d(meshes.add(Cylinder::new(0.8, 0.5))),
        MeshMaterial3d(materials.add(Color::srgb(0.85, 0.3, 0.25))),
        Transform::from_translation(layout.city + Vec3::new(0.0, 0.25, 0.0)),
    ));
    commands.spawn((
        SceneItem,
        Label3d {
            at: layout.city + Vec3::new(0.0, 1.8, 0.0),
            priority: 3,
            hidden: false,
        },
        label("the plant (its floor drawn offshore, not to scale)", 14.0),
    ));
}
