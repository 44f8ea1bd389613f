//! The plan search's `index.html`: the answer, its verification (today's
//! plan against the plan found on fresh hazard years; the constraints
//! re-checked on the plan file as written), the selection, the charts and
//! every candidate.

use maud::{Markup, html};

use super::text::{answer, constraints, settings, shortfall};
use crate::experiment::plan::{Answer, PlanOutcome};
use crate::report::ChartId;
use crate::report::html::{figure, files, page};
use crate::report::numbers::{money, money_pm, percent};

/// Most candidates listed on the page (candidates.csv has them all).
const LISTED: usize = 60;

/// The page, with the charts that were drawn.
pub(super) fn render(o: &PlanOutcome, charts: &[ChartId]) -> String {
    let cur = o.currency.as_str();
    let rule = constraints(o);
    let body = html! {
        p.answer { (answer(o)) }
        @if let Some(file) = &o.plan_file {
            p { "The plan as a scenario file that extends the one searched: " a href=(file) { (file) }
                " (run it, view it, compare it, stress-test it like any scenario)." }
        }
        p.note {
            "How it was found: a compass search over the design space (" (o.space.levers.len()) " levers), each \
             candidate over the same " (o.search_years) " hazard years (its hazards arriving at random against the \
             same year without them, under common random numbers); then Kim and Nelson's procedure among the best \
             candidates on hazard years of its own, which picks the cheapest with probability at least "
            (o.selection.as_ref().map_or("95%".into(), |s| percent(s.pcs)))
            " wherever it is cheaper than the rest by the indifference zone, " (money(o.space.delta, cur)) " a year, or more; \
             then the plan and today's compared on fresh hazard years, so the figures above are not biased by the \
             selection. Total = running cost + expected annual loss (EAL) + the lateness and lost sales of the \
             plan's own undisrupted line beyond today's (its normal-time cost; 0 for today's plan). "
            @if !rule.is_empty() { "Constraints: " (rule) "." }
            @if !o.converged { " The search stopped at its budget of evaluations, before it converged: a larger --budget may find a cheaper plan." }
        }
        (verification(o))
        (rechecked(o))
        (selection(o))
        @for id in charts {
            (figure(&format!("{}.png", id.stem()), id.caption()))
        }
        (candidates(o))
        p.note { "Every candidate is in candidates.csv; the workbook has the plan, its check against today's and every candidate." }
        (files(Some("candidates"), Some("plan.json")))
    };
    page("The cheapest plan that keeps the line safe", body)
}

fn verification(o: &PlanOutcome) -> Markup {
    let cur = o.currency.as_str();
    let pm = |e: &crate::stats::Estimate| money_pm(Some(e.mean), Some(e.half_width), "");
    html! {
        @if let (Some(v), Some(f)) = (&o.verification, &o.fresh) {
            h2 { "Today's plan against the plan found, on " (v.years) " fresh hazard years" }
            table {
                tr { th { "plan" } th { "running cost" } th { "EAL" } th { "normal-time cost beyond today's" } th { "total" } th { "VaR 95" } th { "CVaR 95" } }
                @for (i, p) in v.plans.iter().enumerate() {
                    tr {
                        td { (p.plan) }
                        td { (pm(&p.running.total)) }
                        td { (pm(&p.annual_loss.expected)) }
                        td { @if i == 0 { "0 (the reference)" } @else { (pm(&f.normal)) } }
                        td { b { (pm(if i == 0 { &f.today } else { &f.total })) } }
                        td { (money(p.annual_loss.var_95, "")) }
                        td { (money(p.annual_loss.cvar_95, "")) }
                    }
                }
            }
            @let d = &f.difference;
            p { "The plan minus today's, paired by hazard year: "
                b { (money_pm(Some(d.mean), Some(d.half_width), cur)) } " a year"
                (if d.high < 0.0 { " (cheaper, significant at 95%)." } else if d.low > 0.0 { " (dearer, significant at 95%)." } else { " (not significant at 95%)." }) }
            p.note { "Normal-time cost beyond today's: the lateness and lost sales of the plan's own undisrupted line, \
                against today's in the same years, priced as the hazards' loss is; a plan that saves stock or trucks by \
                starving the line pays for it here." }
        }
    }
}

fn rechecked(o: &PlanOutcome) -> Markup {
    let limit = o.space.lose_at_most;
    let winner = match o.answer {
        Answer::Plan { winner, .. } => Some(o.candidate(winner)),
        Answer::NoPlan { .. } => None,
    };
    html! {
        @if let (Some(l), Some(w)) = (limit, winner) {
            @if !o.rechecked.is_empty() {
                h2 { "The constraints re-checked on the plan file" }
                p.note { "Each node out for its time to recover from the stress test's start, over " (o.replications)
                    " replications against the undisrupted twin: the robots lost in 95% of them. The search's figure is the candidate's; \
                     the file's is a stress test of the plan file written, loaded back." }
                table {
                    tr { th { "node" } th { "TTR [h]" } th { "robots lost, 95% (search)" } th { "robots lost, 95% (plan file)" } th { "limit" } th { "holds" } }
                    @for n in &o.rechecked {
                        @let searched = w.outages.iter().find(|s| s.node == n.node);
                        tr {
                            td { (n.node) }
                            td { (money(n.ttr_h, "")) }
                            td { (searched.map_or("–".into(), |s| money(s.lost_95, ""))) }
                            td { (money(n.lost_95, "")) }
                            td { (money(l, "")) }
                            td { @if n.lost_95 <= l { "yes" } @else { span.risk { "no" } } }
                        }
                    }
                }
            }
        }
    }
}

fn selection(o: &PlanOutcome) -> Markup {
    let tied = match &o.answer {
        Answer::Plan { tied, .. } => tied.clone(),
        Answer::NoPlan { .. } => Vec::new(),
    };
    let winner = match o.answer {
        Answer::Plan { winner, .. } => Some(winner),
        Answer::NoPlan { .. } => None,
    };
    html! {
        @if let Some(s) = &o.selection {
            h2 { "The selection among the best " (s.candidates.len()) }
            p.note { "Kim and Nelson's fully sequential procedure: each candidate observed on the same hazard years, \
                none of the search's (numbered from " (money(s.first_year as f64, "")) "), dropped as soon as it is worse than \
                another beyond what noise explains; indifference zone " (money(s.delta, &o.currency)) " a year. A candidate \
                whose mean, paired over the years both saw, is within the zone of the one chosen is tied with it."
                @if s.truncated { " It stopped at the most years allowed with several candidates left: the one named has the lowest mean, without the guarantee." } }
            table {
                tr { th { "#" } th.what { "settings" } th { "hazard years" } th { "mean total over its years" } th { "minus the chosen, paired over the years both saw" } th { "outcome" } }
                @for (i, &n) in s.candidates.iter().enumerate() {
                    tr {
                        td { (n) }
                        td.what { (settings(o.candidate(n))) }
                        td { (s.years[i]) }
                        td { (money(s.means[i], "")) }
                        td { (if Some(n) == winner { "–".to_string() } else { signed(s.versus_chosen[i]) }) }
                        td { (outcome(Some(n) == winner, tied.contains(&n), s.years[i] < *s.years.iter().max().unwrap_or(&0))) }
                    }
                }
            }
        }
    }
}

/// An amount with its sign: +1,234 or -1,234.
fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", money(v, ""))
    } else {
        money(v, "")
    }
}

/// What became of a candidate in the selection.
fn outcome(chosen: bool, tied: bool, dropped: bool) -> &'static str {
    match (chosen, tied, dropped) {
        (true, _, _) => "chosen",
        (false, true, true) => "dropped, but within the zone: tied",
        (false, true, false) => "left at the end, within the zone: tied",
        (false, false, _) => "dropped",
    }
}

fn candidates(o: &PlanOutcome) -> Markup {
    let mut sorted: Vec<_> = o.candidates.iter().collect();
    sorted.sort_by(|a, b| {
        b.feasible()
            .cmp(&a.feasible())
            .then(a.total.mean.total_cmp(&b.total.mean))
    });
    html! {
        h2 { "Candidates evaluated (" (o.candidates.len()) "), cheapest first" }
        table {
            tr { th { "#" } th.what { "settings" } th { "running cost" } th { "EAL" } th { "normal-time cost beyond today's" } th { "total" } th.what { "constraints" } }
            @for c in sorted.iter().take(LISTED) {
                tr {
                    td { (c.number) }
                    td.what { (settings(c)) }
                    td { (money(c.running, "")) }
                    td { (money(c.loss, "")) }
                    td { (money(c.normal, "")) }
                    td { (money_pm(Some(c.total.mean), Some(c.total.half_width), "")) }
                    td.what { @if c.feasible() { "met" } @else { span.risk { (shortfall(o, c)) } } }
                }
            }
        }
        @if o.candidates.len() > LISTED { p.note { "The first " (LISTED) " of " (o.candidates.len()) "; candidates.csv lists them all." } }
    }
}
