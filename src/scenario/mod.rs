//! Scenario files: the RON format, `extends` chains, validation.
//!
//! Data flows one way: [`file::ScenarioFile`] (as written) is merged along its
//! `extends` chain, then [`validate`] turns it into a [`Scenario`] whose names
//! are resolved to indices and whose spans are seconds.

pub mod error;
pub mod file;
pub mod ids;
pub mod limits;
pub mod load;
pub mod model;
pub mod overrides;
pub mod shifts;
pub mod source;
pub mod spans;
pub mod validate;

pub use error::{Diagnostic, ScenarioError};
pub use ids::{DisruptionId, MAX_ITEMS, PartId, RouteId, StationId, SupplierId};
pub use load::{BASELINE_RON, BASELINE_SOURCE, load_baseline, load_file, load_str, load_with};
pub use model::*;
pub use shifts::{Window, WorkCalendar};
