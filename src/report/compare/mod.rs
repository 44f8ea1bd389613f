//! A comparison of plans: the answer on the terminal, `compare.json`,
//! `compare.csv`, three charts and an `index.html` that answers first.

mod charts;
mod page;
mod tables;
mod text;

use std::path::{Path, PathBuf};

use crate::atomic_file::write as write_atomic;
use crate::experiment::compare::Comparison;
use crate::report::ReportError;
use crate::report::charts::Saved;
use crate::report::parquet::write_csv_and_parquet;
use crate::report::workbook::{Sheet, write_workbook};

pub(crate) use tables::csv as comparison_csv;
pub use text::{answer, render};

/// Writes `compare.json`, `compare.csv` (and `.parquet`), `summary.xlsx`,
/// the charts and `index.html` into `out`; returns every file written.
pub fn write_compare(out: &Path, c: &Comparison) -> Result<Vec<PathBuf>, ReportError> {
    let mut files = Vec::new();
    let json = out.join("compare.json");
    let mut text = serde_json::to_vec_pretty(c).expect("comparisons serialise");
    text.push(b'\n');
    write_atomic(&json, &text)?;
    files.push(json);
    let csv = tables::csv(c);
    files.extend(write_csv_and_parquet(
        &out.join("compare.csv"),
        &csv,
        &c.currency,
    )?);
    files.push(write_workbook(
        out,
        "taktline comparison of plans",
        &[("answer", answer(c))],
        &[comparison_sheet(csv)],
        &c.currency,
    )?);
    let saved: Vec<Saved> = charts::write_charts(out, c)?;
    let ids: Vec<_> = saved.iter().map(|s| s.id).collect();
    files.extend(saved.iter().flat_map(Saved::files));
    let index = crate::report::html::write_index(out, &page::render(c, &ids))?;
    files.push(index);
    Ok(files)
}

/// The comparison's sheet: `compare.csv`.
pub(crate) fn comparison_sheet(csv: Vec<u8>) -> Sheet {
    Sheet {
        name: "Comparison",
        about: "a row per plan, the base first: its running cost a year by kind, expected \
                annual loss and total over the same hazard years, and each plan minus the \
                base and minus the cheapest (paired, with 95% half-widths)"
            .into(),
        csv,
    }
}
