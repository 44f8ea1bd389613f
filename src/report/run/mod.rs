//! A single run (`taktline run`): the readable text, `summary.json`,
//! `hourly.csv` and the study's charts over one replication.

mod charts;
mod files;
mod text;

pub use charts::run_charts;
pub use files::{hourly_csv, write_run};
pub use text::render;
