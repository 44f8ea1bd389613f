//! A study's `summary.xlsx`: the headline table (one row per scenario) and
//! the disruption costs (one row per disruption, paired with its twin), as
//! the page shows them, with every figure's mean and 95% half-width in
//! columns of their own so that a planner can compute with them.

use std::path::{Path, PathBuf};

use super::StudyEntry;
use crate::atomic_file::WriteError;
use crate::report::csv_cell::{number, text_cell};
use crate::report::workbook::{Sheet, write_workbook};
use crate::stats::Interval;
use crate::stats::figures::{PAIRED, RUN, Run, SERVICE};

fn pair(i: Option<&Interval>) -> [String; 2] {
    [
        number(i.and_then(|i| i.mean)),
        number(i.and_then(|i| i.half_width)),
    ]
}

/// The currency every scenario with costs names, if they agree ("" if
/// none has costs or they differ: each row then names its own).
fn common_currency(entries: &[StudyEntry]) -> String {
    let mut named = entries
        .iter()
        .filter_map(|e| e.scenario.costs.as_ref().map(|c| c.currency.as_str()));
    let first = named.next().unwrap_or("");
    if named.all(|c| c == first) {
        first.to_string()
    } else {
        String::new()
    }
}

/// The headline table: throughput against the takt, the service to the
/// customer and the running cost.
fn headline(entries: &[StudyEntry]) -> Vec<u8> {
    let shown: Vec<&str> = RUN
        .iter()
        .filter(|f| f.headline.is_some())
        .map(|f| f.name)
        .chain(SERVICE.map(Run::name))
        .collect();
    let running = Run::RunningCostPerYear.name();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["scenario".into(), "replications".into()];
    for name in &shown {
        header.extend([format!("{name}_mean"), format!("{name}_half_width")]);
    }
    header.extend([
        "target_robots_per_day".into(),
        "share_of_days_on_target".into(),
        format!("undisrupted_{running}_mean"),
        format!("undisrupted_{running}_half_width"),
        "currency".into(),
    ]);
    let _ = w.write_record(&header);
    for e in entries {
        let s = &e.study;
        let mut row = vec![text_cell(&e.scenario.name), s.replications.to_string()];
        for name in &shown {
            row.extend(pair(s.figures.get(*name)));
        }
        // The running cost of normal times: the twin's, where disrupted.
        let undisrupted = s.undisrupted_twin.as_ref().unwrap_or(&s.figures);
        row.extend([
            number(Some(e.scenario.target_per_hour() * 24.0)),
            number(s.share_of_days_on_target),
        ]);
        row.extend(pair(undisrupted.get(running)));
        row.push(text_cell(e.scenario.currency()));
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

/// The disruption costs: each disruption's paired figures.
fn disruption_costs(entries: &[StudyEntry]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["scenario", "disruption", "random", "replications"]
        .map(String::from)
        .to_vec();
    header.extend(PAIRED.iter().flat_map(|f| f.columns()));
    header.push("currency".into());
    let _ = w.write_record(&header);
    for e in entries {
        for r in &e.study.resilience {
            let mut row = vec![
                text_cell(&e.scenario.name),
                text_cell(&r.disruption),
                r.random.to_string(),
                e.study.replications.to_string(),
            ];
            for f in PAIRED {
                let p = r.get(f.key);
                row.extend(pair(p.map(|p| &p.estimate)));
                if f.undefined.is_some() {
                    row.push(number(p.map(|p| p.share_undefined)));
                }
            }
            row.push(text_cell(e.scenario.currency()));
            let _ = w.write_record(&row);
        }
    }
    w.into_inner().unwrap_or_default()
}

/// Writes the study's `summary.xlsx` into `out`.
pub(super) fn write(
    out: &Path,
    entries: &[StudyEntry],
    title: &str,
) -> Result<PathBuf, WriteError> {
    let mut sheets = vec![Sheet {
        name: "Headline",
        about: "a row per scenario: the headline figures and the service to the customer \
                over its replications (mean and 95% half-width), the target, the share of days \
                reaching it and the running cost a year of normal times (the undisrupted \
                twin's, where disrupted)"
            .into(),
        csv: headline(entries),
    }];
    if entries.iter().any(|e| !e.study.resilience.is_empty()) {
        sheets.push(Sheet {
            name: "Disruption costs",
            about: "a row per disruption: each figure paired with the undisrupted twin in \
                    every replication and counted over the disruption's accounting window; \
                    a share undefined is of the replications where the figure has no value \
                    (a line that survived, a recovery beyond the horizon)"
                .into(),
            csv: disruption_costs(entries),
        });
    }
    write_workbook(out, title, &[], &sheets, &common_currency(entries))
}
