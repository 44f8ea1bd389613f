//! The study's `index.html`: the answer per scenario, the throughput
//! table, the service to the customer, what each plan costs a year, what each disruption costs, then
//! every chart with its caption.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::StudyEntry;
use super::service::service;
use crate::report::ChartId;
use crate::report::html::{figure, files, page, pm};
use crate::report::numbers::{money_pm, percent};
use crate::report::verdict::TaktVerdict;
use crate::stats::Interval;
use crate::stats::figures::{self, Figure, Paired, PairedFigure, Run};

/// One sentence a manager can act on, for one scenario of the study.
fn answer(e: &StudyEntry) -> String {
    let pm0 = |i: Option<Interval>| i.map_or("–".into(), |i| pm(&i, 1));
    let mut text = format!("{}: {}", e.scenario.name, verdict(e).sentence());
    let on_time = |i: Option<Interval>| i.and_then(|i| i.mean).filter(|m| m.is_finite());
    if let Some(share) = on_time(e.aggregate.figure(Run::OnTimeShare.name())) {
        let _ = write!(text, "; {:.1}% of orders on time", 100.0 * share);
        if let Some(twin) = on_time(e.aggregate.twin_figure(Run::OnTimeShare.name())) {
            let _ = write!(text, " (undisrupted, {:.1}%)", 100.0 * twin);
        }
    }
    let currency = e
        .scenario
        .costs
        .as_ref()
        .map_or(String::new(), |c| format!(" {}", c.currency));
    for r in &e.study.resilience {
        let get = |key: Paired| r.get(key);
        let est = |key: Paired| get(key).map(|p| p.estimate);
        let _ = write!(
            text,
            ". {} leaves the line {} robots behind",
            r.disruption,
            pm0(est(Paired::RobotsLost))
        );
        if let Some(c) = est(Paired::Cost).filter(|c| c.n > 0) {
            let _ = write!(
                text,
                " and costs {}",
                money_pm(c.mean, c.half_width, currency.trim())
            );
        }
        let window = est(Paired::WindowH).and_then(|w| w.mean);
        let caught = est(Paired::CaughtUp).and_then(|w| w.mean);
        if let (Some(w), Some(share)) = (window, caught) {
            let _ = write!(text, ", counted over {w:.0} h from its start");
            if share < 1.0 {
                let pace = est(Paired::CatchUpPacePerDay)
                    .and_then(|p| p.mean)
                    .map_or(String::new(), |p| format!(", closing {p:.1} robots a day"));
                let _ = write!(
                    text,
                    " (caught up with the twin in {} of replications: the rest cost more after{pace})",
                    percent(share)
                );
            } else {
                text.push_str(" (caught up with its twin)");
            }
        }
        match get(Paired::TimeToSurviveH) {
            Some(p) if p.estimate.n == 0 => text.push_str("; the line never fell behind"),
            Some(p) => {
                let _ = write!(
                    text,
                    "; stock carried the line {} h (P(survived) {:.2})",
                    pm(&p.estimate, 1),
                    p.share_undefined
                );
            }
            None => {}
        }
    }
    text.push('.');
    text
}

/// The takt verdict of one scenario: its robots per day against the
/// target, and its busiest station in working time (means over replications).
fn verdict(e: &StudyEntry) -> TaktVerdict {
    let mean = |name: String| {
        e.aggregate
            .figure(&name)
            .and_then(|i| i.mean)
            .unwrap_or(0.0)
    };
    let per_day = e.aggregate.figure(Run::RobotsPerDay.name());
    let stations: Vec<(&str, f64, f64)> = e
        .scenario
        .station_names()
        .map(|st| {
            (
                st,
                mean(format!("busy:{st}")),
                mean(format!("off_shift:{st}")),
            )
        })
        .collect();
    TaktVerdict::new(
        per_day.and_then(|i| i.mean).unwrap_or(0.0),
        per_day.and_then(|i| i.half_width),
        e.scenario.target_per_hour() * 24.0,
        stations,
    )
}

/// A headline figure of one scenario, scaled and rounded as it is shown.
fn headline_cell(e: &StudyEntry, f: &Figure) -> String {
    e.aggregate
        .figure(f.name)
        .map_or("–".into(), |i| pm(&i.scaled(f.shown_scale), f.digits))
}

/// The throughput table: one row per scenario.
fn throughput(entries: &[StudyEntry]) -> Markup {
    let headline: Vec<&Figure> = figures::RUN
        .iter()
        .filter(|f| f.headline.is_some())
        .collect();
    html! {
        h2 id="throughput" { "Throughput against the takt" }
        table {
            tr {
                th { "scenario" } th { "replications" }
                @for f in &headline { th { (f.headline.unwrap_or(f.name)) } }
                th { "target [robots per day]" }
                th { "MSER-5 warm-up [h]" }
            }
            @for e in entries {
                tr {
                    td { a href={ "#" (e.slug) } { (e.scenario.name) } }
                    td { (e.study.replications) }
                    @for f in &headline { td { (headline_cell(e, f)) } }
                    td { (format!("{:.0}", e.scenario.target_per_hour() * 24.0)) }
                    // MSER-5 looks for the end of the start-up transient; in
                    // a disrupted scenario it reacts to the disruption instead.
                    td {
                        @if e.scenario.disruptions.is_empty() {
                            (e.study.mser5_warmup_h.map_or("–".into(), |v| format!("{v:.0}")))
                        } @else {
                            "– (disrupted)"
                        }
                    }
                }
            }
        }
        p.note {
            "MSER-5 warm-up: the hour after which the mean hourly output shows no start-up \
             transient, shown for undisrupted scenarios only (a disruption is not a transient to cut off)."
        }
    }
}

/// What each plan costs a year while nothing goes wrong: the running cost
/// of its undisrupted run (the twin's, for a disrupted scenario); shown when
/// any scenario has costs.
fn running_costs(entries: &[StudyEntry]) -> Markup {
    let name = Run::RunningCostPerYear.name();
    let cost = |e: &StudyEntry| {
        let undisrupted = if e.scenario.disruptions.is_empty() {
            e.aggregate.figure(name)
        } else {
            e.aggregate.twin_figure(name)
        };
        undisrupted.filter(|i| i.mean.is_some_and(f64::is_finite))
    };
    if entries.iter().all(|e| cost(e).is_none()) {
        return html! {};
    }
    html! {
        h2 id="running-costs" { "What each plan costs a year" }
        table {
            tr {
                th { "scenario" } th { "running cost per year" } th { "currency" }
                th { "counted over [days after the warm-up]" }
            }
            @for e in entries {
                tr {
                    td { a href={ "#" (e.slug) } { (e.scenario.name) } }
                    td { (cost(e).map_or("–".into(), |i| money_pm(i.mean, i.half_width, ""))) }
                    td { (e.scenario.costs.as_ref().map_or("", |c| c.currency.as_str())) }
                    td { (format!("{:.1}", (e.scenario.horizon - e.scenario.warmup) / crate::time::DAY)) }
                }
            }
        }
        p.note {
            "Holding, freight, emergency premiums, purchases at each supplier's unit price, standby \
             fees and overtime of the undisrupted run over the days counted, scaled to 365 days \
             (docs/model.md, section 10); taktline run breaks it down route by route. The cost of \
             a disruption, below, comes on top of it, once per occurrence."
        }
    }
}

/// A paired figure's cell: the estimate, with the share of replications
/// where it is undefined (a line that survived, a recovery past the horizon).
fn paired_cell(
    f: &PairedFigure,
    p: Option<&crate::experiment::aggregate::PartialInterval>,
    currency: &str,
) -> String {
    let digits = if matches!(f.unit, "money" | "robot-h") {
        0
    } else {
        1
    };
    let pm = |i: &Interval, digits: usize| match (f.unit, i.mean, i.half_width) {
        ("money", Some(_), _) => money_pm(i.mean, i.half_width, currency),
        ("share", Some(m), _) => percent(m),
        _ => pm(i, digits),
    };
    p.map_or("–".to_string(), |p| {
        let total = p.estimate.n + p.undefined;
        match f.undefined {
            Some(what) if p.estimate.n == 0 => format!("{what} in every replication"),
            Some(what) if p.over_subset() => format!(
                "{} (over the {} of {total} replications where it is defined; P({what}) {:.2})",
                pm(&p.estimate, digits),
                p.estimate.n,
                p.share_undefined
            ),
            _ => pm(&p.estimate, digits),
        }
    })
}

/// The cost of each disruption, paired with the undisrupted twin.
fn disruption_costs(entries: &[StudyEntry], resilience_chart: bool) -> Markup {
    let disrupted: Vec<&StudyEntry> = entries
        .iter()
        .filter(|e| !e.study.resilience.is_empty())
        .collect();
    let with_costs = disrupted.iter().any(|e| e.scenario.costs.is_some());
    let shown: Vec<&PairedFigure> = figures::PAIRED
        .iter()
        .filter(|f| f.key != Paired::Cost || with_costs)
        .collect();
    html! {
        @if !disrupted.is_empty() {
            h2 id="disruption-costs" { "What each disruption costs" }
            p.note {
                "Paired with the undisrupted twin in every replication: mean ± 95% half-width. \
                 Robots lost, delay, lost sales, order lateness, extra trucks and cost are counted \
                 over each disruption's accounting window: from its start to the catch-up with the \
                 twin (at most the window's cap or the horizon); its length and the share of \
                 replications caught up within it are given, and where some were not, the pace \
                 at which they were catching up (docs/model.md, section 10). \
                 Where a figure is undefined in some replications (a line that survived, a recovery \
                 beyond the horizon), the mean is over the others and the share is given as P(...)."
            }
            table {
                tr {
                    th { "disruption" }
                    @for f in &shown { th { (f.heading) } }
                }
                @for e in &disrupted {
                    @for r in &e.study.resilience {
                        tr {
                            td {
                                a href={ "#" (e.slug) } { (r.disruption) }
                                @if r.random { " (random, per run)" }
                            }
                            @for f in &shown {
                                td { (paired_cell(f, r.get(f.key), e.scenario.costs.as_ref().map_or("", |c| c.currency.as_str()))) }
                            }
                        }
                    }
                }
            }
            @if resilience_chart {
                (figure(&format!("{}.png", ChartId::Resilience.stem()), ChartId::Resilience.caption()))
            }
        }
    }
}

/// The page's contents: the answer, the tables, then each scenario with
/// a link to each of its charts.
fn contents(entries: &[StudyEntry], tables: &[(&str, &str)]) -> Markup {
    html! {
        nav id="contents" {
            h2 { "Contents" }
            ul {
                li { a href="#answer" { "The answer" } }
                @for (id, text) in tables { li { a href={ "#" (id) } { (text) } } }
                @for e in entries {
                    li {
                        a href={ "#" (e.slug) } { (e.scenario.name) } ": "
                        @for (i, chart) in e.charts.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href={ "#" (e.slug) "-" (chart.id.stem()) } { (chart.id.stem().replace('-', " ")) }
                        }
                    }
                }
            }
        }
    }
}

/// The study's whole page.
pub fn render(entries: &[StudyEntry], title: &str, resilience_chart: bool) -> String {
    let throughput = throughput(entries);
    let service = service(entries);
    let running = running_costs(entries);
    let disruptions = disruption_costs(entries, resilience_chart);
    // The tables the page has, for its contents (a table left out for want
    // of data is not listed).
    let tables: Vec<(&str, &str)> = [
        ("throughput", "Throughput against the takt", &throughput),
        ("service", "Service to the customer", &service),
        ("running-costs", "What each plan costs a year", &running),
        (
            "disruption-costs",
            "What each disruption costs",
            &disruptions,
        ),
    ]
    .into_iter()
    .filter(|(_, _, m)| !m.0.is_empty())
    .map(|(id, text, _)| (id, text))
    .collect();
    page(
        title,
        html! {
            p.note {
                "Means over replications with 95% Student-t confidence intervals (±). Steady-state figures \
                 count after the warm-up. A disrupted scenario is compared with its undisrupted twin under \
                 common random numbers (same seeds and random streams)."
            }
            (contents(entries, &tables))
            h2 id="answer" { "The answer" }
            ul.answer {
                @for e in entries { li { (answer(e)) } }
            }
            (throughput)
            (service)
            (running)
            (disruptions)
            (files(None, Some("summary.json")))
            @for e in entries {
                h2 id=(e.slug) { (e.scenario.name) }
                @if !e.scenario.description.is_empty() {
                    p.note { (e.scenario.description) }
                }
                @for chart in &e.charts {
                    div id={ (e.slug) "-" (chart.id.stem()) } {
                        (figure(&format!("{}/{}.png", e.slug, chart.id.stem()), chart.id.caption()))
                    }
                }
                p {
                    "A row per replication: "
                    a href={ (e.slug) "/replications.csv" } { "replications.csv" }
                    " · " a href={ (e.slug) "/replications.parquet" } { "replications.parquet" }
                    " · " a href="#contents" { "contents" }
                }
            }
        },
    )
}
