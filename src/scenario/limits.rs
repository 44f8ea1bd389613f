//! The sane range of every count and duration a scenario may give. A value
//! outside is an error at validation (exit 2, the limit named), so no run
//! allocates or loops in proportion to an absurd number. docs/scenarios.md
//! ("Output folders, limits and errors") lists them.

use crate::time::{DAY, Seconds};

/// Longest horizon, and longest duration of any kind [s] (100,000 days).
pub const MAX_SPAN: Seconds = 100_000.0 * DAY;
/// Shortest takt [s].
pub const MIN_TAKT: Seconds = 1.0;
/// Shortest mean time between random releases [s].
pub const MIN_RELEASE_GAP: Seconds = 1.0;
/// Shortest period of anything that repeats: truck departures, planned
/// downtime, random disruption arrivals (mean) [s].
pub const MIN_PERIOD: Seconds = 60.0;
/// Shortest mean operating time between failures [s].
pub const MIN_MTBF: Seconds = 60.0;
/// Largest coefficient of variation of a lognormal.
pub const MAX_CV: f64 = 10.0;
/// Largest stock, cap, truck or order-up-to quantity [units].
pub const MAX_UNITS: u64 = 1_000_000_000_000;
/// Largest quantity of one part per robot, or per station start [units].
pub const MAX_PER_ROBOT: u32 = 1_000_000;
/// Largest supplier rate [units/h].
pub const MAX_RATE_PER_H: f64 = 1.0e9;
/// Largest CONWIP level [robots].
pub const MAX_WIP: u32 = 100_000;
/// Largest route slowdown factor.
pub const MAX_SLOWDOWN: f64 = 1_000.0;
/// Most parallel servers at one station.
pub const MAX_SERVERS: u32 = 1_000;
/// Most slots in one input buffer (more is "unbounded").
pub const MAX_BUFFER: u64 = 1_000_000;
/// Shortest time measured after the warm-up [s].
pub const MIN_MEASURED: Seconds = 3_600.0;
/// Most items in any one list (parts, suppliers, routes, stations, disruptions).
pub use super::ids::MAX_ITEMS;
/// Hourly rows a run keeps (10 years); a longer run's hourly series stop
/// there, while every total and steady-state figure covers the whole run.
pub const MAX_HOURLY_ROWS: usize = 24 * 3_660;

/// The region a `location` may name, [degrees]: the bounds of the viewer's
/// map (`assets/map/yrd.json`; a viewer test checks they agree).
pub const MAP_SOUTH: f64 = 27.0;
/// Northern edge of the map [degrees north].
pub const MAP_NORTH: f64 = 32.5;
/// Western edge of the map [degrees east].
pub const MAP_WEST: f64 = 117.5;
/// Eastern edge of the map [degrees east].
pub const MAP_EAST: f64 = 124.0;

/// Most arrivals a random disruption may expect over the horizon: each is
/// studied against the twin over the rest of the run, so the work grows
/// with arrivals times completions.
pub const MAX_RANDOM_ARRIVALS: usize = 1_000;

/// Most repeating windows (holidays and planned downtime with `every`) in
/// one calendar: each is asked at every change of the calendar, so the work
/// grows with their number squared. One-off windows are indexed, unlimited.
pub const MAX_REPEATING_WINDOWS: usize = 100;

/// Deepest chain of `extends` (a file, its base, the base's base, ...).
pub const MAX_EXTENDS: usize = 64;

/// Most robot models on a line: a robot's model is kept in a byte.
pub const MAX_MODELS: usize = 256;
