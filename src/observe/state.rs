//! The states a station's server can be in: what the recorder times and
//! the station state breakdown reports.

use serde::Serialize;

/// The state a server is in, for the station state breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ServerState {
    /// Processing a robot.
    Busy,
    /// Holding a finished robot it cannot hand on yet.
    Blocked,
    /// Idle: no robot to take.
    Starved,
    /// Holding a robot until all its parts can be taken from stock.
    StarvedForParts,
    /// Under repair or forced down; takes precedence over every other state.
    Down,
    /// Outside the line's working time (calendar or planned downtime).
    OffShift,
}

impl ServerState {
    /// Every state, in report order.
    pub const ALL: [ServerState; 6] = [
        ServerState::Busy,
        ServerState::Blocked,
        ServerState::Starved,
        ServerState::StarvedForParts,
        ServerState::Down,
        ServerState::OffShift,
    ];

    /// Position in [`ServerState::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The state's name in figures, records and `summary.json`
    /// (`starved_for_parts:S1`).
    pub const fn name(self) -> &'static str {
        match self {
            ServerState::Busy => "busy",
            ServerState::Blocked => "blocked",
            ServerState::Starved => "starved",
            ServerState::StarvedForParts => "starved_for_parts",
            ServerState::Down => "down",
            ServerState::OffShift => "off_shift",
        }
    }

    /// The state as a chart's legend writes it.
    pub const fn words(self) -> &'static str {
        match self {
            ServerState::Busy => "busy",
            ServerState::Blocked => "blocked",
            ServerState::Starved => "starved",
            ServerState::StarvedForParts => "starved for parts",
            ServerState::Down => "down",
            ServerState::OffShift => "off shift",
        }
    }

    /// The colour the state is drawn in (red, green, blue), the one table
    /// the station-states chart and the viewer both read, so a state looks
    /// the same on the page and on screen. None is a colour with a meaning
    /// elsewhere (orange the disruption window, red the target, purple
    /// contingent trucks), but off shift, grey in every chart.
    pub const fn rgb(self) -> (u8, u8, u8) {
        match self {
            ServerState::Busy => (44, 160, 44),
            ServerState::Blocked => (230, 171, 2),
            ServerState::Starved => (174, 199, 232),
            ServerState::StarvedForParts => (227, 119, 194),
            ServerState::Down => (103, 0, 13),
            ServerState::OffShift => (110, 110, 110),
        }
    }

    /// Short lowercase name for the columns of `hourly.csv` (`S1:starved_parts`,
    /// kept as first written so that readers of the file keep working).
    pub fn label(self) -> &'static str {
        match self {
            ServerState::Busy => "busy",
            ServerState::Blocked => "blocked",
            ServerState::Starved => "starved",
            ServerState::StarvedForParts => "starved_parts",
            ServerState::Down => "down",
            ServerState::OffShift => "off_shift",
        }
    }
}
