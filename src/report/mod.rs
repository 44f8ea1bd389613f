//! Reports: the readable text, `summary.json`, CSV tables, charts and the
//! study's `index.html`.

pub mod charts;
pub mod files;
pub mod finish;
pub mod pages;
pub mod stress;
pub mod study;
pub mod sweep;
pub mod text;

pub use files::write_run;
pub use text::render;
