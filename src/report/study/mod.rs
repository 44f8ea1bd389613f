//! Finishing a study: fold each scenario's records in replication order and
//! write every output. Batches and merges of shards both end here, which is
//! why they produce the same files.

use std::path::{Path, PathBuf};

use super::study::{
    ReplicationsCsv, StudyEntry, StudyError, index_html, resilience_bars, scenario_charts,
    write_summary,
};
use crate::atomic_file::WriteError;
use crate::experiment::batch::{BatchError, StudyInput, aggregate};
use crate::experiment::record::figure_names;

/// Why a study could not be finished.
#[derive(Debug, thiserror::Error)]
pub enum FinishError {
    /// The records could not be read or do not fit together.
    #[error(transparent)]
    Batch(#[from] BatchError),
    /// An output could not be written.
    #[error(transparent)]
    Study(#[from] StudyError),
}

impl From<WriteError> for FinishError {
    fn from(e: WriteError) -> Self {
        FinishError::Study(e.into())
    }
}

impl From<super::charts::ChartError> for FinishError {
    fn from(e: super::charts::ChartError) -> Self {
        FinishError::Study(e.into())
    }
}

/// A finished study: what to print, and every file written.
pub struct Finished<'a> {
    pub entries: Vec<StudyEntry<'a>>,
    pub files: Vec<PathBuf>,
}

/// Folds every scenario and writes `summary.json`, `replications.csv`, the
/// charts and `index.html` into `out`.
pub fn finish<'a>(
    out: &Path,
    inputs: &'a [StudyInput],
    title: &str,
) -> Result<Finished<'a>, FinishError> {
    let mut entries = Vec::new();
    let mut files = Vec::new();
    for input in inputs {
        let s = &input.scenario;
        let dir = out.join(&input.slug);
        let mut table = ReplicationsCsv::new(&figure_names(s), !s.disruptions.is_empty());
        let agg = aggregate(s, &input.dirs, input.replications, |r| table.push(r))?;
        table.write(&dir.join("replications.csv"))?;
        files.push(dir.join("replications.csv"));
        let charts = scenario_charts(&dir, s, &agg)?;
        files.extend(charts.iter().cloned());
        let study = agg.summarise(s);
        entries.push(StudyEntry {
            scenario: s,
            slug: input.slug.clone(),
            charts,
            aggregate: agg,
            study,
        });
    }
    files.push(write_summary(out, &entries)?);
    files.extend(resilience_bars(out, &entries)?);
    files.push(index_html(out, &entries, title)?);
    Ok(Finished { entries, files })
}
