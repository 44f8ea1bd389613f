//! A table as the files beside a CSV read it: each column typed by its
//! cells (`columns`) and given its unit by the naming rules (`units`). The
//! Parquet file and the workbook are both made from these, so neither can
//! disagree with the CSV.

mod columns;
mod units;

pub(crate) use columns::{Column, Values, columns, in_groups};
pub use units::unit_of;
