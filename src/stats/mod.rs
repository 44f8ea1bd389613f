//! Statistics: pure functions of recorded runs.

pub mod annual_loss;
pub mod figures;
mod interval;
pub(crate) mod mser;
mod orders;
pub mod plausibility;
mod resilience;
mod running_cost;
pub(crate) mod series;
pub mod service;
pub mod summary;

pub use annual_loss::AnnualLoss;
pub use interval::{Estimate, Interval, LEVEL, Running};
pub use orders::{Orders, orders};
pub use resilience::{Resilience, resilience};
pub use running_cost::{RouteFreight, RunningCost};
pub use service::ServiceSummary;
pub use summary::RunSummary;
