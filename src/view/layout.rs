//! Where everything stands in the scene: stations along the line, buffer
//! slots, the dock and its bins on the factory floor; supplier sites at
//! their locations on the map (or, without one, by their transit time);
//! the roads from each site through the factory's city to the dock.

use bevy::prelude::*;

use super::map::{Geo, UNITS_PER_DEGREE};
use crate::scenario::limits::{MAP_EAST, MAP_NORTH, MAP_SOUTH};
use crate::scenario::{Location, Scenario};
use crate::time::HOUR;

/// Where things are: computed once per scenario.
#[derive(Resource, Clone, Debug)]
pub(super) struct Layout {
    /// Centre of each station (line stations, then rework).
    pub stations: Vec<Vec3>,
    /// Supplier sites.
    pub suppliers: Vec<Vec3>,
    /// The factory dock, where trucks unload.
    pub dock: Vec3,
    /// Part bins at the dock.
    pub bins: Vec<Vec3>,
    /// Centre of the factory floor, for the camera.
    pub centre: Vec3,
    /// The map's projection, anchored at the factory's location.
    pub geo: Geo,
    /// The factory's city on the map, where every road arrives before the
    /// bridge to the dock (the floor is drawn offshore, not to scale).
    pub city: Vec3,
    /// Each route's road: from its supplier through the city to the dock.
    pub roads: Vec<Vec<Vec3>>,
}

/// Spacing of stations along the line [scene units].
pub(super) const PITCH: f32 = 4.0;

impl Layout {
    /// The layout of a scenario's line and supply chain.
    pub(super) fn new(s: &Scenario) -> Layout {
        let n = s.line.stations.len();
        let mut stations: Vec<Vec3> = (0..n)
            .map(|i| Vec3::new(i as f32 * PITCH, 0.0, 0.0))
            .collect();
        if let Some(t) = &s.line.test {
            stations.push(Vec3::new(t.station.index() as f32 * PITCH, 0.0, 4.0));
        }
        let mid = (n.saturating_sub(1)) as f32 * PITCH / 2.0;
        let dock = Vec3::new(mid, 0.0, -6.0);
        // The factory floor lies east of its city, over the sea; without a
        // location it is anchored at the map's eastern edge.
        let anchor = s.line.location.unwrap_or(Location {
            lat: (MAP_SOUTH + MAP_NORTH) / 2.0,
            lon: MAP_EAST - 1.5,
        });
        let geo = Geo {
            anchor,
            origin: Vec3::new(-12.0, 0.0, dock.z),
        };
        let city = geo.origin;
        let k = s.suppliers.len().max(1);
        let suppliers: Vec<Vec3> = s
            .suppliers
            .iter()
            .enumerate()
            .map(|(i, sup)| {
                if let Some(at) = sup.location {
                    return geo.project(at);
                }
                let transit_h = s
                    .routes
                    .iter()
                    .filter(|r| r.supplier.index() == i)
                    .map(|r| r.transit.mean() / HOUR)
                    .fold(1.0, f64::max) as f32;
                let angle = if k == 1 {
                    0.0
                } else {
                    -1.0 + 2.0 * i as f32 / (k - 1) as f32
                };
                let dist = 5.0 + 0.4 * UNITS_PER_DEGREE * transit_h;
                city + Vec3::new(-angle.cos() * dist, 0.0, angle.sin() * dist)
            })
            .collect();
        // A supplier's input (tier 2) travels to, and is kept at, its holder.
        let roads = s
            .routes
            .iter()
            .map(|r| match s.parts[r.part].held_by {
                Some(h) => vec![suppliers[r.supplier.index()], suppliers[h.index()]],
                None => vec![suppliers[r.supplier.index()], city, dock],
            })
            .collect();
        let parts = s.parts.len();
        let bins = (0..parts)
            .map(|p| match s.parts[p].held_by {
                Some(h) => suppliers[h.index()] + Vec3::new(2.0, 0.0, 2.0),
                None => dock + Vec3::new((p as f32 - (parts as f32 - 1.0) / 2.0) * 2.4, 0.0, 1.6),
            })
            .collect();
        Layout {
            stations,
            suppliers,
            dock,
            bins,
            centre: Vec3::new(mid, 0.0, -1.0),
            geo,
            city,
            roads,
        }
    }

    /// Where a truck `progress` (0 to 1) of the way along road `r` is, and
    /// the direction it faces.
    pub(super) fn along(&self, r: usize, progress: f32) -> (Vec3, Vec3) {
        let road = &self.roads[r];
        let lengths: Vec<f32> = road.windows(2).map(|w| w[0].distance(w[1])).collect();
        let mut left = progress.clamp(0.0, 1.0) * lengths.iter().sum::<f32>();
        for (i, w) in road.windows(2).enumerate() {
            let len = lengths[i];
            if left <= len || i + 1 == lengths.len() {
                let t = if len > 0.0 {
                    (left / len).min(1.0)
                } else {
                    1.0
                };
                return (w[0].lerp(w[1], t), (w[1] - w[0]).normalize_or_zero());
            }
            left -= len;
        }
        (road.last().copied().unwrap_or(self.dock), Vec3::X)
    }

    /// The point the whole scene centres on: floor, city and sites.
    pub(super) fn extent(&self) -> (Vec3, f32) {
        let points: Vec<Vec3> = self
            .suppliers
            .iter()
            .copied()
            .chain([self.city, self.centre, self.dock])
            .chain(self.stations.iter().copied())
            .collect();
        let lo = points
            .iter()
            .copied()
            .fold(Vec3::splat(f32::MAX), Vec3::min);
        let hi = points
            .iter()
            .copied()
            .fold(Vec3::splat(f32::MIN), Vec3::max);
        ((lo + hi) / 2.0, (hi - lo).length().max(10.0))
    }

    /// Where the j-th robot waiting before station k stands.
    pub(super) fn buffer_slot(&self, k: usize, j: usize, rework: bool) -> Vec3 {
        let c = self.stations[k];
        if rework {
            c + Vec3::new(1.4 + 0.6 * j as f32, 0.0, 0.0)
        } else {
            let row = j / 4;
            c + Vec3::new(-1.4 - 0.6 * (j % 4) as f32, 0.0, 0.7 * row as f32)
        }
    }

    /// Where a robot held by server s of station k (of `servers`) stands.
    pub(super) fn server_spot(&self, k: usize, s: usize, servers: usize) -> Vec3 {
        let z = (s as f32 - (servers as f32 - 1.0) / 2.0) * 1.8;
        self.stations[k] + Vec3::new(0.0, 1.05, z)
    }
}
