//! The stress test's outputs: `stress.csv` (a row per node), `stress.json`
//! (everything), three charts and an `index.html` that answers first.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::charts::resilience::{BarPanel, Bars, Curves, Point};
use super::charts::{self, ChartError};
use super::html::escape;
use crate::atomic_file::{WriteError, write as write_atomic};
use crate::experiment::aggregate::PartialInterval;
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

fn shown(x: Option<f64>, digits: usize) -> String {
    x.filter(|v| v.is_finite())
        .map_or("–".into(), |v| format!("{v:.digits$}"))
}

fn pm(p: Option<&PartialInterval>, digits: usize) -> String {
    match p.map(|p| (p.estimate.mean, p.estimate.half_width)) {
        Some((Some(m), Some(h))) => format!("{m:.digits$} ± {h:.digits$}"),
        Some((Some(m), None)) => format!("{m:.digits$}"),
        _ => "–".into(),
    }
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
    let currency = scenario
        .costs
        .as_ref()
        .map_or(String::new(), |c| format!(" {}", c.currency));
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>taktline stress test</title><style>\
body{{font-family:sans-serif;margin:2em;max-width:1300px}}table{{border-collapse:collapse;margin:1em 0}}\
td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}th{{background:#f3f3f3}}td:first-child,th:first-child{{text-align:left}}\
.risk{{color:#b00;font-weight:bold}}img{{max-width:100%;border:1px solid #eee;margin:6px 0}}@media print{{body{{margin:0}}figure,img,table{{page-break-inside:avoid}}}}.note{{color:#555}}</style></head><body>\
<h1>Stress test: {}</h1>",
        escape(&result.scenario)
    );
    let at_risk: Vec<&NodeResult> = result.nodes.iter().filter(|n| n.at_risk).collect();
    if at_risk.is_empty() {
        h.push_str("<p><b>No node is at risk</b>: every node's time to survive is at least its time to recover.</p>");
    } else {
        let names: Vec<String> = at_risk
            .iter()
            .map(|n| {
                let cost = n
                    .impact("cost")
                    .map_or(String::new(), |c| format!(", {c:.0}{currency}"));
                format!(
                    "{} (survives {:.1} h of a {:.0} h outage; {:.0} robots lost{cost})",
                    escape(&n.node),
                    n.tts_censored_mean_h,
                    n.ttr_h,
                    n.impact("robots_lost").unwrap_or(0.0)
                )
            })
            .collect();
        let _ = write!(h, "<p class=\"risk\">At risk: {}.</p>", names.join("; "));
    }
    for n in &result.nodes {
        if let Some(a) = &n.advice {
            let _ = write!(h, "<p><b>{}</b>: {}", escape(&n.node), escape(&a.verdict));
            if let Some(cost) = a.holding_cost_per_year {
                let _ = write!(
                    h,
                    "; the extra stock costs {cost:.0}{} a year to hold",
                    escape(&currency)
                );
            }
            if let Some(prevented) = a.prevented_cost {
                let _ = write!(
                    h,
                    ", against {prevented:.0}{} for one such outage",
                    escape(&currency)
                );
            }
            h.push_str(".</p>");
        }
    }
    let _ = write!(
        h,
        "<p class=\"note\">Each node fails alone from {:.0} h (day {:.1}) under common random numbers, {} replications, \
against the same runs without the outage. Time to survive (TTS): from the start of an outage that lasts to the horizon \
to the first robot behind the twin (mean ± 95% half-width over replications that fell short; P(survived) the share that never did). \
Longest harmless outage: the longest outage with no shortfall in {:.0}% of replications, by bisection to {:.1} h. \
At risk: TTS (survivors counted at the horizon) shorter than the node's time to recover (TTR). Nodes ranked by {}.</p>",
        result.start_h,
        result.start_h / 24.0,
        result.replications,
        HARMLESS_SHARE * 100.0,
        result.resolution_h,
        if result.ranked_by == "cost" {
            "the cost of an outage as long as their TTR"
        } else {
            "robots lost in an outage as long as their TTR"
        }
    );
    h.push_str(
        "<table><tr><th>node</th><th>kind</th><th>TTR [h]</th><th>TTS [h]</th><th>P(survived)</th><th>TTS 5th percentile [h]</th>\
<th>longest harmless outage [h]</th><th>robots lost at TTR</th><th>peak shortfall at TTR</th><th>delay at TTR [robot-h]</th>",
    );
    let _ = write!(
        h,
        "<th>cost at TTR{}</th><th>at risk</th></tr>",
        escape(&currency)
    );
    for n in &result.nodes {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{:.0}</td><td>{}</td><td>{:.2}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&n.node),
            n.kind,
            n.ttr_h,
            pm(Some(&n.tts_h), 1),
            n.tts_h.share_undefined,
            shown(n.tts_p5_h, 1),
            if n.harmless_to_horizon {
                format!("{:.0} (to the horizon)", n.longest_harmless_h)
            } else {
                format!("{:.1}", n.longest_harmless_h)
            },
            pm(n.impact_at_ttr.get("robots_lost"), 1),
            pm(n.impact_at_ttr.get("peak_shortfall"), 1),
            pm(n.impact_at_ttr.get("delay_robot_h"), 0),
            pm(n.impact_at_ttr.get("cost"), 0),
            if n.at_risk {
                "<span class=\"risk\">yes</span>"
            } else {
                "no"
            },
        );
    }
    h.push_str("</table>");
    let captions = [
        (
            "stress-tts-ttr",
            "A node whose time-to-survive bar is shorter than its time-to-recover bar is at risk.",
        ),
        (
            "stress-ranking",
            "The nodes whose outage for their TTR costs most come first.",
        ),
        (
            "stress-impact",
            "How robots lost grow with the outage's length; the curve leaves zero at the longest harmless outage.",
        ),
    ];
    for (name, caption) in captions {
        if charts.iter().any(|c| {
            c.file_name()
                .is_some_and(|f| f.to_string_lossy() == format!("{name}.png"))
        }) {
            let _ = write!(
                h,
                "<figure><img src=\"{name}.png\" alt=\"{name}\"><figcaption class=\"note\">{caption}</figcaption></figure>"
            );
        }
    }
    h.push_str("<p><a href=\"stress.csv\">stress.csv</a> · <a href=\"stress.json\">stress.json</a></p></body></html>\n");
    let path = out.join("index.html");
    write_atomic(&path, h.as_bytes())?;
    Ok(path)
}
