//! A sweep's charts: robots lost, time to recover, time to survive and
//! robots per day against the swept value, a curve per scenario.

use std::path::Path;

use super::{axis_value, curve_key, paired};
use crate::experiment::aggregate::ScenarioStudy;
use crate::experiment::sweep::SweepRow;
use crate::report::ChartId;
use crate::report::charts::resilience::{Curves, Point};
use crate::report::charts::{self, ChartError, Saved};
use crate::scenario::overrides::Unit;
use crate::stats::Interval;
use crate::stats::figures::{Paired, Run};

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

/// The curves of a sweep over one numeric parameter: robots lost, TTR, TTS
/// and robots per day against it, one curve per scenario (and per setting
/// of any other varied parameter).
pub fn write_curves(
    out: &Path,
    rows: &[SweepRow],
    paths: &[String],
) -> Result<Vec<Saved>, ChartError> {
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
    let x_words = crate::scenario::overrides::describe(x_path);
    let x_desc = match crate::scenario::overrides::unit(x_path).and_then(Unit::axis) {
        _ if is_duration => format!("{x_words} [h]"),
        Some(unit) => format!("{x_words} [{unit}]"),
        None => x_words.clone(),
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
    let charts: [(ChartId, &str, Pick); 4] = [
        (
            ChartId::SweepRobotsLost,
            "robots lost by the horizon",
            Box::new(|s| paired(s, Paired::RobotsLost).map(|p| p.estimate)),
        ),
        (
            ChartId::SweepTimeToRecover,
            "time to recover [h]",
            Box::new(|s| paired(s, Paired::TimeToRecoverH).map(|p| p.estimate)),
        ),
        (
            ChartId::SweepTimeToSurvive,
            "time to survive [h] (replications that fell behind)",
            // Where every replication survived, a marked point, not a gap.
            Box::new(|s| {
                paired(s, Paired::TimeToSurviveH).map(|p| {
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
            ChartId::SweepRobotsPerDay,
            "robots per day after warm-up",
            Box::new(|s| s.figures.get(Run::RobotsPerDay.name()).copied()),
        ),
    ];
    for (id, y, pick) in charts {
        let curves = curve(pick.as_ref());
        if curves.iter().all(|c| c.1.iter().all(|p| p.mean.is_nan())) {
            continue;
        }
        written.push(charts::save(
            &Curves {
                title: format!("{y} against the {x_words}"),
                x_desc: x_desc.clone(),
                y_desc: y.into(),
                curves,
                fit_y: id == ChartId::SweepRobotsPerDay,
            },
            out,
            id,
        )?);
    }
    Ok(written)
}
