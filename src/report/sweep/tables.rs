//! A sweep's tables: `sweep.csv`, a row per grid point, and `sweep.json`
//! with every point's whole study.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::paired;
use crate::atomic_file::{WriteError, write as write_atomic};
use crate::experiment::aggregate::ScenarioStudy;
use crate::experiment::sweep::SweepRow;
use crate::report::csv_cell::{number, text_cell};
use crate::report::parquet::write_csv_and_parquet;
use crate::report::workbook::{Sheet, write_workbook};
use crate::stats::figures::{PAIRED, Run, SERVICE};
use crate::stats::{Interval, LEVEL};

#[derive(Serialize)]
struct SweepJson<'a> {
    confidence_level: f64,
    points: Vec<SweepPointJson<'a>>,
}

#[derive(Serialize)]
struct SweepPointJson<'a> {
    scenario: &'a str,
    settings: &'a [(String, String)],
    study: &'a ScenarioStudy,
}

fn cell(i: Option<&Interval>, what: fn(&Interval) -> Option<f64>) -> String {
    number(i.and_then(what))
}

/// The run figures a sweep tabulates, then the service to the customer
/// ([`SERVICE`]); the paired ones follow.
const COLUMNS: [&str; 4] = [
    Run::RobotsPerDay.name(),
    Run::TaktAttainment.name(),
    Run::LeadTimeMeanH.name(),
    Run::WipMean.name(),
];

/// Writes `sweep.csv` (and `sweep.parquet`), `sweep.json` and `summary.xlsx`.
pub fn write_tables(
    out: &Path,
    rows: &[SweepRow],
    paths: &[String],
) -> Result<Vec<PathBuf>, WriteError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["scenario".into()];
    header.extend(paths.iter().cloned());
    header.push("replications".into());
    // Stock per part and its holding cost, as every point has them.
    let stock: Vec<String> = rows
        .first()
        .map(|r| {
            r.study
                .figures
                .keys()
                .filter(|k| {
                    k.starts_with("mean_on_hand:")
                        || k.starts_with("days_of_cover:")
                        || *k == "holding_cost_per_day"
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let columns: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .chain(SERVICE.map(Run::name))
        .chain(stock.iter().map(String::as_str))
        .collect();
    for c in &columns {
        header.extend([format!("{c}_mean"), format!("{c}_half_width")]);
    }
    header.extend(PAIRED.iter().flat_map(|f| f.columns()));
    w.write_record(&header).expect("writing to memory");
    for row in rows {
        let mut r = vec![text_cell(&row.scenario)];
        r.extend(row.settings.iter().map(|(_, v)| v.clone()));
        r.push(row.study.replications.to_string());
        for c in &columns {
            let i = row.study.figures.get(*c);
            r.extend([cell(i, |i| i.mean), cell(i, |i| i.half_width)]);
        }
        for f in PAIRED {
            let p = paired(&row.study, f.key);
            let i = p.map(|p| p.estimate);
            r.extend([
                cell(i.as_ref(), |i| i.mean),
                cell(i.as_ref(), |i| i.half_width),
            ]);
            if f.undefined.is_some() {
                r.push(p.map_or(String::new(), |p| format!("{}", p.share_undefined)));
            }
        }
        w.write_record(&r).expect("writing to memory");
    }
    let currency = rows.first().map_or("", |r| r.currency.as_str());
    let csv = w.into_inner().expect("flushing to memory");
    let mut files = write_csv_and_parquet(&out.join("sweep.csv"), &csv, currency)?.to_vec();
    let grid = Sheet {
        name: "Sweep",
        about: "a row per grid point: the values swept, then each figure's mean and \
                95% half-width over the point's replications"
            .into(),
        csv,
    };
    files.push(write_workbook(
        out,
        "taktline sweep",
        &[],
        &[grid],
        currency,
    )?);
    let json = SweepJson {
        confidence_level: LEVEL,
        points: rows
            .iter()
            .map(|r| SweepPointJson {
                scenario: &r.scenario,
                settings: &r.settings,
                study: &r.study,
            })
            .collect(),
    };
    let json_path = out.join("sweep.json");
    let mut bytes = serde_json::to_vec_pretty(&json).expect("sweeps serialise");
    bytes.push(b'\n');
    write_atomic(&json_path, &bytes)?;
    files.push(json_path);
    Ok(files)
}
