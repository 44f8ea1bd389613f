//! The stress test's charts: time to survive beside time to recover per
//! node, robots lost against outage duration, and the ranking.

use std::path::Path;

use crate::experiment::stress::{HARMLESS_SHARE, NodeResult, StressResult};
use crate::report::ChartId;
use crate::report::charts::resilience::{BarPanel, Bars, Curves, Point};
use crate::report::charts::{self, ChartError, Saved};
use crate::stats::figures::Paired;

/// A node's label in charts, marked `*` when at risk.
fn label(n: &NodeResult) -> String {
    if n.at_risk {
        format!("*{}", n.node)
    } else {
        n.node.clone()
    }
}

/// A bar without an interval (an input, or a figure given without one):
/// no error bar is drawn for it.
fn bar(v: Option<f64>) -> Option<Point> {
    v.filter(|v| v.is_finite()).map(|mean| Point {
        x: 0.0,
        mean,
        low: f64::NAN,
        high: f64::NAN,
    })
}

/// The three charts: TTS against TTR per node, impact against outage
/// duration per node, and the ranking.
pub fn write_charts(out: &Path, result: &StressResult) -> Result<Vec<Saved>, ChartError> {
    let mut written = Vec::new();
    let groups: Vec<String> = result.nodes.iter().map(label).collect();
    written.push(charts::save(
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
        ChartId::StressTtsTtr,
    )?);
    written.push(charts::save(
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
                                low: f64::NAN,
                                high: f64::NAN,
                            })
                            .collect(),
                    )
                })
                .collect(),
            fit_y: false,
        },
        out,
        ChartId::StressImpact,
    )?);
    let (what, unit) = if result.ranked_by == Paired::Cost.name() {
        (Paired::Cost, "cost of an outage as long as its TTR")
    } else {
        (
            Paired::RobotsLost,
            "robots lost in an outage as long as its TTR",
        )
    };
    written.push(charts::save(
        &Bars {
            title: format!("Nodes ranked by impact: {unit}"),
            groups,
            panels: vec![BarPanel {
                y_desc: unit.into(),
                series: vec![(
                    what.name().into(),
                    result
                        .nodes
                        .iter()
                        .map(|n| {
                            n.impact_at_ttr.get(what.name()).and_then(|p| {
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
        ChartId::StressRanking,
    )?);
    Ok(written)
}
