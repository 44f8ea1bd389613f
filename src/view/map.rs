//! The region map: Natural Earth land, lakes, coastline and province lines
//! of the Yangtze River Delta (`assets/map/yrd.json`, embedded at build
//! time so an installed binary needs no asset folder), projected around the
//! factory's location.

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use serde::Deserialize;

use crate::scenario::Location;

/// The map as converted by `assets/map/convert.py`.
pub(super) const MAP_JSON: &str = include_str!("../../assets/map/yrd.json");

/// Scene units per degree of latitude.
pub(super) const UNITS_PER_DEGREE: f32 = 16.0;

/// The edges of the region the map asset covers [degrees].
#[derive(Deserialize, Debug, Clone, Copy)]
#[allow(dead_code)] // read by this file's test, which checks the asset
pub(super) struct Bounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

#[derive(Deserialize, Debug, Clone)]
pub(super) struct Polygons {
    /// (longitude, latitude) [degrees].
    pub vertices: Vec<[f64; 2]>,
    /// Three vertex indices per triangle.
    pub triangles: Vec<u32>,
}

/// The parsed map asset.
#[derive(Deserialize, Debug, Clone)]
pub(super) struct MapData {
    /// Where the geometry comes from (Natural Earth, public domain).
    #[allow(dead_code)] // read by this file's test, which checks the asset
    pub attribution: String,
    /// The region the asset covers, which validation's map limits must match.
    #[allow(dead_code)] // read by this file's test, which checks the asset
    pub bounds: Bounds,
    pub land: Polygons,
    pub lakes: Polygons,
    pub coast: Vec<Vec<[f64; 2]>>,
    pub provinces: Vec<Vec<[f64; 2]>>,
}

impl MapData {
    /// The embedded map, or why it cannot be read (checked, never a panic).
    pub(super) fn embedded() -> Result<MapData, String> {
        let map: MapData = serde_json::from_str(MAP_JSON)
            .map_err(|e| format!("the map asset assets/map/yrd.json is damaged: {e}"))?;
        let bad = |p: &Polygons| {
            !p.triangles.len().is_multiple_of(3)
                || p.triangles.iter().any(|&i| i as usize >= p.vertices.len())
        };
        if bad(&map.land) || bad(&map.lakes) {
            return Err("the map asset assets/map/yrd.json has broken triangles".into());
        }
        Ok(map)
    }
}

/// Projects (latitude, longitude) onto the scene's ground plane: north is
/// -z, east is +x, equirectangular around the anchor (the factory).
#[derive(Resource, Debug, Clone, Copy)]
pub(super) struct Geo {
    pub anchor: Location,
    /// Where the anchor lies in the scene.
    pub origin: Vec3,
}

impl Geo {
    /// A point of the map in the scene.
    pub(super) fn project(&self, at: Location) -> Vec3 {
        let k = UNITS_PER_DEGREE;
        let east =
            (at.lon - self.anchor.lon) as f32 * (self.anchor.lat.to_radians().cos() as f32) * k;
        let north = (at.lat - self.anchor.lat) as f32 * k;
        self.origin + Vec3::new(east, 0.0, -north)
    }

    fn point(&self, p: [f64; 2]) -> Vec3 {
        self.project(Location {
            lat: p[1],
            lon: p[0],
        })
    }

    /// Triangles of a layer as a flat mesh at height `y`.
    pub(super) fn area_mesh(&self, polys: &Polygons, y: f32) -> Mesh {
        let positions: Vec<[f32; 3]> = polys
            .vertices
            .iter()
            .map(|&p| {
                let v = self.point(p);
                [v.x, y, v.z]
            })
            .collect();
        let normals = vec![[0.0, 1.0, 0.0]; positions.len()];
        let mut indices = Vec::with_capacity(polys.triangles.len());
        for t in polys.triangles.chunks_exact(3) {
            // Wound to face up (back faces are culled), whatever the
            // source triangulation's winding.
            let p = |i: u32| Vec3::from(positions[i as usize]);
            let up = (p(t[1]) - p(t[0])).cross(p(t[2]) - p(t[0])).y >= 0.0;
            indices.extend(if up {
                [t[0], t[1], t[2]]
            } else {
                [t[0], t[2], t[1]]
            });
        }
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::default(),
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
        .with_inserted_indices(Indices::U32(indices))
    }

    /// Polylines as a line-list mesh at height `y`.
    pub(super) fn line_mesh(&self, lines: &[Vec<[f64; 2]>], y: f32) -> Mesh {
        let mut positions: Vec<[f32; 3]> = Vec::new();
        for line in lines {
            for pair in line.windows(2) {
                for &p in pair {
                    let v = self.point(p);
                    positions.push([v.x, y, v.z]);
                }
            }
        }
        let normals = vec![[0.0, 1.0, 0.0]; positions.len()];
        Mesh::new(PrimitiveTopology::LineList, RenderAssetUsages::default())
            .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
            .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::limits::{MAP_EAST, MAP_NORTH, MAP_SOUTH, MAP_WEST};

    #[test]
    fn the_embedded_map_reads_and_its_bounds_are_the_checkers() {
        let map = MapData::embedded().unwrap();
        let b = map.bounds;
        assert_eq!(
            (b.south, b.west, b.north, b.east),
            (MAP_SOUTH, MAP_WEST, MAP_NORTH, MAP_EAST)
        );
        assert!(map.land.triangles.len() > 300, "land has triangles");
        assert!(!map.lakes.triangles.is_empty(), "Taihu and the other lakes");
        assert!(!map.coast.is_empty() && !map.provinces.is_empty());
        assert!(map.attribution.contains("Natural Earth"));
    }

    #[test]
    fn every_land_and_lake_triangle_faces_the_sky_so_culling_keeps_it() {
        let map = MapData::embedded().unwrap();
        let geo = Geo {
            anchor: Location {
                lat: 31.23,
                lon: 121.47,
            },
            origin: Vec3::ZERO,
        };
        for polys in [&map.land, &map.lakes] {
            let mesh = geo.area_mesh(polys, 0.0);
            let positions = mesh
                .attribute(Mesh::ATTRIBUTE_POSITION)
                .and_then(|a| a.as_float3())
                .unwrap();
            let Some(Indices::U32(indices)) = mesh.indices() else {
                panic!("the map's meshes are indexed with u32");
            };
            assert_eq!(indices.len(), polys.triangles.len());
            for t in indices.chunks_exact(3) {
                let p = |i: u32| Vec3::from(positions[i as usize]);
                // Counter-clockwise seen from above: the front face.
                let normal = (p(t[1]) - p(t[0])).cross(p(t[2]) - p(t[0]));
                assert!(normal.y >= 0.0, "triangle {t:?} faces down");
            }
        }
    }

    #[test]
    fn north_is_away_from_the_viewer_and_east_to_the_right() {
        let geo = Geo {
            anchor: Location {
                lat: 31.23,
                lon: 121.47,
            },
            origin: Vec3::ZERO,
        };
        let wenzhou = geo.project(Location {
            lat: 28.0,
            lon: 120.67,
        });
        assert!(wenzhou.z > 0.0 && wenzhou.x < 0.0, "{wenzhou}");
        let north = geo.project(Location {
            lat: 32.23,
            lon: 121.47,
        });
        assert!((north.z + UNITS_PER_DEGREE).abs() < 1e-3);
    }
}
