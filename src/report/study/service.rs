//! The study page's service table: of the orders due after the warm-up,
//! the share delivered by their promise, how many were late or lost and
//! how late, per scenario (and its twin's share where it is disrupted).

use maud::{Markup, html};

use super::StudyEntry;
use crate::report::html::pm;
use crate::report::service::promise_in_words;
use crate::stats::Interval;
use crate::stats::figures::Run;

/// A figure's estimate, scaled as shown.
fn cell(i: Option<Interval>, scale: f64, digits: usize) -> String {
    i.map_or("–".into(), |i| pm(&i.scaled(scale), digits))
}

/// The table, one row per scenario.
pub(super) fn service(entries: &[StudyEntry]) -> Markup {
    let any_twin = entries.iter().any(|e| !e.scenario.disruptions.is_empty());
    let get = |e: &StudyEntry, key: Run| e.aggregate.figure(key.name());
    html! {
        h2 id="service" { "Service to the customer" }
        table {
            tr {
                th { "scenario" }
                th { "an order is promised" }
                th { "orders on time [%]" }
                @if any_twin { th { "twin: on time [%]" } }
                th { "orders late" }
                th { "orders lost" }
                th { "late by, median [h]" }
                th { "late by, 95th percentile [h]" }
            }
            @for e in entries {
                tr {
                    td { a href={ "#" (e.slug) } { (e.scenario.name) } }
                    td { (promise_in_words(e.scenario)) }
                    td { (cell(get(e, Run::OnTimeShare), 100.0, 1)) }
                    @if any_twin {
                        td {
                            @if e.scenario.disruptions.is_empty() { "–" }
                            @else { (cell(e.aggregate.twin_figure(Run::OnTimeShare.name()), 100.0, 1)) }
                        }
                    }
                    td { (cell(get(e, Run::OrdersLate), 1.0, 0)) }
                    td { (cell(get(e, Run::OrdersLost), 1.0, 0)) }
                    td { (cell(get(e, Run::LatenessP50H), 1.0, 1)) }
                    td { (cell(get(e, Run::LatenessP95H), 1.0, 1)) }
                }
            }
        }
        p.note {
            "Every robot due is an order, served first in, first out. An order is on time when \
             its robot is completed by its promised instant, late when after it (or still open \
             past it at the horizon, counting its lateness so far), lost when not completed \
             within the scenario's costs.lost_after. Counted over the orders due after the \
             warm-up, per replication; the lateness percentiles are each replication's over its \
             late orders, averaged over the replications where some order was late \
             (docs/model.md, \"Service to the customer\"). The share of days reaching the daily \
             target is not shown here: after a disruption the catch-up days exceed the target, \
             so it can rise while customers wait longer (it stays in summary.json)."
        }
    }
}
