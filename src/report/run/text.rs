//! The readable report printed by `taktline run`.

use std::fmt::Write;

use crate::experiment::RunOutcome;
use crate::report::numbers::money;
use crate::report::service::service_section;
use crate::report::verdict::TaktVerdict;
use crate::scenario::{Policy, Scenario};
use crate::stats::{Resilience, RunSummary, RunningCost};
use crate::time::format_span;

fn hours(h: Option<f64>, none: &str) -> String {
    h.map_or_else(|| none.to_string(), |h| format!("{h:.1} h"))
}

/// Renders the report of one replication (and its twin, if any).
pub fn render(scenario: &Scenario, outcome: &RunOutcome) -> String {
    let mut out = String::new();
    let s = &outcome.summary;
    let _ = writeln!(out, "taktline · {}", s.scenario);
    if !scenario.description.is_empty() {
        let _ = writeln!(out, "{}", scenario.description);
    }
    let _ = writeln!(
        out,
        "source {} · seed {} · replication {} · horizon {} · warm-up {}",
        scenario.source,
        s.seed,
        s.replication,
        format_span(scenario.horizon),
        format_span(scenario.warmup)
    );
    let currency = scenario.costs.as_ref().map_or("", |c| c.currency.as_str());
    run_section(&mut out, s, currency);
    service_section(
        &mut out,
        scenario,
        &s.service,
        outcome.twin.as_ref().map(|t| &t.summary.service),
    );
    running_cost_section(&mut out, scenario, outcome);
    if let Some(twin) = &outcome.twin {
        twin_section(&mut out, scenario, s, &twin.summary, &twin.resilience);
        if twin.unlisted > 0 {
            let _ = writeln!(
                out,
                "\n  ... and {} more occurrences, not listed one by one (a batch measures each random disruption over all its occurrences)",
                twin.unlisted
            );
        }
    }
    out
}

fn run_section(out: &mut String, s: &RunSummary, currency: &str) {
    let t = &s.throughput;
    let _ = writeln!(out, "\nThroughput against takt (after warm-up)");
    let _ = writeln!(
        out,
        "  robots per hour              {:>8.2}   target {:.2}",
        t.per_hour, t.target_per_hour
    );
    let _ = writeln!(
        out,
        "  robots per day               {:>8.1}   target {:.0}",
        t.per_day, t.target_per_day
    );
    // With a calendar the takt counts working time only: so does the gap
    // set beside it (over all the time, a two-shift line looks half as fast).
    let working_share = t.target_per_hour * t.takt_min / 60.0;
    if working_share < 1.0 - 1e-9 && working_share > 0.0 {
        let _ = writeln!(
            out,
            "  mean time between completions {:>7.2} min of working time   takt {:.1} min ({:.2} min over all the time)",
            t.mean_time_between_completions_min * working_share,
            t.takt_min,
            t.mean_time_between_completions_min
        );
    } else {
        let _ = writeln!(
            out,
            "  mean time between completions {:>7.2} min   takt {:.1} min",
            t.mean_time_between_completions_min, t.takt_min
        );
    }
    // Undefined (not "NaN %") when nothing fell due.
    let attainment = if t.attainment.is_finite() {
        format!("{:>8.1} %", 100.0 * t.attainment)
    } else {
        format!("{:>8} %", "–")
    };
    let _ = writeln!(
        out,
        "  takt attainment              {attainment}  ({} completed of {} due)",
        t.completed, t.due
    );
    let _ = writeln!(
        out,
        "  schedule backlog at horizon  {:>8} robots",
        t.backlog_at_end
    );
    let verdict = TaktVerdict::new(
        t.per_day,
        None,
        t.target_per_day,
        s.stations
            .iter()
            .map(|st| (st.name.as_str(), st.busy, st.off_shift)),
    );
    let _ = writeln!(out, "  verdict: {}", verdict.sentence());

    let _ = writeln!(out, "\nLead time and work in process (after warm-up)");
    let _ = writeln!(
        out,
        "  lead time (release to completion)  mean {:.2} h, max {:.2} h, {} robots",
        s.lead_time.mean_h, s.lead_time.max_h, s.lead_time.robots
    );
    let _ = writeln!(
        out,
        "  WIP  mean {:.2} robots; Little's law: {:.3}/h x {:.3} h = {:.2}",
        s.wip.mean, t.per_hour, s.lead_time.mean_h, s.wip.littles_law_estimate
    );

    let _ = writeln!(out, "\nStations (share of time after warm-up)");
    let _ = writeln!(
        out,
        "  {:<8} {:>7} {:>8} {:>8} {:>8} {:>7} {:>9}",
        "station", "busy", "blocked", "starved", "parts", "down", "off-shift"
    );
    for st in &s.stations {
        let pct = |f: f64| format!("{:.1}%", 100.0 * f);
        let _ = writeln!(
            out,
            "  {:<8} {:>7} {:>8} {:>8} {:>8} {:>7} {:>9}",
            st.name,
            pct(st.busy),
            pct(st.blocked),
            pct(st.starved),
            pct(st.starved_for_parts),
            pct(st.down),
            pct(st.off_shift)
        );
    }

    if !s.parts.is_empty() {
        let _ = writeln!(
            out,
            "\nParts (stock at the horizon; mean on hand after warm-up)"
        );
        let _ = writeln!(
            out,
            "  {:<18} {:>11} {:>9} {:>9} {:>9} {:>11} {:>13} {:>9} {:>11}",
            "part",
            "stockout h",
            "received",
            "consumed",
            "on hand",
            "in transit",
            "mean on hand",
            "cover d",
            "value"
        );
        for p in &s.parts {
            let _ = writeln!(
                out,
                "  {:<18} {:>11.1} {:>9} {:>9} {:>9} {:>11} {:>13.0} {:>9.2} {:>11}",
                p.name,
                p.stockout_h,
                p.received,
                p.consumed,
                p.on_hand_at_end,
                p.in_transit_at_end,
                p.mean_on_hand,
                p.days_of_cover,
                p.on_hand_value.map_or("–".to_string(), |v| money(v, ""))
            );
        }
        if let Some(h) = s.holding_cost_per_day {
            let _ = writeln!(
                out,
                "  holding cost of the stock: {} per day",
                money(h, currency)
            );
        }
    }

    if !s.routes.is_empty() {
        let _ = writeln!(out, "\nTrucks");
        let _ = writeln!(
            out,
            "  {:<18} {:>7} {:>9} {:>10}",
            "route", "trucks", "shipped", "mean load"
        );
        for r in &s.routes {
            let _ = writeln!(
                out,
                "  {:<18} {:>7} {:>9} {:>10.0}",
                r.name, r.trucks, r.shipped, r.mean_load
            );
        }
    }
    if !s.models.is_empty() {
        let _ = writeln!(out, "\nModels (robots per day and lead time after warm-up)");
        let _ = writeln!(
            out,
            "  {:<14} {:>9} {:>9} {:>12}  parts used (per robot)",
            "model", "completed", "per day", "lead time h"
        );
        for m in &s.models {
            let parts: Vec<String> = m
                .parts_used
                .iter()
                .zip(&m.per_robot)
                .filter(|((_, used), (_, per))| *used > 0 || *per > 0)
                .map(|((name, used), (_, per))| format!("{name} {used} ({per})"))
                .collect();
            let _ = writeln!(
                out,
                "  {:<14} {:>9} {:>9.1} {:>12.2}  {}",
                m.name,
                m.completed,
                m.per_day,
                m.lead_time_mean_h,
                parts.join(", ")
            );
        }
    }
    if let Some(o) = &s.overtime {
        let _ = writeln!(
            out,
            "\nOvertime: {:.1} h in {} stretches{}{}",
            // + 0.0: no "-0.0 h" for an empty sum of stretches.
            o.hours + 0.0,
            o.stretches,
            o.cost
                .map_or(String::new(), |c| format!(", cost {}", money(c, currency))),
            match (o.robots_recovered, o.delay_saved_robot_h) {
                (Some(r), Some(d)) => format!(
                    "\n  against the same run without overtime: {r} robots more by the horizon, {d:.0} robot-h less lateness"
                ),
                _ => String::new(),
            },
        );
    }
    if s.test.tests > 0 {
        let _ = writeln!(
            out,
            "\nTest: {} tests, {} failed, observed first-pass yield {:.3}{}",
            s.test.tests,
            s.test.failed,
            s.test.observed_yield,
            if s.test.scrapped > 0 {
                format!("; {} robots scrapped", s.test.scrapped)
            } else {
                String::new()
            }
        );
    }
}

/// What the plan costs a year while nothing goes wrong, by kind.
fn running_cost_section(out: &mut String, scenario: &Scenario, outcome: &RunOutcome) {
    // A plan's running cost is its undisrupted run's: the twin's, if any.
    let (undisrupted, whose) = match &outcome.twin {
        Some(t) => (&t.summary, " (of the undisrupted twin)"),
        None => (&outcome.summary, ""),
    };
    if let (Some(c), Some(costs)) = (&undisrupted.running_cost, &scenario.costs) {
        let m = |v: f64| money(v, &costs.currency);
        let _ = writeln!(
            out,
            "
Running cost per year{whose}, scaled from the {} after the warm-up",
            format_span(scenario.horizon - scenario.warmup)
        );
        for (what, v) in [
            ("holding", c.holding),
            ("freight", c.freight),
            ("emergency trucks", c.emergency),
            ("purchases", c.purchases),
            ("standby fees", c.standby),
            ("overtime", c.overtime),
        ] {
            let _ = writeln!(out, "  {what:<18} {:>16}", m(v));
            if what == "freight" || what == "emergency trucks" {
                route_lines(out, scenario, c, what == "emergency trucks", &m);
            }
        }
        let _ = writeln!(out, "  {:<18} {:>16}", "total", m(c.total));
    }
}

/// One line per route under its freight kind: trucks a year and their cost.
fn route_lines(
    out: &mut String,
    scenario: &Scenario,
    c: &RunningCost,
    emergency: bool,
    m: &dyn Fn(f64) -> String,
) {
    for (route, f) in scenario.routes.iter().zip(&c.by_route) {
        let is_emergency = matches!(route.policy, Policy::Emergency { .. });
        if is_emergency == emergency && f.trucks > 0.0 {
            let _ = writeln!(
                out,
                "    {:<24} {:>7.0} trucks {:>16}",
                f.route,
                f.trucks,
                m(f.cost)
            );
        }
    }
}

fn twin_section(
    out: &mut String,
    scenario: &Scenario,
    s: &RunSummary,
    twin: &RunSummary,
    res: &[Resilience],
) {
    let _ = writeln!(
        out,
        "\nAgainst the undisrupted twin (same seed and random streams)"
    );
    let _ = writeln!(
        out,
        "  completed by the horizon   {} disrupted vs {} undisrupted",
        s.throughput.completed, twin.throughput.completed
    );
    let _ = writeln!(
        out,
        "  robots per day             {:.1} vs {:.1}",
        s.throughput.per_day, twin.throughput.per_day
    );
    for r in res {
        let _ = writeln!(
            out,
            "\n  {} (from {:.1} h to {:.1} h)",
            r.disruption, r.start_h, r.end_h
        );
        let _ = writeln!(
            out,
            "    counted from {:.1} h to {:.1} h: {}",
            r.start_h,
            r.window_end_h,
            window_close(r)
        );
        let _ = writeln!(out, "    robots behind at its end     {}", r.robots_lost);
        let _ = writeln!(
            out,
            "    time to survive (TTS)        {}",
            hours(r.time_to_survive_h, "survived: output never fell behind")
        );
        let _ = writeln!(
            out,
            "    peak shortfall               {} robots",
            r.peak_shortfall
        );
        let _ = writeln!(
            out,
            "    time to recover (TTR)        {}",
            hours(r.time_to_recover_h, "not within the horizon")
        );
        let _ = writeln!(
            out,
            "    catch-up time                {}",
            hours(r.catch_up_h, "not within the horizon")
        );
        let _ = writeln!(
            out,
            "    lowest 24 h rolling output   {} robots (twin: {})",
            r.lowest_rolling_24h, r.twin_lowest_rolling_24h
        );
        let _ = writeln!(
            out,
            "    delay                        {:.1} robot-h",
            r.delay_robot_h
        );
        let _ = writeln!(
            out,
            "    lost sales                   {} orders",
            r.lost_sales
        );
        let _ = writeln!(
            out,
            "    order lateness               {:.1} robot-h",
            r.lateness_robot_h
        );
        let _ = writeln!(out, "    extra trucks                 {}", r.extra_trucks);
        if let (Some(cost), Some(c)) = (r.cost, &scenario.costs) {
            let _ = writeln!(
                out,
                "    cost against the twin        {}",
                money(cost, &c.currency)
            );
        }
    }
}

/// Why the accounting window closed where it did.
fn window_close(r: &Resilience) -> String {
    match (r.caught_up, r.time_to_survive_h, r.catch_up_pace_per_day) {
        (true, None, _) => "never behind its twin".into(),
        (true, Some(_), _) => "caught up with its twin".into(),
        (false, _, Some(pace)) if pace > 0.0 => format!(
            "NOT caught up when the window closed ({} behind, closing {pace:.1} robots/day: \
             about {:.0} days more)",
            r.robots_lost,
            r.robots_lost as f64 / pace
        ),
        (false, _, _) => format!(
            "NOT caught up when the window closed ({} behind, not closing)",
            r.robots_lost
        ),
    }
}
