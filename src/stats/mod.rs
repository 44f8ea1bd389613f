//! Statistics: pure functions of recorded runs.

pub mod interval;
pub mod mser;
pub mod resilience;
pub mod summary;

pub use interval::Estimate;
pub use resilience::{Resilience, resilience};
pub use summary::RunSummary;
