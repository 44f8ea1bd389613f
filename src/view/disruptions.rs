//! Disruptions made visible: storm clouds over a supplier hit by weather,
//! a dark site during an outage, an amber one below its full rate (slowed
//! or ramping up), red roads and a barrier where a route is closed, orange
//! roads where it is slowed, a flashing warning light on a station that is
//! down; each active disruption labelled with its name and the time it has
//! left.

use bevy::prelude::*;

use super::common::{Label3d, SceneItem, SupplierSite, station_state};
use super::labels::label;
use super::layout::Layout;
use super::region::{Barrier, ROAD_CLOSED, ROAD_SLOW, Road, Weather, open_road};
use super::render::flat::FlatMaterial;
use super::render::shaded::ShadedMaterial;
use crate::model::Disruptions;
use crate::model::{Kernel, Line, Spec, Supply};
use crate::observe::{Recorder, ServerState};
use crate::scenario::{Effect, Scenario, Target};
use crate::time::HOUR;

/// A station's warning light, lit while it is down.
#[derive(Component)]
pub(super) struct WarningLight {
    pub station: usize,
}

/// The label of disruption `index` of the scenario, shown while active.
#[derive(Component)]
pub(super) struct DisruptionLabel {
    pub index: usize,
}

/// Spawns station `k`'s warning light (hidden until it is down).
pub(super) fn spawn_warning_light(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<ShadedMaterial>,
    k: usize,
    at: Vec3,
) {
    commands.spawn((
        SceneItem,
        WarningLight { station: k },
        Mesh3d(meshes.add(Sphere::new(0.22))),
        MeshMaterial3d(materials.add(ShadedMaterial {
            base_color: Color::srgb(1.0, 0.1, 0.05),
            emissive: LinearRgba::rgb(8.0, 0.5, 0.2),
            ..default()
        })),
        Transform::from_translation(at + Vec3::new(0.65, 1.15, 0.55)),
        Visibility::Hidden,
    ));
}

/// Where disruption `index`'s label stands: over what its first effect hits.
fn label_spot(s: &Scenario, layout: &Layout, index: usize) -> Vec3 {
    match s.disruptions[index].effects.first().map(Effect::target) {
        Some(Target::Supplier(s)) => layout.suppliers[s.index()] + Vec3::new(0.0, 6.2, 0.0),
        Some(Target::Route(r)) => {
            let road = &layout.roads[r.index()];
            road[0].lerp(road[1], 0.33) + Vec3::new(0.0, 2.0, 0.0)
        }
        Some(Target::Station(st)) => layout.stations[st.index()] + Vec3::new(0.0, 3.6, 0.0),
        None => layout.centre,
    }
}

/// Spawns a (hidden) label for every disruption of the scenario.
pub(super) fn spawn_disruption_labels(commands: &mut Commands, s: &Scenario, layout: &Layout) {
    for (index, d) in s.disruptions.iter().enumerate() {
        commands
            .spawn((
                SceneItem,
                DisruptionLabel { index },
                Label3d {
                    at: label_spot(s, layout, index),
                    priority: 4,
                    hidden: true,
                },
                label(&d.name, 16.0),
                Visibility::Hidden,
            ))
            .insert(TextColor(Color::srgb(1.0, 0.85, 0.3)));
    }
}

/// Projects the active disruptions onto the scene, every frame.
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
pub(super) fn show_disruptions(
    time: Res<Time>,
    kernel: Res<Kernel>,
    spec: Res<Spec>,
    supply: Res<Supply>,
    line: Res<Line>,
    disruptions: Res<Disruptions>,
    rec: Res<Recorder>,
    mut materials: ResMut<Assets<ShadedMaterial>>,
    mut flat: ResMut<Assets<FlatMaterial>>,
    roads: Query<(&Road, &MeshMaterial3d<FlatMaterial>)>,
    sites: Query<(&SupplierSite, &MeshMaterial3d<ShadedMaterial>)>,
    mut shown: ParamSet<(
        Query<(&Barrier, &mut Visibility)>,
        Query<(&Weather, &mut Visibility, &mut Transform)>,
        Query<(&WarningLight, &mut Visibility)>,
        Query<(&DisruptionLabel, &mut Label3d, &mut Text)>,
    )>,
) {
    let set = |vis: &mut Visibility, on: bool| {
        let want = if on {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        if *vis != want {
            *vis = want;
        }
    };
    let mut paint = |handle: &Handle<ShadedMaterial>, c: Color| {
        if let Some(mut m) = materials.get_mut(handle)
            && m.base_color != c
        {
            m.base_color = c;
        }
    };
    for (road, mat) in &roads {
        let r = &supply.routes[road.route];
        let c = if r.closures > 0 {
            ROAD_CLOSED
        } else if !r.slowdowns.is_empty() {
            ROAD_SLOW
        } else {
            open_road(&spec.0, road.route)
        }
        .to_linear();
        if let Some(mut m) = flat.get_mut(&mat.0)
            && m.color != c
        {
            m.color = c;
        }
    }
    for (site, mat) in &sites {
        let sup = &supply.suppliers[site.supplier];
        let c = if sup.outages > 0 {
            Color::srgb(0.16, 0.16, 0.18)
        } else if !sup.slowdowns.is_empty() || sup.ramp_from.is_some() {
            // Producing, but below its full rate.
            Color::srgb(0.95, 0.62, 0.2)
        } else {
            Color::srgb(0.85, 0.82, 0.72)
        };
        paint(&mat.0, c);
    }
    for (b, mut vis) in &mut shown.p0() {
        set(&mut vis, supply.routes[b.route].closures > 0);
    }
    let spin = time.elapsed_secs() * 0.4;
    for (w, mut vis, mut tf) in &mut shown.p1() {
        let out = supply.suppliers[w.supplier].outages > 0;
        let road_closed = spec
            .0
            .routes
            .iter()
            .zip(&supply.routes)
            .any(|(r, st)| r.supplier.index() == w.supplier && st.closures > 0);
        set(&mut vis, out && road_closed);
        tf.rotation = Quat::from_rotation_y(spin);
    }
    let blink = (time.elapsed_secs() * 3.0).sin() > -0.3;
    for (light, mut vis) in &mut shown.p2() {
        let down = light.station < line.stations.len()
            && station_state(&line, light.station) == ServerState::Down;
        set(&mut vis, down && blink);
    }
    let now = kernel.now();
    for (l, mut label, mut text) in &mut shown.p3() {
        let active = disruptions.active.get(l.index).is_some_and(|a| *a > 0);
        // Shown (and placed) by `place_labels` while active.
        if label.hidden == active {
            label.hidden = !active;
        }
        if !active {
            continue;
        }
        let d = &spec.0.disruptions[l.index];
        // The latest window of this disruption still open, as recorded when
        // it started (scheduled, random or started by a key).
        let end = rec
            .disruptions
            .iter()
            .rev()
            .find(|w| w.disruption == l.index && w.start <= now && now < w.end)
            .map(|w| w.end);
        let want = match end {
            Some(end) => format!("{}: {:.0} h left", d.name, ((end - now) / HOUR).ceil()),
            None => d.name.clone(),
        };
        if text.0 != want {
            text.0 = want;
        }
    }
}

/// Disruptions made visible while they are active.
pub(super) struct DisruptionsPlugin;

impl Plugin for DisruptionsPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, show_disruptions.in_set(super::Stage::Project));
    }
}
