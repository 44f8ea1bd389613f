//! Scenario files: the RON format, `extends` chains, validation.
//!
//! Data flows one way: [`file::ScenarioFile`] (as written) is merged along its
//! `extends` chain, then `validate` turns it into a [`Scenario`] whose names
//! are resolved to indices and whose spans are seconds.

mod closed;
mod design;
mod error;
mod file;
mod ids;
pub mod limits;
mod load;
mod model;
pub mod overrides;
mod schedule;
mod season;
mod shifts;
mod source;
mod spans;
mod stretches;
mod validate;
mod values;

pub use closed::{Closed, Window};
pub use design::{DesignSpace, Lever, MAX_LEVER_VALUES, MAX_LEVERS};
pub use error::{Diagnostic, ScenarioError};
pub use ids::{DisruptionId, MAX_ITEMS, PartId, RouteId, StationId, SupplierId};
pub use load::{
    BASELINE_RON, BASELINE_SOURCE, Loaded, Override, at_field, load_baseline, load_candidate,
    load_file, load_str, load_with, load_with_space,
};
pub use model::*;
pub use schedule::TaktSchedule;
pub use shifts::WorkCalendar;
pub use stretches::Stretches;
pub use values::expand_values;
