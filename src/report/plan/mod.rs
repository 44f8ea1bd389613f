//! A plan search: the answer on the terminal, `plan.json`,
//! `candidates.csv`, the frontier and progress charts and an `index.html`
//! that answers first.

mod charts;
mod page;
mod tables;
mod text;

use std::path::{Path, PathBuf};

use crate::atomic_file::write as write_atomic;
use crate::experiment::plan::PlanOutcome;
use crate::report::ReportError;
use crate::report::charts::Saved;
use crate::report::parquet::write_csv_and_parquet;

pub use text::{answer, render, settings};

/// Writes `plan.json`, `candidates.csv`, the charts and `index.html` into
/// `out`; returns every file written.
pub fn write_plan(out: &Path, o: &PlanOutcome) -> Result<Vec<PathBuf>, ReportError> {
    let mut files = Vec::new();
    let json = out.join("plan.json");
    let mut text = serde_json::to_vec_pretty(o).expect("plan outcomes serialise");
    text.push(b'\n');
    write_atomic(&json, &text)?;
    files.push(json);
    files.extend(write_csv_and_parquet(
        &out.join("candidates.csv"),
        &tables::csv(o),
        &o.currency,
    )?);
    let saved: Vec<Saved> = charts::write_charts(out, o)?;
    let ids: Vec<_> = saved.iter().map(|s| s.id).collect();
    files.extend(saved.iter().flat_map(Saved::files));
    let index = crate::report::html::write_index(out, &page::render(o, &ids))?;
    files.push(index);
    Ok(files)
}
