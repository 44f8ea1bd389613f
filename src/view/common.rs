//! The viewer's vocabulary: the components that mark what the scene shows,
//! what a click can select, and the colours of station states and robot
//! models. It imports no other viewer module, so every feature can use it.

use std::collections::HashMap;

use bevy::prelude::*;

use crate::model::Line;
use crate::observe::ServerState;

/// Everything spawned for a scenario; despawned when it is reloaded.
#[derive(Component)]
pub(super) struct SceneItem;

/// A station's machine body, coloured by its state.
#[derive(Component)]
pub(super) struct StationBody {
    pub station: usize,
}

/// A robot under assembly ([`Spawned`] finds it by the robot's id).
#[derive(Component)]
pub(super) struct RobotView;

/// A part of a robot shown once it has passed `stage` stations.
#[derive(Component)]
pub(super) struct RobotPart {
    pub stage: usize,
}

/// A truck on the road ([`Spawned`] finds it by the truck's id).
#[derive(Component)]
pub(super) struct TruckView;

/// The fill of a part's bin at the factory dock.
#[derive(Component)]
pub(super) struct BinFill {
    pub part: usize,
    pub full: f32,
}

/// A supplier's site on the map.
#[derive(Component)]
pub(super) struct SupplierSite {
    pub supplier: usize,
}

/// Something a click can select, with its pick radius.
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub(super) struct Pickable {
    pub what: Picked,
    pub radius: f32,
}

/// What a click selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Picked {
    Station(usize),
    Bin(usize),
    Truck(u32),
    Supplier(usize),
}

/// A text label that follows a point of the scene; where labels would
/// overlap, the higher `priority` keeps its place.
#[derive(Component)]
pub(super) struct Label3d {
    pub at: Vec3,
    pub priority: u8,
    /// Hidden by its owner (a disruption not active now): takes no place.
    pub hidden: bool,
}

/// The colour of each robot model's joints, with its name for the HUD
/// (model 0 keeps the line's orange).
pub(super) const MODEL_COLOURS: [(&str, Color); 4] = [
    ("orange", Color::srgb(0.95, 0.45, 0.1)),
    ("teal", Color::srgb(0.1, 0.65, 0.65)),
    ("yellow", Color::srgb(0.9, 0.8, 0.15)),
    ("pink", Color::srgb(0.9, 0.35, 0.6)),
];

/// The colour of each station state, shared with the legend: the one table
/// the station states chart reads too ([`ServerState::rgb`]).
pub(super) fn state_colour(state: ServerState) -> Color {
    let (r, g, b) = state.rgb();
    Color::srgb_u8(r, g, b)
}

/// The state a station shows: its most pressing server's.
pub(super) fn station_state(line: &Line, k: usize) -> ServerState {
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

// What the controls set and the HUD shows.

/// What the user clicked, if anything.
#[derive(Resource, Default)]
pub(crate) struct Selection(pub Option<Picked>);

/// Whether the status, chart and legend panels are folded away (Tab),
/// leaving the whole window to the scene and its labels.
#[derive(Resource, Default)]
pub(crate) struct HudCollapsed(pub bool);

/// Whether the help overlay is shown.
#[derive(Resource, Default)]
pub(crate) struct HelpShown(pub bool);

/// The last reload error, shown until a good edit replaces it.
#[derive(Resource, Default)]
pub(crate) struct ReloadError(pub Option<String>);

/// Robots and trucks on screen, by id.
#[derive(Resource, Default)]
pub(crate) struct Spawned {
    pub robots: HashMap<u32, Entity>,
    pub trucks: HashMap<u32, Entity>,
}
