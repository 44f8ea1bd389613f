//! Outputs of a sweep: `sweep.csv`, `sweep.json`, the resilience curves
//! (chart 5) and an `index.html`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::charts::resilience::{Curves, Point};
use super::charts::{self, ChartError};
use crate::atomic_file::{WriteError, write as write_atomic};
use crate::experiment::aggregate::{PartialInterval, ScenarioStudy};
use crate::experiment::sweep::SweepRow;
use crate::stats::figures::PAIRED;
use crate::stats::{Interval, LEVEL};
use crate::time::{HOUR, Span};

/// Why sweep outputs could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Chart(#[from] ChartError),
}

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

/// A swept value on a numeric axis: numbers as they are, durations in hours.
pub fn axis_value(v: &str) -> Option<f64> {
    v.trim()
        .parse::<f64>()
        .ok()
        .or_else(|| Span::parse(v).ok().map(|s| s.secs() / HOUR))
}

/// A sweep point's paired figure of its first disruption (robots lost
/// falls back to the run's total when there is no studied disruption).
pub fn paired(s: &ScenarioStudy, name: &str) -> Option<PartialInterval> {
    match s.resilience.first().and_then(|r| r.get(name)) {
        Some(p) => Some(*p),
        None if name == "robots_lost" => s.robots_lost_total.map(|estimate| PartialInterval {
            estimate,
            undefined: 0,
            share_undefined: 0.0,
        }),
        None => None,
    }
}

fn cell(i: Option<&Interval>, what: fn(&Interval) -> Option<f64>) -> String {
    i.and_then(what).map_or(String::new(), |v| format!("{v}"))
}

/// The figures a sweep tabulates: (column, figure name or resilience field).
const COLUMNS: [&str; 4] = [
    "robots_per_day",
    "takt_attainment",
    "lead_time_mean_h",
    "wip_mean",
];

/// Writes `sweep.csv` and `sweep.json`.
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
        .chain(stock.iter().map(String::as_str))
        .collect();
    for c in &columns {
        header.extend([format!("{c}_mean"), format!("{c}_half_width")]);
    }
    for f in PAIRED {
        header.extend([format!("{}_mean", f.name), format!("{}_half_width", f.name)]);
        if f.undefined.is_some() {
            header.push(format!("{}_share_undefined", f.name));
        }
    }
    w.write_record(&header).expect("writing to memory");
    for row in rows {
        let mut r = vec![row.scenario.clone()];
        r.extend(row.settings.iter().map(|(_, v)| v.clone()));
        r.push(row.study.replications.to_string());
        for c in &columns {
            let i = row.study.figures.get(*c);
            r.extend([cell(i, |i| i.mean), cell(i, |i| i.half_width)]);
        }
        for f in PAIRED {
            let p = paired(&row.study, f.name);
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
    let csv_path = out.join("sweep.csv");
    write_atomic(&csv_path, &w.into_inner().expect("flushing to memory"))?;
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
    Ok(vec![csv_path, json_path])
}

/// The curve a grid point belongs to: its scenario file (whose name may
/// describe a value the sweep changes) and the values of any further --vary.
pub fn curve_key(r: &SweepRow) -> String {
    let mut k = Path::new(&r.source)
        .file_name()
        .map_or_else(|| r.scenario.clone(), |f| f.to_string_lossy().into_owned());
    if r.source.starts_with('<') {
        k = "embedded baseline".into();
    }
    for (p, v) in &r.settings[1..] {
        let _ = write!(k, ", {p}={v}");
    }
    k
}

/// Picks the figure a sweep chart plots from a grid point's study.
type Pick = Box<dyn Fn(&ScenarioStudy) -> Option<Interval>>;

fn to_point(x: f64, i: &Interval) -> Point {
    Point {
        x,
        mean: i.mean.unwrap_or(f64::NAN),
        low: i.low.unwrap_or(f64::NAN),
        high: i.high.unwrap_or(f64::NAN),
    }
}

/// Chart 5 from a sweep over one numeric parameter: robots lost, TTR, TTS
/// and robots per day against it, one curve per scenario (and per setting
/// of any other varied parameter).
pub fn write_curves(
    out: &Path,
    rows: &[SweepRow],
    paths: &[String],
) -> Result<Vec<PathBuf>, SweepError> {
    let Some(x_path) = paths.first() else {
        return Ok(Vec::new());
    };
    if rows.iter().any(|r| axis_value(&r.settings[0].1).is_none()) {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = Vec::new();
    for r in rows {
        if !names.contains(&curve_key(r)) {
            names.push(curve_key(r));
        }
    }
    let is_duration = rows
        .iter()
        .any(|r| r.settings[0].1.trim().parse::<f64>().is_err());
    let x_desc = match crate::scenario::overrides::unit(x_path) {
        _ if is_duration => format!("{x_path} [h]"),
        Some(unit) => format!("{x_path} [{unit}]"),
        None => x_path.clone(),
    };
    let curve = |pick: &dyn Fn(&ScenarioStudy) -> Option<Interval>| -> Vec<(String, Vec<Point>)> {
        names
            .iter()
            .map(|n| {
                let pts = rows
                    .iter()
                    .filter(|r| &curve_key(r) == n)
                    .filter_map(|r| Some(to_point(axis_value(&r.settings[0].1)?, &pick(&r.study)?)))
                    .collect();
                (n.clone(), pts)
            })
            .collect()
    };
    let mut written = Vec::new();
    let charts: [(&str, &str, Pick); 4] = [
        (
            "sweep-robots-lost",
            "robots lost by the horizon",
            Box::new(|s| paired(s, "robots_lost").map(|p| p.estimate)),
        ),
        (
            "sweep-time-to-recover",
            "time to recover [h]",
            Box::new(|s| paired(s, "time_to_recover_h").map(|p| p.estimate)),
        ),
        (
            "sweep-time-to-survive",
            "time to survive [h] (replications that fell behind)",
            // Where every replication survived, a marked point, not a gap.
            Box::new(|s| {
                paired(s, "time_to_survive_h").map(|p| {
                    if p.estimate.n == 0 && p.undefined > 0 {
                        Interval {
                            mean: Some(f64::INFINITY),
                            ..p.estimate
                        }
                    } else {
                        p.estimate
                    }
                })
            }),
        ),
        (
            "sweep-robots-per-day",
            "robots per day after warm-up",
            Box::new(|s| s.figures.get("robots_per_day").copied()),
        ),
    ];
    for (file, y, pick) in charts {
        let curves = curve(pick.as_ref());
        if curves.iter().all(|c| c.1.iter().all(|p| p.mean.is_nan())) {
            continue;
        }
        written.extend(charts::save(
            &Curves {
                title: format!("{y} against {x_path}"),
                x_desc: x_desc.clone(),
                y_desc: y.into(),
                curves,
                fit_y: file == "sweep-robots-per-day",
            },
            out,
            file,
        )?);
    }
    Ok(written)
}

/// Writes the sweep's `index.html`.
pub fn write_index(
    out: &Path,
    rows: &[SweepRow],
    paths: &[String],
    charts: &[PathBuf],
) -> Result<PathBuf, WriteError> {
    let names = super::pages::chart_names(charts);
    super::pages::write_index(out, &super::pages::sweep::render(rows, paths, &names))
}
