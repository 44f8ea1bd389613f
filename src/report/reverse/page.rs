//! The reverse stress test's `index.html`: the mildest breaking failure
//! first, with its direct run; then the top combinations; then the chart.

use std::path::{Path, PathBuf};

use maud::{Markup, html};

use super::words::{described, plausibility, plausibility_short};
use crate::atomic_file::WriteError;
use crate::experiment::reverse::{Combination, Point, ReverseResult, one_day_of_output};
use crate::report::html::{self, figure, files, page};
use crate::report::numbers::{money, money_pm};
use crate::report::{ChartId, percent};
use crate::scenario::Scenario;

/// Rows of the table of combinations.
const ROWS: usize = 20;

/// The target in words: "120 robots (one day of output at takt)".
fn target(scenario: &Scenario, result: &ReverseResult) -> String {
    let day = if result.lose == one_day_of_output(scenario) {
        " (one day of output at takt)"
    } else {
        ""
    };
    format!("{} robots{day}", money(result.lose as f64, ""))
}

fn share(p: Option<Point>) -> String {
    p.map_or("–".into(), |p| percent(p.share_reaching))
}

fn lost(p: Option<Point>) -> String {
    p.map_or("–".into(), |p| format!("{:.1}", p.robots_lost))
}

/// The direct run's confirmation of `c`, in a sentence.
fn confirmation(c: &Combination, currency: &str) -> Markup {
    let Some(v) = &c.verified else {
        return html! {};
    };
    let cost = v.cost.map_or(String::new(), |i| {
        format!(", costing {}", money_pm(i.mean, i.half_width, currency))
    });
    let figures = format!(
        "{} robots lost, {} of replications reaching the target{cost}",
        html::pm(&v.robots_lost, 1),
        percent(v.share_reaching)
    );
    html! {
        @if v.breaks {
            p.answer { "A direct run from t = 0 (no fork) confirms it: " (figures) "." }
        } @else {
            p.answer.risk { "A direct run from t = 0 does not confirm it: " (figures) "." }
        }
    }
}

/// The answer: the mildest breaking failure, or that none breaks.
fn answer(scenario: &Scenario, result: &ReverseResult, currency: &str) -> Markup {
    let partial = result.capacity.is_some();
    let first = result.mildest().next();
    let by_duration = result
        .mildest()
        .filter(|c| c.sum_ttrs.is_some())
        .min_by(|a, b| {
            a.sum_ttrs
                .unwrap_or(0.0)
                .total_cmp(&b.sum_ttrs.unwrap_or(0.0))
        });
    let most = result
        .combinations
        .iter()
        .filter_map(|c| Some((c, c.to_horizon?.robots_lost)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    html! {
        h2 { "The answer" }
        @match first {
            Some(c) => {
                p.answer {
                    "The mildest failure that loses " (target(scenario, result)) " in "
                    (percent(result.share)) " of replications: " b { (described(c, partial)) }
                    "; " (plausibility(c)) "."
                }
                @if let Some(d) = by_duration.filter(|d| d.name != c.name) {
                    p.answer {
                        "By length alone the mildest is " b { (described(d, partial)) }
                        " (" (format!("{:.2}", d.sum_ttrs.unwrap_or(0.0))) " TTRs in all)."
                    }
                }
                (confirmation(c, currency))
            }
            None => {
                p.answer {
                    b { "No combination of up to " (result.k) " nodes loses " (target(scenario, result)) }
                    " in " (percent(result.share)) " of replications, even failing until the horizon"
                    @if let Some((c, x)) = most {
                        "; the most lost is " (money(x, "")) " robots on average, " (c.name) " failing to the horizon"
                    }
                    "."
                }
            }
        }
    }
}

/// How the test was run and what its words mean.
fn method(result: &ReverseResult) -> String {
    format!(
        "Every combination of 1 to {k} distinct nodes fails together from {start:.0} h (day {day:.1}), \
each for the same multiple of its time to recover (TTR), under common random numbers against the same runs \
without the outages, {n} replications per evaluation. A combination breaks the target where at least {share} \
of replications lose {lose} robots or more (robots lost: the gap behind the twin when the accounting window \
closes). Its shortest breaking outage is found by bisection on a grid that resolves every node's duration to \
{res:.2} h; a combination's search starts at the breaking outage of its sub-combinations, checked by one \
evaluation (where it does not break there, the whole range is searched), so no combination is skipped. \
Combinations whose nodes stop the same supplier, route or station (a group and its member) are not distinct \
failures and are left out. Ranked by plausibility: where every node has hazards, the product over its nodes of \
the yearly frequency of an event at least that long (largest first; for two or more nodes a ranking, not a \
joint frequency); the rest by the sum of their outages in TTRs (smallest first). The top combinations are \
verified by a direct run from t = 0.",
        k = result.k,
        start = result.start_h,
        day = result.start_h / 24.0,
        n = result.replications,
        share = percent(result.share),
        lose = result.lose,
        res = result.resolution_h,
    )
}

/// The top combinations, in rank order.
fn table(result: &ReverseResult, currency: &str) -> Markup {
    let partial = result.capacity.is_some();
    html! {
        table {
            tr {
                th rowspan="2" { "rank" } th.what rowspan="2" { "failing together" } th rowspan="2" { "nodes" }
                th rowspan="2" { "breaks at [× TTR]" } th rowspan="2" { "plausibility" }
                th colspan="3" { "searched (forked at the start)" } th colspan="3" { "direct run from t = 0" }
            }
            tr {
                th { "robots lost" } th { "reaching the target" } th { "one step shorter: reaching" }
                th { "robots lost" } th { "reaching the target" } th { "cost" (currency) }
            }
            @for (rank, c) in result.mildest().take(ROWS).enumerate() {
                tr {
                    td { (rank + 1) }
                    td.what { (described(c, partial)) }
                    td { (c.k) }
                    td { (c.breaking_ttrs.map_or("–".into(), |x| format!("{x:.2}"))) }
                    td { (plausibility_short(c)) }
                    td { (lost(c.at_breaking)) }
                    td { (share(c.at_breaking)) }
                    td { (share(c.just_shorter)) }
                    @match &c.verified {
                        Some(v) => {
                            td { (html::pm(&v.robots_lost, 1)) }
                            td { (percent(v.share_reaching)) }
                            td { (v.cost.map_or("–".into(), |i| money_pm(i.mean, i.half_width, ""))) }
                        }
                        None => { td { "–" } td { "–" } td { "–" } }
                    }
                }
            }
        }
    }
}

/// What the table leaves out, in a line.
fn rest(result: &ReverseResult) -> String {
    let breaking = result.breaking().count();
    let mildest = result.mildest().count();
    let never = result.combinations.len() - breaking;
    if breaking == 0 {
        return format!(
            "None of the {} combinations breaks the target within the horizon; every one is in reverse.csv.",
            result.combinations.len()
        );
    }
    let mut parts = vec![format!(
        "{breaking} of {} combinations break the target; {mildest} of them sooner than any part of them alone \
({} shown), the other {} only as soon as a part of them does (the extra nodes buy nothing); {never} never \
break within the horizon",
        result.combinations.len(),
        mildest.min(ROWS),
        breaking - mildest
    )];
    if let Some(first) = result.overlapping.first() {
        parts.push(format!(
            "{} left out as overlapping (nodes stopping the same supplier, route or station, e.g. {first})",
            result.overlapping.len()
        ));
    }
    format!("{}. Every combination is in reverse.csv.", parts.join("; "))
}

/// The reverse stress test's whole page; `charts` are the charts written.
pub fn render(scenario: &Scenario, result: &ReverseResult, charts: &[ChartId]) -> String {
    let currency = scenario
        .costs
        .as_ref()
        .map_or(String::new(), |c| format!(" {}", c.currency));
    page(
        &format!("Reverse stress test: {}", result.scenario),
        html! {
            (answer(scenario, result, currency.trim()))
            p.note { (method(result)) }
            @if result.mildest().next().is_some() {
                (table(result, &currency))
            }
            p.note { (rest(result)) }
            @if charts.contains(&ChartId::ReverseBreaking) {
                (figure("reverse-breaking.png", ChartId::ReverseBreaking.caption()))
            }
            (files(Some("reverse"), Some("reverse.json")))
        },
    )
}

/// Writes `index.html`: the answer first, then the table, then the chart.
pub fn write_index(
    out: &Path,
    scenario: &Scenario,
    result: &ReverseResult,
    charts: &[ChartId],
) -> Result<PathBuf, WriteError> {
    html::write_index(out, &render(scenario, result, charts))
}
