//! The stress test's outputs: `stress.csv` (a row per node), `stress.json`
//! (everything), three charts and an `index.html` that answers first.

mod charts;
mod page;
mod tables;

pub use charts::write_charts;
pub use page::{render, write_index};
pub use tables::write_tables;
