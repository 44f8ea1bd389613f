//! Output files of a run: `summary.json` and `hourly.csv`, each written to a
//! temporary name and renamed, so no file is ever left half-written.

use std::path::{Path, PathBuf};

use crate::atomic_file::{WriteError, write as write_atomic};
use crate::experiment::RunOutcome;
use crate::observe::Recorder;
use crate::observe::ServerState;
use crate::report::csv_cell::text_cell;
use crate::report::parquet::write_csv_and_parquet;
use crate::scenario::Scenario;
use crate::time::HOUR;

/// Writes `summary.json` and `hourly.csv` (and `hourly-undisrupted.csv` for
/// a twin) into `dir`; returns the paths written.
pub fn write_run(
    dir: &Path,
    scenario: &Scenario,
    outcome: &RunOutcome,
) -> Result<Vec<PathBuf>, WriteError> {
    let mut written = Vec::new();
    let json =
        serde_json::to_vec_pretty(&outcome.summary_file(scenario)).expect("summaries serialise");
    let path = dir.join("summary.json");
    write_atomic(&path, &json)?;
    written.push(path);
    let currency = scenario.currency();
    written.extend(write_csv_and_parquet(
        &dir.join("hourly.csv"),
        &hourly_csv(scenario, &outcome.recorded),
        currency,
    )?);
    if let Some(twin) = &outcome.twin {
        written.extend(write_csv_and_parquet(
            &dir.join("hourly-undisrupted.csv"),
            &hourly_csv(scenario, &twin.recorded),
            currency,
        )?);
    }
    Ok(written)
}

/// The hourly time series as CSV: one row per hour, columns named after
/// the scenario's parts, suppliers and stations.
pub fn hourly_csv(scenario: &Scenario, rec: &Recorder) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "hour_end_h",
        "completed",
        "due",
        "completed_total",
        "due_total",
        "backlog",
        "wip",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for p in &scenario.parts {
        header.push(format!("on_hand:{}", p.name));
        header.push(format!("in_transit:{}", p.name));
    }
    for s in &scenario.suppliers {
        header.push(format!("supplier_stock:{}", s.name));
    }
    for s in scenario.station_names() {
        for state in ServerState::ALL {
            header.push(text_cell(&format!("{}:{}", s, state.label())));
        }
    }
    w.write_record(&header).expect("writing to memory");
    for row in rec.hours.iter() {
        let mut fields = vec![
            format!("{}", row.totals.end / HOUR),
            row.totals.completed.to_string(),
            row.totals.due.to_string(),
            row.totals.completed_total.to_string(),
            row.totals.due_total.to_string(),
            row.totals.backlog.to_string(),
            row.totals.wip.to_string(),
        ];
        for p in 0..scenario.parts.len() {
            fields.push(row.on_hand[p].to_string());
            fields.push(row.in_transit[p].to_string());
        }
        fields.extend(row.supplier_stock.iter().map(u64::to_string));
        for st in row.station_states {
            fields.extend(st.iter().map(|f| format!("{f:.4}")));
        }
        w.write_record(&fields).expect("writing to memory");
    }
    w.into_inner().expect("flushing to memory")
}
