//! The sweep's `index.html`: per curve, where the swept value helps and
//! where it hurts, then the table of every grid point, then the charts.

use maud::{Markup, html};

use std::path::{Path, PathBuf};

use super::{axis_value, curve_key, paired};
use crate::atomic_file::WriteError;
use crate::experiment::aggregate::{PartialInterval, ScenarioStudy};
use crate::experiment::sweep::SweepRow;
use crate::report::ChartId;
use crate::report::html::{self, figure, files, page, pm};
use crate::report::numbers::money_pm;
use crate::scenario::overrides::{Unit, describe};
use crate::stats::Interval;
use crate::stats::figures::{Paired, Run};

/// A swept value as the page shows it: durations in hours (the unit of
/// the column and the chart axis), whatever unit the grid wrote them in.
fn shown_value(v: &str) -> String {
    match (v.trim().parse::<f64>(), axis_value(v)) {
        (Err(_), Some(hours)) => format!("{hours}"),
        _ => v.to_string(),
    }
}

/// The swept (first) parameter's value at a grid point, with its unit
/// ("120 h"); the answer names the parameter once.
fn at(r: &SweepRow) -> String {
    r.settings.first().map_or(String::new(), |(p, v)| {
        let unit = crate::scenario::overrides::unit(p)
            .and_then(Unit::axis)
            .map_or(String::new(), |u| format!(" {u}"));
        format!("{}{unit}", shown_value(v))
    })
}

/// The grid point of `rows` with the least (or, `most`, the greatest)
/// mean of `pick`, and that mean's interval.
fn extreme<'a>(
    rows: &[&'a SweepRow],
    pick: impl Fn(&SweepRow) -> Option<Interval>,
    most: bool,
) -> Option<(&'a SweepRow, Interval)> {
    let mut best: Option<(&SweepRow, Interval)> = None;
    for r in rows {
        if let Some(i) = pick(r).filter(|i| i.mean.is_some()) {
            let better = match &best {
                None => true,
                Some((_, b)) if most => i.mean > b.mean,
                Some((_, b)) => i.mean < b.mean,
            };
            if better {
                best = Some((r, i));
            }
        }
    }
    best
}

/// "from LOW at VALUE to HIGH at VALUE" of a figure over the grid points,
/// each estimate written by `show` ("X at every value swept" where the
/// two read the same).
fn range(
    rows: &[&SweepRow],
    pick: impl Fn(&SweepRow) -> Option<Interval>,
    show: impl Fn(&Interval) -> String,
) -> Option<String> {
    let (lo, low) = extreme(rows, &pick, false)?;
    let (hi, high) = extreme(rows, &pick, true)?;
    if show(&low) == show(&high) {
        // As shown, the figure does not move over the grid.
        return Some(format!("{} at every value swept", show(&low)));
    }
    Some(format!(
        "from {} at {} to {} at {}",
        show(&low),
        at(lo),
        show(&high),
        at(hi)
    ))
}

/// One sentence per curve: the range of robots per day and of robots
/// lost over the swept values, and where no robot is lost.
fn answer(key: &str, rows: &[&SweepRow]) -> String {
    let per_day = |r: &SweepRow| r.study.figures.get(Run::RobotsPerDay.name()).copied();
    let lost = |r: &SweepRow| paired(&r.study, Paired::RobotsLost).map(|p| p.estimate);
    let over = rows
        .first()
        .and_then(|r| r.settings.first())
        .map_or(String::new(), |(p, _)| format!(" over the {}", describe(p)));
    let mut text = format!("{key}{over}:");
    let count = |i: &Interval| pm(i, 1);
    if let Some(range) = range(rows, per_day, count) {
        text.push_str(&format!(" robots per day {range}"));
    }
    let on_time = |r: &SweepRow| on_time_percent(&r.study);
    let percent = |i: &Interval| format!("{}%", pm(i, 1));
    if let Some(range) = range(rows, on_time, percent) {
        text.push_str(&format!("; orders on time {range}"));
    }
    let cost = |r: &SweepRow| paired(&r.study, Paired::Cost).map(|p| p.estimate);
    // A curve is one file's points: one currency.
    let currency = rows.first().map_or("", |r| r.currency.as_str());
    let money = |i: &Interval| money_pm(i.mean, i.half_width, currency);
    if let Some(range) = range(rows, cost, money) {
        text.push_str(&format!("; the disruption costs {range}"));
    }
    if let Some(range) = range(rows, lost, count) {
        text.push_str(&format!("; robots lost {range}"));
        let none_lost: Vec<String> = rows
            .iter()
            .filter(|r| lost(r).and_then(|i| i.mean).is_some_and(|m| m < 0.5))
            .map(|r| at(r))
            .collect();
        if !none_lost.is_empty() {
            text.push_str(&format!(
                "; under one robot lost on average at {}",
                none_lost.join(", ")
            ));
        }
        let survived: Vec<String> = rows
            .iter()
            .filter(|r| {
                paired(&r.study, Paired::TimeToSurviveH)
                    .is_some_and(|p| p.estimate.n == 0 && p.undefined > 0)
            })
            .map(|r| at(r))
            .collect();
        if !survived.is_empty() {
            text.push_str(&format!(
                "; every replication survived at {}",
                survived.join(", ")
            ));
        }
    }
    text.push('.');
    text
}

/// A paired figure's cell, with the share of replications where it is
/// undefined.
fn paired_cell(p: Option<PartialInterval>, what: &str) -> String {
    match p {
        None => "–".into(),
        Some(p) if p.estimate.n == 0 && p.undefined > 0 => format!("{what} in every replication"),
        Some(p) if p.over_subset() => format!(
            "{} (P({what}) {:.2})",
            pm(&p.estimate, 1),
            p.share_undefined
        ),
        Some(p) => pm(&p.estimate, 1),
    }
}

/// The share of orders on time at a point, in percent with its half-width.
fn on_time_percent(s: &ScenarioStudy) -> Option<Interval> {
    s.figures
        .get(Run::OnTimeShare.name())
        .map(|i| i.scaled(100.0))
}

/// Every grid point, one row each.
fn table(rows: &[SweepRow], paths: &[String]) -> Markup {
    let costs = rows
        .iter()
        .any(|r| paired(&r.study, Paired::Cost).is_some());
    html! {
        table {
            tr {
                th { "scenario file" }
                @for p in paths {
                    th {
                        (describe(p))
                        @if let Some(u) = crate::scenario::overrides::unit(p).and_then(Unit::axis) { " [" (u) "]" }
                        br; code { (p) }
                    }
                }
                th { "robots per day" } th { "orders on time [%]" }
                th { "robots lost" } th { "TTS [h]" } th { "TTR [h]" }
                th { "caught up in the accounting window" }
                @if costs { th { "cost against the twin" } }
            }
            @for r in rows {
                tr {
                    // The point's own file: the scenario's name describes the
                    // base, not the values swept.
                    td { (curve_key(r)) }
                    @for (_, v) in &r.settings { td { (shown_value(v)) } }
                    td { (r.study.figures.get(Run::RobotsPerDay.name()).map_or("–".into(), |i| pm(i, 1))) }
                    td { (on_time_percent(&r.study).map_or("–".into(), |i| pm(&i, 1))) }
                    td { (paired(&r.study, Paired::RobotsLost).map_or("–".into(), |p| pm(&p.estimate, 1))) }
                    td { (paired_cell(paired(&r.study, Paired::TimeToSurviveH), "survived")) }
                    td { (paired_cell(paired(&r.study, Paired::TimeToRecoverH), "not recovered")) }
                    td { (paired(&r.study, Paired::CaughtUp).and_then(|p| p.estimate.mean).map_or("–".into(), crate::report::percent)) }
                    @if costs {
                        td { (paired(&r.study, Paired::Cost).map_or("–".into(), |p| money_pm(p.estimate.mean, p.estimate.half_width, &r.currency))) }
                    }
                }
            }
        }
    }
}

/// The sweep's whole page; `charts` are the charts written.
pub fn render(rows: &[SweepRow], paths: &[String], charts: &[ChartId]) -> String {
    let mut keys: Vec<String> = Vec::new();
    for r in rows {
        let k = curve_key(r);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let title = match paths {
        [] => "taktline sweep".to_string(),
        _ => format!(
            "taktline sweep over the {}",
            paths
                .iter()
                .map(|p| describe(p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    page(
        &title,
        html! {
            // Each file swept, by the name its scenario gives itself (which
            // describes the base, before any swept value).
            p {
                @for (i, k) in keys.iter().enumerate() {
                    @if let Some(r) = rows.iter().find(|r| &curve_key(r) == k) {
                        @if i > 0 { " · " }
                        (k) ": " (r.scenario)
                    }
                }
            }
            h2 { "The answer" }
            ul.answer {
                @for k in &keys {
                    @let of_key: Vec<&SweepRow> = rows.iter().filter(|r| &curve_key(r) == k).collect();
                    li { (answer(k, &of_key)) }
                }
            }
            p.note {
                "Means over replications with 95% confidence intervals; resilience figures are paired \
                 with each point's undisrupted twin under common random numbers."
            }
            (table(rows, paths))
            @for chart in charts {
                (figure(&format!("{}.png", chart.stem()), chart.caption()))
            }
            (files(Some("sweep"), Some("sweep.json")))
        },
    )
}

/// Writes the sweep's `index.html`.
pub fn write_index(
    out: &Path,
    rows: &[SweepRow],
    paths: &[String],
    charts: &[ChartId],
) -> Result<PathBuf, WriteError> {
    html::write_index(out, &render(rows, paths, charts))
}
