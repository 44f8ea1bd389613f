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
use crate::report::compare::{comparison_csv, comparison_sheet};
use crate::report::parquet::write_csv_and_parquet;
use crate::report::workbook::{Sheet, write_workbook};

pub use text::{answer, render, settings};

/// Writes `plan.json`, `candidates.csv` (and `.parquet`), `summary.xlsx`,
/// the charts and `index.html` into `out`; returns every file written.
pub fn write_plan(out: &Path, o: &PlanOutcome) -> Result<Vec<PathBuf>, ReportError> {
    let mut files = Vec::new();
    let json = out.join("plan.json");
    let mut text = serde_json::to_vec_pretty(o).expect("plan outcomes serialise");
    text.push(b'\n');
    write_atomic(&json, &text)?;
    files.push(json);
    let candidates = tables::csv(o);
    files.extend(write_csv_and_parquet(
        &out.join("candidates.csv"),
        &candidates,
        &o.currency,
    )?);
    files.push(write_workbook(
        out,
        "taktline plan",
        &[("answer", answer(o))],
        &sheets(o, candidates),
        &o.currency,
    )?);
    let saved: Vec<Saved> = charts::write_charts(out, o)?;
    let ids: Vec<_> = saved.iter().map(|s| s.id).collect();
    files.extend(saved.iter().flat_map(Saved::files));
    let index = crate::report::html::write_index(out, &page::render(o, &ids))?;
    files.push(index);
    Ok(files)
}

/// The plan's sheets: its settings (where a plan was found), the check
/// against today's plan on fresh years (where one was made), every candidate.
fn sheets(o: &PlanOutcome, candidates: Vec<u8>) -> Vec<Sheet> {
    let mut sheets = Vec::new();
    if let Some(csv) = tables::plan_csv(o) {
        sheets.push(Sheet {
            name: "Plan",
            about: "the plan found: each lever's value (\"today\" where it keeps today's)".into(),
            csv,
        });
    }
    if let Some(v) = &o.verification {
        let mut sheet = comparison_sheet(comparison_csv(v));
        sheet.name = "Verification";
        sheet.about = format!(
            "today's plan and the plan found on {} fresh hazard years: {}",
            v.years, sheet.about
        );
        sheets.push(sheet);
    }
    sheets.push(Sheet {
        name: "Candidates",
        about: "a row per candidate evaluated, today's plan first (candidate 0): its lever \
                values, costs a year over the search's hazard years, worst outage and \
                whether it meets the constraints"
            .into(),
        csv: candidates,
    });
    sheets
}
