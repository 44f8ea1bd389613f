//! Statistics: pure functions of recorded runs.

pub mod figures;
pub mod interval;
pub mod mser;
pub mod resilience;
pub mod series;
pub mod summary;

pub use interval::{Estimate, Interval, LEVEL, Running};
pub use resilience::{Resilience, resilience};
pub use summary::RunSummary;
