//! Recording what a run observes: completions, state times, hourly series.

mod recorder;
mod state;

pub use recorder::{DisruptionWindow, HourRow, Recorder};
pub use state::ServerState;
