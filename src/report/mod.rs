//! Reports, one folder per product: a run's text, `summary.json` and
//! `hourly.csv`; a study's tables, charts and `index.html`; a sweep's and a
//! stress test's. The products share the chart kinds (`charts`), the chart
//! names (`chart_id`), the page frame (`html`) and one error (`error`).

mod chart_id;
mod charts;
pub mod compare;
mod csv_cell;
mod error;
mod html;
mod numbers;
pub mod parquet;
pub mod plan;
pub mod reverse;
pub mod run;
mod service;
pub mod stress;
pub mod study;
pub mod sweep;
mod table;
mod verdict;
pub mod workbook;

pub use chart_id::ChartId;
pub use charts::Saved;
pub use error::ReportError;
pub use numbers::{money, percent};
pub use run::{render, write_run};
