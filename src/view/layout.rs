//! Where everything stands in the scene: stations along the line, buffer
//! slots, supplier sites placed by their transit time, the dock and its bins.

use bevy::prelude::*;

use crate::scenario::Scenario;
use crate::time::HOUR;

/// Where things are: computed once per scenario.
#[derive(Resource, Clone, Debug)]
pub struct Layout {
    /// Centre of each station (line stations, then rework).
    pub stations: Vec<Vec3>,
    /// Supplier sites.
    pub suppliers: Vec<Vec3>,
    /// The factory dock, where trucks unload.
    pub dock: Vec3,
    /// Part bins at the dock.
    pub bins: Vec<Vec3>,
    /// Centre of the whole scene, for the camera.
    pub centre: Vec3,
}

/// Spacing of stations along the line [scene units].
pub const PITCH: f32 = 4.0;

impl Layout {
    /// The layout of a scenario's line and supply chain.
    pub fn new(s: &Scenario) -> Layout {
        let n = s.line.stations.len();
        let mut stations: Vec<Vec3> = (0..n)
            .map(|i| Vec3::new(i as f32 * PITCH, 0.0, 0.0))
            .collect();
        if let Some(t) = &s.line.test {
            stations.push(Vec3::new(t.station.index() as f32 * PITCH, 0.0, 4.0));
        }
        let mid = (n.saturating_sub(1)) as f32 * PITCH / 2.0;
        let dock = Vec3::new(mid, 0.0, -6.0);
        let k = s.suppliers.len().max(1);
        let suppliers = s
            .suppliers
            .iter()
            .enumerate()
            .map(|(i, _)| {
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
                let dist = 5.0 + 2.6 * transit_h;
                dock + Vec3::new(angle.sin() * dist * 1.2, 0.0, -angle.cos() * dist)
            })
            .collect();
        let parts = s.parts.len();
        let bins = (0..parts)
            .map(|p| dock + Vec3::new((p as f32 - (parts as f32 - 1.0) / 2.0) * 2.4, 0.0, 1.6))
            .collect();
        Layout {
            stations,
            suppliers,
            dock,
            bins,
            centre: Vec3::new(mid, 0.0, -6.0),
        }
    }

    /// Where the j-th robot waiting before station k stands.
    pub fn buffer_slot(&self, k: usize, j: usize, rework: bool) -> Vec3 {
        let c = self.stations[k];
        if rework {
            c + Vec3::new(1.4 + 0.6 * j as f32, 0.0, 0.0)
        } else {
            let row = j / 4;
            c + Vec3::new(-1.4 - 0.6 * (j % 4) as f32, 0.0, 0.7 * row as f32)
        }
    }

    /// Where a robot held by server s of station k (of `servers`) stands.
    pub fn server_spot(&self, k: usize, s: usize, servers: usize) -> Vec3 {
        let z = (s as f32 - (servers as f32 - 1.0) / 2.0) * 1.8;
        self.stations[k] + Vec3::new(0.0, 1.05, z)
    }
}
