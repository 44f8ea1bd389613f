//! The comparison as a planner reads it: the answer in one sentence, then
//! each plan's yearly cost broken down.

use std::fmt::Write as _;

use crate::experiment::compare::{Comparison, Difference, RUNNING_KINDS, Verdict};
use crate::report::numbers::{money, money_pm, percent, percent_pm};
use crate::stats::Estimate;

/// `mean ± half-width` in money.
pub(super) fn amount(e: &Estimate, currency: &str) -> String {
    money_pm(Some(e.mean), Some(e.half_width), currency)
}

/// A difference as "X more" or "X less", with its interval.
fn more_or_less(d: &Difference, currency: &str) -> String {
    let e = &d.estimate;
    let word = if e.mean < 0.0 { "less" } else { "more" };
    let shown = Estimate {
        mean: e.mean.abs(),
        ..*e
    };
    format!("{} {word}", amount(&shown, currency))
}

/// "the one comparison" or "all 6 comparisons".
pub(super) fn comparisons(n: usize) -> String {
    if n == 1 {
        "the one comparison".into()
    } else {
        format!("all {n} comparisons")
    }
}

/// The answer, first on the page and the terminal.
pub fn answer(c: &Comparison) -> String {
    let cur = c.currency.as_str();
    let cheapest = &c.plans[c.cheapest];
    let base = &c.plans[0];
    let confidence = percent(c.adjusted_level);
    let mut out = String::new();
    match &c.verdict {
        Verdict::Winner { plan } => {
            let _ = write!(
                out,
                "{plan} is cheapest: {} a year in total",
                amount(&cheapest.total, cur)
            );
            if let Some(d) = c
                .against_base
                .iter()
                .find(|d| c.cheapest != 0 && &d.plan == plan)
            {
                let _ = write!(out, ", {} than {}", more_or_less(d, cur), base.plan);
            }
            // The base is named above already when the winner is not the base.
            let rivals: Vec<String> = c
                .against_cheapest
                .iter()
                .filter(|d| c.cheapest == 0 || d.plan != base.plan)
                .map(|d| format!("{} costs {}", d.plan, more_or_less(d, cur)))
                .collect();
            let _ = write!(
                out,
                "{}{}. Each rival costs more, {confidence} sure over {} ({} hazard years).",
                if rivals.is_empty() { "" } else { "; " },
                rivals.join("; "),
                comparisons(c.comparisons),
                c.years
            );
        }
        Verdict::Tied {
            cheapest: name,
            with,
        } => {
            let _ = write!(
                out,
                "No plan is significantly cheapest. {name} has the lowest mean total, {} a year, but cannot be told from {} at {confidence} over {} ({} hazard years): run more --years to separate them, or take the simpler plan.",
                amount(&cheapest.total, cur),
                with.join(", "),
                comparisons(c.comparisons),
                c.years
            );
        }
    }
    out
}

/// The terminal report.
pub fn render(c: &Comparison) -> String {
    let cur = c.currency.as_str();
    let w = c
        .plans
        .iter()
        .map(|p| p.plan.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = String::new();
    let _ = writeln!(out, "\n{}\n", answer(c));
    let _ = writeln!(
        out,
        "Per plan, a year ({} hazard years each, the same years for every plan; mean ± 95% half-width, {cur}):",
        c.years
    );
    let _ = writeln!(
        out,
        "  {:<w$} {:>24} {:>24} {:>24} {:>14} {:>14}",
        "plan", "running cost", "expected annual loss", "total", "VaR 95", "CVaR 95"
    );
    for p in &c.plans {
        let _ = writeln!(
            out,
            "  {:<w$} {:>24} {:>24} {:>24} {:>14} {:>14}",
            p.plan,
            amount(&p.running.total, ""),
            amount(&p.annual_loss.expected, ""),
            amount(&p.total, ""),
            money(p.annual_loss.var_95, ""),
            money(p.annual_loss.cvar_95, "")
        );
    }
    let _ = writeln!(
        out,
        "\nOrders delivered by their promise, over the hazard years [%]:"
    );
    for p in &c.plans {
        let shown = percent_pm(p.on_time.mean, p.on_time.half_width);
        let _ = writeln!(out, "  {:<w$} {shown}", p.plan);
    }
    let _ = writeln!(out, "\nRunning cost by kind ({cur} a year):");
    let _ = write!(out, "  {:<w$}", "plan");
    for kind in RUNNING_KINDS {
        let _ = write!(out, " {kind:>12}");
    }
    let _ = writeln!(out);
    for p in &c.plans {
        let _ = write!(out, "  {:<w$}", p.plan);
        for (_, e) in p.running.kinds() {
            let _ = write!(out, " {:>12}", money(e.mean, ""));
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "\nTotal against the base, {} (paired by hazard year):",
        c.plans[0].plan
    );
    for d in &c.against_base {
        let _ = writeln!(out, "  {:<w$} {}", d.plan, more_or_less(d, cur));
    }
    let own: Vec<_> = c
        .plans
        .iter()
        .filter(|p| !p.disruptions.is_empty())
        .collect();
    if !own.is_empty() {
        let _ = writeln!(
            out,
            "\nEach plan's own disruptions, per occurrence ({} replications against the twin):",
            c.replications
        );
        for p in own {
            for r in &p.disruptions {
                let get = |k| r.get(k).and_then(|f| f.estimate.mean);
                use crate::stats::figures::Paired;
                let _ = writeln!(
                    out,
                    "  {:<w$} {}: {}, window {:.0} h, caught up in {}",
                    p.plan,
                    r.disruption,
                    get(Paired::Cost).map_or("–".into(), |v| money(v, cur)),
                    get(Paired::WindowH).unwrap_or(f64::NAN),
                    get(Paired::CaughtUp).map_or("–".into(), percent),
                );
            }
        }
    }
    out
}
