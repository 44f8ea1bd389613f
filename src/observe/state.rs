//! The states a station's server can be in: what the recorder times and
//! the station state breakdown reports.

use serde::Serialize;

/// The state a server is in, for the station state breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ServerState {
    Busy,
    Blocked,
    Starved,
    StarvedForParts,
    Down,
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

    /// Short lowercase name for tables and CSV columns.
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
