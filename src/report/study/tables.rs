//! A study's tables: `summary.json` across its scenarios and one
//! `replications.csv` per scenario, a row per replication.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::StudyEntry;
use crate::atomic_file::{WriteError, write as write_atomic};
use crate::experiment::aggregate::ScenarioStudy;
use crate::experiment::record::RepRecord;
use crate::report::parquet::write_csv_and_parquet;
use crate::stats::LEVEL;

/// What `summary.json` holds for a study.
#[derive(Serialize)]
struct StudySummary<'a> {
    confidence_level: f64,
    scenarios: Vec<&'a ScenarioStudy>,
}

/// Writes `summary.json` for all scenarios of a study.
pub(super) fn write_summary(out: &Path, entries: &[StudyEntry]) -> Result<PathBuf, WriteError> {
    let summary = StudySummary {
        confidence_level: LEVEL,
        scenarios: entries.iter().map(|e| &e.study).collect(),
    };
    let mut json = serde_json::to_vec_pretty(&summary).expect("studies serialise");
    json.push(b'\n');
    let path = out.join("summary.json");
    write_atomic(&path, &json)?;
    Ok(path)
}

/// Collects one CSV row per replication while records are folded.
pub(super) struct ReplicationsCsv {
    writer: csv::Writer<Vec<u8>>,
}

impl ReplicationsCsv {
    /// A table with the scenario's figure names as columns.
    pub(super) fn new(names: &[String], twin: bool) -> ReplicationsCsv {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["replication".to_string()];
        header.extend(names.iter().cloned());
        if twin {
            header.extend(names.iter().map(|n| format!("twin:{n}")));
        }
        writer.write_record(&header).expect("writing to memory");
        ReplicationsCsv { writer }
    }

    /// Adds a replication's row.
    pub(super) fn push(&mut self, r: &RepRecord) {
        let mut row = vec![r.replication.to_string()];
        let fmt = |x: &f64| {
            if x.is_finite() {
                format!("{x}")
            } else {
                String::new()
            }
        };
        row.extend(r.figures.iter().map(fmt));
        row.extend(r.twin_figures.iter().flatten().map(fmt));
        self.writer.write_record(&row).expect("writing to memory");
    }

    /// Writes the table to `path`, and beside it as Parquet (amounts in
    /// `currency`); returns both paths.
    pub(super) fn write(self, path: &Path, currency: &str) -> Result<[PathBuf; 2], WriteError> {
        write_csv_and_parquet(
            path,
            &self.writer.into_inner().expect("flushing to memory"),
            currency,
        )
    }
}
