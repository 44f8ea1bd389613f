//! Statistics: pure functions of recorded runs.

pub mod figures;
mod interval;
pub(crate) mod mser;
mod resilience;
pub(crate) mod series;
pub mod summary;

pub use interval::{Estimate, Interval, LEVEL, Running};
pub use resilience::{Resilience, resilience};
pub use summary::RunSummary;
