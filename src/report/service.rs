//! Service to the customer in words, shared by a run's text and a study's
//! page: when orders are promised, and what became of them.

use std::fmt::Write;

use super::numbers::grouped;
use crate::scenario::Scenario;
use crate::stats::ServiceSummary;
use crate::time::format_span;

/// When an order is promised, as the scenario says or by default:
/// "8h after it falls due", "8h of working time after it falls due".
pub(crate) fn promise_in_words(scenario: &Scenario) -> String {
    let line = &scenario.line;
    let lead = format_span(line.promised_lead_time());
    let working = if line.work.is_some() {
        " of working time"
    } else {
        ""
    };
    let default = if line.promise.is_none() {
        " (the line's touch time, its stations' mean process times; set \
         line.promised_lead_time to your promise)"
    } else {
        ""
    };
    format!("{lead}{working} after it falls due{default}")
}

/// The lateness of the late orders: "median 0.3 h, 95th percentile 1.0 h".
pub(crate) fn lateness_in_words(p50_h: f64, p95_h: f64) -> String {
    if p50_h.is_finite() {
        format!("median {p50_h:.1} h, 95th percentile {p95_h:.1} h late")
    } else {
        "none late".into()
    }
}

/// The run report's section: orders on time, late and lost, and against
/// the twin where there is one.
pub(crate) fn service_section(
    out: &mut String,
    scenario: &Scenario,
    s: &ServiceSummary,
    twin: Option<&ServiceSummary>,
) {
    let _ = writeln!(
        out,
        "\nService to the customer (orders due after warm-up; each promised {})",
        promise_in_words(scenario)
    );
    let share = |s: &ServiceSummary| {
        if s.on_time_share.is_finite() {
            format!("{:.1} %", 100.0 * s.on_time_share)
        } else {
            "–".into()
        }
    };
    let against = twin.map_or(String::new(), |t| format!("   twin {}", share(t)));
    let _ = writeln!(
        out,
        "  orders on time (fill rate)   {:>8}  ({} of {}){against}",
        share(s),
        grouped(s.on_time as f64, 0),
        grouped(s.orders as f64, 0)
    );
    let _ = writeln!(
        out,
        "  orders late                  {:>8}  {}",
        grouped(s.late as f64, 0),
        lateness_in_words(s.lateness_p50_h, s.lateness_p95_h)
    );
    let lost_after = scenario.costs.as_ref().and_then(|c| c.lost_after).map_or(
        "never lost: the scenario sets no costs.lost_after".into(),
        |t| format!("not delivered within {} of falling due", format_span(t)),
    );
    let _ = writeln!(
        out,
        "  orders lost                  {:>8}  {lost_after}",
        grouped(s.lost as f64, 0)
    );
}
