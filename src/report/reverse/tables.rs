//! The reverse stress test's tables: `reverse.csv`, a row per combination
//! in rank order, and `reverse.json` with the whole result.

use std::path::{Path, PathBuf};

use crate::atomic_file::{WriteError, write as write_atomic};
use crate::experiment::reverse::{Point, ReverseResult};
use crate::report::csv_cell::{number, text_cell};
use crate::report::parquet::write_csv_and_parquet;
use crate::report::workbook::{Sheet, write_workbook};

fn joined(values: impl Iterator<Item = String>) -> String {
    values.collect::<Vec<_>>().join(";")
}

/// Writes `reverse.csv` (and `reverse.parquet`, amounts in `currency`),
/// `reverse.json` and `summary.xlsx`; returns their paths.
pub fn write_tables(
    out: &Path,
    result: &ReverseResult,
    currency: &str,
) -> Result<Vec<PathBuf>, WriteError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "rank",
        "k",
        "nodes",
        "breaks",
        "breaking_ttrs",
        "durations_h",
        "ttrs_each",
        "sum_ttrs",
        "plausibility_per_year",
        "robots_lost_at_breaking",
        "share_reaching_at_breaking",
        "share_reaching_one_step_shorter",
        "robots_lost_to_horizon",
        "share_reaching_to_horizon",
        "no_milder_than",
        "each_refined",
        "evaluations",
        "direct_breaks",
        "direct_share_reaching",
        "direct_robots_lost",
        "direct_robots_lost_half_width",
        "direct_cost",
        "direct_cost_half_width",
    ];
    let _ = w.write_record(header);
    for (rank, c) in result.combinations.iter().enumerate() {
        let v = c.verified.as_ref();
        let lost = |p: Option<Point>| number(p.map(|p| p.robots_lost));
        let share = |p: Option<Point>| number(p.map(|p| p.share_reaching));
        let _ = w.write_record([
            (rank + 1).to_string(),
            c.k.to_string(),
            joined(c.failures.iter().map(|f| text_cell(&f.node))),
            c.breaks.to_string(),
            number(c.breaking_ttrs),
            joined(c.failures.iter().map(|f| format!("{}", f.duration_h))),
            joined(c.failures.iter().map(|f| format!("{}", f.ttrs))),
            number(c.sum_ttrs),
            number(c.plausibility_per_year),
            lost(c.at_breaking),
            share(c.at_breaking),
            share(c.just_shorter),
            lost(c.to_horizon),
            share(c.to_horizon),
            c.dominated_by.as_deref().map_or(String::new(), text_cell),
            c.each_refined.to_string(),
            c.evaluations.to_string(),
            v.map_or(String::new(), |v| v.breaks.to_string()),
            number(v.map(|v| v.share_reaching)),
            number(v.and_then(|v| v.robots_lost.mean)),
            number(v.and_then(|v| v.robots_lost.half_width)),
            number(v.and_then(|v| v.cost.and_then(|c| c.mean))),
            number(v.and_then(|v| v.cost.and_then(|c| c.half_width))),
        ]);
    }
    let csv = w.into_inner().unwrap_or_default();
    let mut files = write_csv_and_parquet(&out.join("reverse.csv"), &csv, currency)?.to_vec();
    let combinations = Sheet {
        name: "Reverse stress test",
        about: "a row per combination of outages: the shortest outages that break the line \
                together, how plausible they are a year, and what they cost"
            .into(),
        csv,
    };
    files.push(write_workbook(
        out,
        &format!("Reverse stress test: {}", result.scenario),
        &[],
        &[combinations],
        currency,
    )?);
    let json_path = out.join("reverse.json");
    let mut json = serde_json::to_vec_pretty(result).unwrap_or_default();
    json.push(b'\n');
    write_atomic(&json_path, &json)?;
    files.push(json_path);
    Ok(files)
}
