//! The reverse stress test's outputs: `reverse.csv` (a row per
//! combination), `reverse.json` (everything), a chart of breaking outages
//! and an `index.html` that answers first; and the words for a
//! combination that the page and the terminal share.

mod charts;
mod page;
mod tables;
mod words;

pub use charts::write_charts;
pub use page::{render, write_index};
pub use tables::write_tables;
pub use words::{described, plausibility, plausibility_short};
