//! A study (a batch of replications, possibly merged from shards):
//! `summary.json`, one `replications.csv` per scenario, the charts and an
//! `index.html` that shows them with the headline table. Finishing folds
//! each scenario's records in replication order and writes every output;
//! batches and merges of shards both end here, which is why they produce
//! the same files.

mod charts;
mod page;
mod service;
mod tables;
mod workbook;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use charts::resilience_bars;
pub use charts::scenario_charts;
pub use page::render;
use tables::{ReplicationsCsv, write_summary};

use crate::experiment::aggregate::{Aggregate, ScenarioStudy};
use crate::experiment::record::figure_names;
use crate::experiment::records::aggregate;
use crate::experiment::{BatchError, StudyInput};
use crate::report::ReportError;
use crate::report::charts::Saved;
use crate::report::html::write_index;
use crate::scenario::Scenario;
use crate::timings::{self, Phase};

/// One scenario of a study, ready to report.
pub struct StudyEntry<'a> {
    /// The scenario as read.
    pub scenario: &'a Scenario,
    /// Folder of the scenario's files under the study's output.
    pub slug: String,
    /// The scenario's charts, as saved, in the order its page shows them.
    pub charts: Vec<Saved>,
    /// Its replications, folded in replication order.
    pub aggregate: Aggregate,
    /// The figures summarised from `aggregate`, as in `summary.json`.
    pub study: ScenarioStudy,
}

/// Why a study could not be finished.
#[derive(Debug, thiserror::Error)]
pub enum FinishError {
    /// The records could not be read or do not fit together.
    #[error(transparent)]
    Batch(#[from] BatchError),
    /// An output could not be written.
    #[error(transparent)]
    Output(#[from] ReportError),
}

/// A finished study: what to print, and every file written.
pub struct Finished<'a> {
    /// Each scenario, in input order.
    pub entries: Vec<StudyEntry<'a>>,
    /// Every file written: each scenario's, then `summary.json`,
    /// `summary.xlsx`, the resilience chart and `index.html`.
    pub files: Vec<PathBuf>,
}

/// Folds every scenario and writes `summary.json`, `summary.xlsx`,
/// `replications.csv`, the charts and `index.html` into `out`.
pub fn finish<'a>(
    out: &Path,
    inputs: &'a [StudyInput],
    title: &str,
) -> Result<Finished<'a>, FinishError> {
    let mut folded = Vec::new();
    let mut files = Vec::new();
    for input in inputs {
        let s = &input.scenario;
        let dir = out.join(&input.slug);
        let mut table = ReplicationsCsv::new(&figure_names(s), !s.disruptions.is_empty());
        let agg = timings::time(Phase::Folding, || {
            let agg = aggregate(s, &input.dirs, input.replications, |r| table.push(r))?;
            table
                .write(&dir.join("replications.csv"), s.currency())
                .map_err(ReportError::from)?;
            Ok::<_, FinishError>(agg)
        })?;
        let study = timings::time(Phase::Folding, || agg.summarise(s));
        folded.push((input, dir, agg, study));
    }
    // Each scenario's charts are its own files: drawn side by side.
    let charts: Vec<Result<Vec<Saved>, _>> = timings::time(Phase::Charts, || {
        folded
            .par_iter()
            .map(|(input, dir, agg, _)| scenario_charts(dir, &input.scenario, agg))
            .collect()
    });
    let mut entries = Vec::new();
    for ((input, dir, agg, study), charts) in folded.into_iter().zip(charts) {
        let charts = charts.map_err(ReportError::from)?;
        files.push(dir.join("replications.csv"));
        files.push(dir.join("replications.parquet"));
        files.extend(charts.iter().flat_map(Saved::files));
        entries.push(StudyEntry {
            scenario: &input.scenario,
            slug: input.slug.clone(),
            charts,
            aggregate: agg,
            study,
        });
    }
    let summary = timings::time(Phase::Pages, || write_summary(out, &entries));
    files.push(summary.map_err(ReportError::from)?);
    let book = timings::time(Phase::Pages, || workbook::write(out, &entries, title));
    files.push(book.map_err(ReportError::from)?);
    let resilience = timings::time(Phase::Charts, || resilience_bars(out, &entries))
        .map_err(ReportError::from)?;
    files.extend(resilience.iter().flat_map(Saved::files));
    let index = timings::time(Phase::Pages, || {
        write_index(out, &render(&entries, title, resilience.is_some()))
    });
    files.push(index.map_err(ReportError::from)?);
    Ok(Finished { entries, files })
}
