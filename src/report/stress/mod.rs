//! The stress test's outputs: `stress.csv` (a row per node), `stress.json`
//! (everything), three charts and an `index.html` that answers first.

use std::path::{Path, PathBuf};

use super::charts::resilience::{BarPanel, Bars, Curves, Point};
use super::charts::{self, ChartError};
use crate::atomic_file::{WriteError, write as write_atomic};
use crate::experiment::stress::{HARMLESS_SHARE, NodeResult, StressResult};
use crate::scenario::Scenario;

/// Why the stress test's outputs could not be written.
#[derive(Debug, thiserror::Error)]
pub enum StressError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Chart(#[from] ChartError),
}

fn num(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite())
        .map_or(String::new(), |v| format!("{v}"))
}

/// Writes `stress.csv` and `stress.json`; returns their paths.
pub fn write_tables(out: &Path, result: &StressResult) -> Result<Vec<PathBuf>, WriteError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "rank",
        "node",
        "kind",
        "ttr_h",
        "tts_mean_h",
        "tts_half_width_h",
        "p_survived",
        "tts_p5_h",
        "tts_censored_mean_h",
        "longest_harmless_h",
        "harmless_to_horizon",
        "at_risk",
        "robots_lost_at_ttr",
        "peak_shortfall_at_ttr",
        "delay_robot_h_at_ttr",
        "cost_at_ttr",
        "advice",
        "extra_days_of_cover",
        "holding_cost_per_year",
    ];
    let _ = w.write_record(header);
    for (k, n) in result.nodes.iter().enumerate() {
        let advice = n.advice.as_ref();
        let _ = w.write_record([
            (k + 1).to_string(),
            n.node.clone(),
            n.kind.to_string(),
            format!("{}", n.ttr_h),
            num(n.tts_h.estimate.mean),
            num(n.tts_h.estimate.half_width),
            format!("{}", n.tts_h.share_undefined),
            num(n.tts_p5_h),
            format!("{}", n.tts_censored_mean_h),
            format!("{}", n.longest_harmless_h),
            n.harmless_to_horizon.to_string(),
            n.at_risk.to_string(),
            num(n.impact("robots_lost")),
            num(n.impact("peak_shortfall")),
            num(n.impact("delay_robot_h")),
            num(n.impact("cost")),
            advice.map_or(String::new(), |a| a.verdict.clone()),
            num(advice.and_then(|a| a.extra_days_of_cover)),
            num(advice.and_then(|a| a.holding_cost_per_year)),
        ]);
    }
    let csv_path = out.join("stress.csv");
    write_atomic(&csv_path, &w.into_inner().unwrap_or_default())?;
    let json_path = out.join("stress.json");
    let mut json = serde_json::to_vec_pretty(result).unwrap_or_default();
    json.push(b'\n');
    write_atomic(&json_path, &json)?;
    Ok(vec![csv_path, json_path])
}

/// A node's label in charts, marked `*` when at risk.
fn label(n: &NodeResult) -> String {
    if n.at_risk {
        format!("*{}", n.node)
    } else {
        n.node.clone()
    }
}

fn bar(v: Option<f64>) -> Option<Point> {
    v.filter(|v| v.is_finite()).map(|mean| Point {
        x: 0.0,
        mean,
        low: mean,
        high: mean,
    })
}

/// The three charts: TTS against TTR per node, impact against outage
/// duration per node, and the ranking.
pub fn write_charts(out: &Path, result: &StressResult) -> Result<Vec<PathBuf>, ChartError> {
    let mut written = Vec::new();
    let groups: Vec<String> = result.nodes.iter().map(label).collect();
    written.extend(charts::save(
        &Bars {
            title: format!(
                "Time to survive against time to recover, outages from {:.0} h (*: at risk, TTS < TTR)",
                result.start_h
            ),
            groups: groups.clone(),
            panels: vec![BarPanel {
                y_desc: "hours".into(),
                series: vec![
                    (
                        "time to survive (mean, survivors at the horizon)".into(),
                        result
                            .nodes
                            .iter()
                            .map(|n| bar(Some(n.tts_censored_mean_h)))
                            .collect(),
                    ),
                    (
                        "time to recover".into(),
                        result.nodes.iter().map(|n| bar(Some(n.ttr_h))).collect(),
                    ),
                    (
                        format!(
                            "longest harmless outage ({:.0}% of replications)",
                            HARMLESS_SHARE * 100.0
                        ),
                        result
                            .nodes
                            .iter()
                            .map(|n| bar(Some(n.longest_harmless_h)))
                            .collect(),
                    ),
                ],
            }],
        },
        out,
        "stress-tts-ttr",
    )?);
    written.extend(charts::save(
        &Curves {
            title: "Robots lost by the horizon against outage duration, per node".into(),
            x_desc: "outage duration [h]".into(),
            y_desc: "robots lost (mean over replications)".into(),
            curves: result
                .nodes
                .iter()
                .map(|n| {
                    (
                        n.node.clone(),
                        n.curve
                            .iter()
                            .map(|c| Point {
                                x: c.duration_h,
                                mean: c.robots_lost,
                                low: c.robots_lost,
                                high: c.robots_lost,
                            })
                            .collect(),
                    )
                })
                .collect(),
            fit_y: false,
        },
        out,
        "stress-impact",
    )?);
    let (what, unit) = if result.ranked_by == "cost" {
        ("cost", "cost of an outage as long as its TTR")
    } else {
        ("robots_lost", "robots lost in an outage as long as its TTR")
    };
    written.extend(charts::save(
        &Bars {
            title: format!("Nodes ranked by impact: {unit}"),
            groups,
            panels: vec![BarPanel {
                y_desc: unit.into(),
                series: vec![(
                    what.into(),
                    result
                        .nodes
                        .iter()
                        .map(|n| {
                            n.impact_at_ttr.get(what).and_then(|p| {
                                Some(Point {
                                    x: 0.0,
                                    mean: p.estimate.mean?,
                                    low: p.estimate.low.or(p.estimate.mean)?,
                                    high: p.estimate.high.or(p.estimate.mean)?,
                                })
                            })
                        })
                        .collect(),
                )],
            }],
        },
        out,
        "stress-ranking",
    )?);
    Ok(written)
}

/// Writes `index.html`: the answer first, then the table, then the charts.
pub fn write_index(
    out: &Path,
    scenario: &Scenario,
    result: &StressResult,
    charts: &[PathBuf],
) -> Result<PathBuf, WriteError> {
    let names = super::pages::chart_names(charts);
    super::pages::write_index(out, &super::pages::stress::render(scenario, result, &names))
}
