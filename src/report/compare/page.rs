//! The comparison's `index.html`: the answer, the breakdown, the charts.

use maud::{Markup, html};

use super::text::{amount, answer, comparisons};
use crate::experiment::compare::{Comparison, RUNNING_KINDS};
use crate::report::ChartId;
use crate::report::html::{figure, files, page};
use crate::report::numbers::{money, money_pm, percent, percent_pm};
use crate::stats::figures::Paired;

/// The page, with the charts that were drawn.
pub(super) fn render(c: &Comparison, charts: &[ChartId]) -> String {
    let cur = c.currency.as_str();
    let body = html! {
        p.answer { (answer(c)) }
        p.note {
            "Every plan ran the same " (c.years) " hazard years (one simulated year each, its hazards \
             arriving at random, against the same year without them, under common random numbers), \
             each counted over its whole 365 days from the end of the plan's warm-up (hour " (format!("{:.0}", c.plans[0].year_from_h))
            " to " (format!("{:.0}", c.plans[0].year_to_h)) " for the base; compare.json gives every plan's). \
             Running cost: what the plan costs a year while nothing goes wrong. Expected annual \
             loss (EAL): the mean over hazard years of what the hazards cost (lateness, lost sales, \
             extra freight and overtime against the year without them). Total = running cost + EAL. \
             Intervals are 95%; the verdict holds every pair of plans to " (percent(c.adjusted_level))
            " over " (comparisons(c.comparisons)) " (Bonferroni). Amounts in " (cur) " a year."
        }
        h2 { "What each plan costs a year" }
        table {
            tr {
                th { "plan" }
                @for kind in RUNNING_KINDS { th { (kind) } }
                th { "running cost" } th { "EAL" } th { "total" }
                th { "VaR 95" } th { "CVaR 95" } th { "against the base" } th { "against the cheapest" }
                th { "orders on time [%]" }
            }
            @for (i, p) in c.plans.iter().enumerate() {
                tr {
                    td { (p.plan) @if i == c.cheapest { " (cheapest)" } @if i == 0 { " (base)" } }
                    @for (_, e) in p.running.kinds() { td { (money(e.mean, "")) } }
                    td { (amount(&p.running.total, "")) }
                    td { (amount(&p.annual_loss.expected, "")) }
                    td { b { (amount(&p.total, "")) } }
                    td { (money(p.annual_loss.var_95, "")) }
                    td { (money(p.annual_loss.cvar_95, "")) }
                    td { (diff(c.against_base.iter().find(|d| d.plan == p.plan).map(|d| &d.estimate))) }
                    td { (diff(c.against_cheapest.iter().find(|d| d.plan == p.plan).map(|d| &d.estimate))) }
                    td { (percent_pm(p.on_time.mean, p.on_time.half_width)) }
                }
            }
        }
        (own_disruptions(c))
        @for id in charts {
            (figure(&format!("{}.png", id.stem()), id.caption()))
        }
        p.note { "Each plan's hazard years, losses and running costs are in compare.json." }
        (files(Some("compare"), Some("compare.json")))
    };
    page("Which plan costs least a year", body)
}

fn diff(e: Option<&crate::stats::Estimate>) -> String {
    e.map_or("–".into(), |e| {
        let sign = if e.mean > 0.0 { "+" } else { "" };
        format!("{sign}{}", amount(e, ""))
    })
}

/// Each plan's own scheduled disruptions, per occurrence.
fn own_disruptions(c: &Comparison) -> Markup {
    let cur = c.currency.as_str();
    let rows: Vec<_> = c
        .plans
        .iter()
        .flat_map(|p| p.disruptions.iter().map(move |r| (p, r)))
        .collect();
    html! {
        @if !rows.is_empty() {
            h2 { "What each plan's own disruptions cost, per occurrence" }
            p.note {
                "Over " (c.replications) " replications, each against its undisrupted twin, counted \
                 over its accounting window (to the catch-up, or the horizon). A cost per occurrence: \
                 the yearly figures above weigh the hazards by their frequency."
            }
            table {
                tr { th { "plan" } th { "disruption" } th { "cost" } th { "robots behind at the window's end" }
                     th { "accounting window [h]" } th { "caught up" } th { "horizon [h]" } }
                @for (p, r) in &rows {
                    @let get = |k| r.get(k).map(|f| f.estimate);
                    tr {
                        td { (p.plan) }
                        td { (r.disruption) }
                        td { (get(Paired::Cost).map_or("–".into(), |e| money_pm(e.mean, e.half_width, cur))) }
                        td { (get(Paired::RobotsLost).and_then(|e| e.mean).map_or("–".into(), |m| format!("{m:.1}"))) }
                        td { (get(Paired::WindowH).and_then(|e| e.mean).map_or("–".into(), |m| format!("{m:.0}"))) }
                        td { (get(Paired::CaughtUp).and_then(|e| e.mean).map_or("–".into(), percent)) }
                        td { (format!("{:.0}", p.horizon_h)) }
                    }
                }
            }
        }
    }
}
