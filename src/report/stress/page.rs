//! The stress test's `index.html`: the nodes at risk and the advice first,
//! then the table of every node, then the charts.

use std::path::{Path, PathBuf};

use crate::report::numbers::{grouped, money};
use maud::{Markup, html};

use crate::atomic_file::WriteError;
use crate::experiment::aggregate::PartialInterval;
use crate::experiment::stress::{HARMLESS_SHARE, NodeResult, StressResult};
use crate::report::ChartId;
use crate::report::html::{self, figure, files, page};
use crate::scenario::Scenario;
use crate::stats::figures::Paired;

fn shown(x: Option<f64>, digits: usize) -> String {
    x.filter(|v| v.is_finite())
        .map_or("–".into(), |v| grouped(v, digits))
}

fn pm(p: Option<&PartialInterval>, digits: usize) -> String {
    p.map_or("–".into(), |p| html::pm(&p.estimate, digits))
}

/// The share of replications of a 0/1 figure, as a percentage.
fn share(p: Option<&PartialInterval>) -> String {
    p.and_then(|p| p.estimate.mean)
        .map_or("–".into(), crate::report::percent)
}

/// The charts in the order the page shows them.
const SHOWN: [ChartId; 3] = [
    ChartId::StressTtsTtr,
    ChartId::StressRanking,
    ChartId::StressImpact,
];

/// The nodes at risk, then each node's advice.
fn answer(result: &StressResult, currency: &str) -> Markup {
    let at_risk: Vec<&NodeResult> = result.nodes.iter().filter(|n| n.at_risk).collect();
    let risk_line = |n: &NodeResult| {
        let cost = n.impact(Paired::Cost).map_or(String::new(), |c| {
            format!(", {}", money(c, currency.trim()))
        });
        format!(
            "{} (survives {:.1} h of a {:.0} h outage; {:.0} robots lost{cost})",
            n.node,
            n.tts_censored_mean_h,
            n.ttr_h,
            n.impact(Paired::RobotsLost).unwrap_or(0.0)
        )
    };
    html! {
        h2 { "The answer" }
        @if at_risk.is_empty() {
            p.answer {
                b { "No node is at risk" }
                ": every node's time to survive is at least its time to recover."
            }
        } @else {
            p.answer.risk {
                "At risk: " (at_risk.iter().map(|n| risk_line(n)).collect::<Vec<_>>().join("; ")) "."
            }
        }
        @for n in &result.nodes {
            @if let Some(a) = &n.advice {
                p.answer {
                    b { (n.node) } ": " (a.verdict)
                    @if let Some(cost) = a.holding_cost_per_year {
                        (format!("; the extra stock costs {} a year to hold", money(cost, currency.trim())))
                    }
                    @if let Some(prevented) = a.prevented_cost {
                        (format!(", against {} for one such outage", money(prevented, currency.trim())))
                    }
                    "."
                }
            }
        }
        @if let Some(p) = &result.advice_plan {
            p.answer {
                b { "All the advice together" }
                " (" (p.nodes.join(", ")) "; a stock that covers several nodes counted once, the largest): "
                (p.order_up_to.iter().map(|(r, now, to)| format!("{r} order-up-to {now} → {to}"))
                    .chain(p.on_hand.iter().map(|(part, now, to)| format!("{part} on hand {now} → {to}")))
                    .collect::<Vec<_>>().join("; "))
                @if let Some(h) = p.holding_cost_per_year {
                    "; holding " (money(h, currency.trim())) " a year"
                }
                ". To weigh it against doing nothing over a year of hazards: "
                code { "taktline compare BASE --plan '" (p.plan) "'" }
            }
        }
    }
}

/// How each node fails: outright, or down to a share of its capacity.
fn failure(result: &StressResult) -> String {
    match result.capacity {
        None => "Each node fails alone".to_string(),
        Some(f) => format!(
            "Each node drops alone to {} of its capacity (a supplier's rate, a station's speed; a route's trucks take {:.2}× as long), called its outage below,",
            crate::report::percent(f),
            1.0 / f
        ),
    }
}

/// How the test was run and what its words mean.
fn method(result: &StressResult) -> String {
    format!(
        "{} from {:.0} h (day {:.1}) under common random numbers, {} replications, \
against the same runs without the outage. Time to survive (TTS): from the start of an outage that lasts to the horizon \
to the first robot behind the twin (mean ± 95% half-width over replications that fell short; P(survived) the share that never did). \
Longest harmless outage: the longest outage with no shortfall in {:.0}% of replications, by bisection to {:.1} h. \
At risk: TTS (survivors counted at the horizon) shorter than the node's time to recover (TTR). Nodes ranked by {}.",
        failure(result),
        result.start_h,
        result.start_h / 24.0,
        result.replications,
        HARMLESS_SHARE * 100.0,
        result.resolution_h,
        if result.ranked_by == Paired::Cost.name() {
            "the cost of an outage as long as their TTR"
        } else {
            "robots lost in an outage as long as their TTR"
        }
    )
}

/// One row per node, in rank order.
fn table(result: &StressResult, currency: &str) -> Markup {
    html! {
        table {
            tr {
                th { "node" } th { "kind" } th { "TTR [h]" } th { "TTS [h]" } th { "P(survived)" }
                th { "TTS 5th percentile [h]" } th { "longest harmless outage [h]" }
                th { "robots lost at TTR" } th { "peak shortfall at TTR" }
                th { "delay at TTR [robot-h]" } th { "cost at TTR" @if !currency.trim().is_empty() { " [" (currency.trim()) "]" } }
                th { "caught up in the accounting window" } th { "at risk" }
            }
            @for n in &result.nodes {
                tr {
                    td { (n.node) }
                    td { (n.kind) }
                    td { (format!("{:.0}", n.ttr_h)) }
                    td { (pm(Some(&n.tts_h), 1)) }
                    td { (format!("{:.2}", n.tts_h.share_undefined)) }
                    td { (shown(n.tts_p5_h, 1)) }
                    td {
                        @if n.harmless_to_horizon {
                            (format!("{:.0} (to the horizon)", n.longest_harmless_h))
                        } @else {
                            (grouped(n.longest_harmless_h, 1))
                        }
                    }
                    td { (pm(n.impact_at_ttr.get(Paired::RobotsLost.name()), 1)) }
                    td { (pm(n.impact_at_ttr.get(Paired::PeakShortfall.name()), 1)) }
                    td { (pm(n.impact_at_ttr.get(Paired::DelayRobotH.name()), 0)) }
                    td { (pm(n.impact_at_ttr.get(Paired::Cost.name()), 0)) }
                    td { (share(n.impact_at_ttr.get(Paired::CaughtUp.name()))) }
                    td { @if n.at_risk { span.risk { "yes" } } @else { "no" } }
                }
            }
        }
    }
}

/// The stress test's whole page; `charts` are the charts written.
pub fn render(scenario: &Scenario, result: &StressResult, charts: &[ChartId]) -> String {
    let currency = scenario
        .costs
        .as_ref()
        .map_or(String::new(), |c| format!(" {}", c.currency));
    page(
        &format!("Stress test: {}", result.scenario),
        html! {
            (answer(result, &currency))
            p.note { (method(result)) }
            (table(result, &currency))
            @for chart in SHOWN {
                @if charts.contains(&chart) {
                    (figure(&format!("{}.png", chart.stem()), chart.caption()))
                }
            }
            (files(Some("stress"), Some("stress.json")))
        },
    )
}

/// Writes `index.html`: the answer first, then the table, then the charts.
pub fn write_index(
    out: &Path,
    scenario: &Scenario,
    result: &StressResult,
    charts: &[ChartId],
) -> Result<PathBuf, WriteError> {
    html::write_index(out, &render(scenario, result, charts))
}
