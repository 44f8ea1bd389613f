//! Recording what a run observes: completions, state times, hourly series.

pub mod recorder;

pub use recorder::{DisruptionWindow, HourRow, Recorder};
