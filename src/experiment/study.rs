//! Finishing a study: fold each scenario's records in replication order and
//! write every output. Batches and merges of shards both end here, which is
//! why they produce the same files.

use std::path::{Path, PathBuf};

use super::batch::{BatchError, aggregate};
use crate::report::study::{
    ReplicationsCsv, StudyEntry, StudyError, index_html, resilience_bars, scenario_charts,
    write_summary,
};
use crate::scenario::Scenario;

/// One scenario to finish: where its records are and how many.
pub struct StudyInput {
    pub scenario: Scenario,
    pub slug: String,
    /// Folders holding its `reps/` records (one, or one per shard).
    pub dirs: Vec<PathBuf>,
    pub replications: u64,
}

/// Why a study could not be finished.
#[derive(Debug, thiserror::Error)]
pub enum FinishError {
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error(transparent)]
    Study(#[from] StudyError),
}

impl From<crate::report::WriteError> for FinishError {
    fn from(e: crate::report::WriteError) -> Self {
        FinishError::Study(e.into())
    }
}

impl From<crate::report::charts::ChartError> for FinishError {
    fn from(e: crate::report::charts::ChartError) -> Self {
        FinishError::Study(e.into())
    }
}

/// Folds every scenario and writes `summary.json`, `replications.csv`, the
/// charts and `index.html` into `out`; returns the entries for a printout.
pub fn finish<'a>(
    out: &Path,
    inputs: &'a [StudyInput],
    title: &str,
) -> Result<Vec<StudyEntry<'a>>, FinishError> {
    let mut entries = Vec::new();
    for input in inputs {
        let s = &input.scenario;
        let dir = out.join(&input.slug);
        let mut table =
            ReplicationsCsv::new(&super::record::figure_names(s), !s.disruptions.is_empty());
        let agg = aggregate(s, &input.dirs, input.replications, |r| table.push(r))?;
        table.write(&dir.join("replications.csv"))?;
        let charts = scenario_charts(&dir, s, &agg)?;
        let study = agg.summarise(s);
        entries.push(StudyEntry {
            scenario: s,
            slug: input.slug.clone(),
            charts,
            aggregate: agg,
            study,
        });
    }
    write_summary(out, &entries)?;
    resilience_bars(out, &entries)?;
    index_html(out, &entries, title)?;
    Ok(entries)
}
