//! The plan search in words: the answer first (what to set, what it costs
//! a year and saves against today, whether every constraint holds), and
//! the terminal's short table of the best candidates.

use crate::experiment::plan::{Answer, Candidate, PlanOutcome};
use crate::report::numbers::{money, money_pm};

/// A candidate's settings in one line ("today's plan" for today's).
pub fn settings(c: &Candidate) -> String {
    if c.settings.is_empty() {
        return "today's plan".into();
    }
    c.settings
        .iter()
        .map(|s| format!("{} = {}", s.path, s.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the constraints ask, in words ("" without any).
pub(super) fn constraints(o: &PlanOutcome) -> String {
    let cur = o.currency.as_str();
    let mut parts = Vec::new();
    if let Some(l) = o.space.lose_at_most {
        parts.push(format!(
            "the outage of each of {} stress node{} for its time to recover loses at most {} robots in 95% of replications",
            o.space.nodes.len(),
            if o.space.nodes.len() == 1 { "" } else { "s" },
            money(l, "")
        ));
    }
    if let Some(b) = o.space.running_at_most {
        parts.push(format!(
            "the running cost stays within {} a year",
            money(b, cur)
        ));
    }
    parts.join(", and ")
}

/// Why a candidate fails the constraints, in words.
pub(super) fn shortfall(o: &PlanOutcome, c: &Candidate) -> String {
    let cur = o.currency.as_str();
    if let Some(p) = &c.problem {
        return format!("cannot be simulated: {p}");
    }
    let mut why = Vec::new();
    if !c.within_budget
        && let Some(b) = o.space.running_at_most
    {
        why.push(format!(
            "runs at {} a year against a budget of {}",
            money(c.running, cur),
            money(b, cur)
        ));
    }
    if let Some(l) = o.space.lose_at_most {
        for n in c.outages.iter().filter(|n| n.lost_95 > l) {
            why.push(format!(
                "loses {} robots when {} is out for its {} h (limit {})",
                money(n.lost_95, ""),
                n.node,
                money(n.ttr_h, ""),
                money(l, "")
            ));
        }
    }
    why.join("; ")
}

/// The answer, in one paragraph.
pub fn answer(o: &PlanOutcome) -> String {
    let cur = o.currency.as_str();
    let rule = constraints(o);
    let holds = if rule.is_empty() {
        String::new()
    } else {
        format!(" It meets the constraints: {rule}.")
    };
    match &o.answer {
        Answer::NoPlan { closest } => {
            let c = o.candidate(*closest);
            format!(
                "No plan meets the constraints ({rule}) among the {} candidates evaluated. The nearest, {}, {}.",
                o.candidates.len(),
                settings(c),
                shortfall(o, c)
            )
        }
        Answer::Plan { winner: 0, tied } => format!(
            "Keep today's plan: {} a year in total over {} hazard years; no candidate evaluated ({}) costs less while meeting the constraints.{holds}{}",
            money(o.candidate(0).total.mean, cur),
            o.search_years,
            o.candidates.len() - 1,
            ties(o, tied)
        ),
        Answer::Plan { winner, tied } => {
            let c = o.candidate(*winner);
            let fresh = o.verification.as_ref().zip(o.fresh.as_ref()).map(|(v, f)| {
                let plan = &v.plans[1];
                let d = &f.difference;
                let word = if d.mean <= 0.0 { "less" } else { "more" };
                let sure = if d.high < 0.0 || d.low > 0.0 {
                    "significant at 95%"
                } else {
                    "not significant at 95%"
                };
                format!(
                    "{} a year in total (running cost {} + expected annual loss {} + {} of lateness and lost sales in normal times beyond today's), {} ± {} {word} than today's plan ({sure}), over {} fresh hazard years",
                    money(f.total.mean, cur),
                    money(plan.running.total.mean, cur),
                    money_pm(
                        Some(plan.annual_loss.expected.mean),
                        Some(plan.annual_loss.expected.half_width),
                        cur
                    ),
                    money(f.normal.mean, cur),
                    money(d.mean.abs(), cur),
                    money(d.half_width, ""),
                    v.years
                )
            });
            let today = o.candidate(0);
            let today_fails = if today.feasible() {
                String::new()
            } else {
                format!(
                    " Today's plan does not meet them: it {}.",
                    shortfall(o, today)
                )
            };
            format!(
                "Set {}: {}.{holds}{today_fails}{}",
                settings(c),
                fresh.unwrap_or_else(|| format!("{} a year in total", money(c.total.mean, cur))),
                ties(o, tied)
            )
        }
    }
}

/// The candidates tied with the winner, in words ("" without any).
fn ties(o: &PlanOutcome, tied: &[usize]) -> String {
    if tied.is_empty() {
        return String::new();
    }
    let names: Vec<String> = tied.iter().map(|n| format!("#{n}")).collect();
    format!(
        " Tied within the indifference zone ({} a year) with {} other candidate{} ({}): they cost the same for this decision; the one named has the lowest mean.",
        money(o.space.delta, &o.currency),
        tied.len(),
        if tied.len() == 1 { "" } else { "s" },
        names.join(", ")
    )
}

/// The terminal's report: the answer and the best candidates.
pub fn render(o: &PlanOutcome) -> String {
    let cur = o.currency.as_str();
    let mut out = format!("\n{}\n\n", answer(o));
    let mut best: Vec<&Candidate> = o.candidates.iter().filter(|c| c.feasible()).collect();
    best.sort_by(|a, b| a.total.mean.total_cmp(&b.total.mean));
    out.push_str(&format!(
        "Best candidates meeting the constraints ({} of {} evaluated; search over {} hazard years; {} a year):\n",
        best.len(),
        o.candidates.len(),
        o.search_years,
        if cur.is_empty() { "amounts" } else { cur }
    ));
    out.push_str(&format!(
        "  {:>4} {:>14} {:>14} {:>14} {:>14}  settings\n",
        "#", "running", "EAL", "normal times", "total"
    ));
    for c in best.iter().take(5) {
        out.push_str(&format!(
            "  {:>4} {:>14} {:>14} {:>14} {:>14}  {}\n",
            c.number,
            money(c.running, ""),
            money(c.loss, ""),
            money(c.normal, ""),
            money(c.total.mean, ""),
            settings(c)
        ));
    }
    out
}
