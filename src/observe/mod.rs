//! Recording what a run observes: completions, state times, hourly series.

pub mod recorder;
pub mod state;

pub use recorder::{DisruptionWindow, HourRow, Recorder};
pub use state::ServerState;
