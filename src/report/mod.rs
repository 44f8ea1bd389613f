//! Reports: the readable text, `summary.json` and the hourly CSV.

pub mod files;
pub mod text;

pub use files::{WriteError, write_atomic, write_run};
pub use text::render;
