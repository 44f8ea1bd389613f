//! The stress test's advice as one plan: every node's extra stock together,
//! each part counted once (the largest extra stock any node needs covers
//! the others too), written as the `--plan` line `taktline compare` takes.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;

/// Stock that covers a node at risk, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    /// What to do, in one sentence.
    pub verdict: String,
    /// Extra days of the line's use of each affected part, when stock helps.
    pub extra_days_of_cover: Option<f64>,
    /// (route, order-up-to level now, advised level).
    pub order_up_to: Vec<(String, u64, u64)>,
    /// (part, extra mean on-hand units).
    pub extra_mean_on_hand: Vec<(String, f64)>,
    /// Holding cost of that extra stock per year [money]; `None` without costs.
    pub holding_cost_per_year: Option<f64>,
    /// Mean cost of an outage lasting the TTR without it [money].
    pub prevented_cost: Option<f64>,
}

/// All the advice together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdvicePlan {
    /// The nodes whose advice it holds.
    pub nodes: Vec<String>,
    /// (route, order-up-to level now, advised level).
    pub order_up_to: Vec<(String, u64, u64)>,
    /// (part, factory stock at t = 0 now, advised).
    pub on_hand: Vec<(String, u64, u64)>,
    /// Holding cost per year of the extra stock, each part's largest extra
    /// mean on hand once [money]; `None` without costs.
    pub holding_cost_per_year: Option<f64>,
    /// The plan as `taktline compare --plan` takes it.
    pub plan: String,
}

/// The advice of `nodes` on `base` as one plan; `None` where no node was
/// advised extra stock.
pub fn advice_plan<'a>(
    base: &Scenario,
    nodes: impl Iterator<Item = (&'a str, &'a Advice)>,
) -> Option<AdvicePlan> {
    let mut extra = vec![0u64; base.parts.len()];
    let mut mean_extra = vec![0.0f64; base.parts.len()];
    let mut advised = Vec::new();
    for (node, a) in nodes.filter(|(_, a)| !a.order_up_to.is_empty()) {
        advised.push(node.to_string());
        for (route, now, to) in &a.order_up_to {
            if let Some(r) = base.routes.iter().find(|r| &r.name == route) {
                let p = r.part.index();
                extra[p] = extra[p].max(to.saturating_sub(*now));
            }
        }
        for (part, units) in &a.extra_mean_on_hand {
            if let Some(p) = base.parts.iter().position(|x| &x.name == part) {
                mean_extra[p] = mean_extra[p].max(*units);
            }
        }
    }
    if advised.is_empty() {
        return None;
    }
    let on_hand: Vec<(String, u64, u64)> = base
        .parts
        .iter()
        .zip(&extra)
        .filter(|(_, e)| **e > 0)
        .map(|(p, e)| (p.name.clone(), p.on_hand, p.on_hand.saturating_add(*e)))
        .collect();
    let order_up_to: Vec<(String, u64, u64)> = base
        .routes
        .iter()
        .filter(|r| extra[r.part.index()] > 0)
        .map(|r| {
            let e = extra[r.part.index()];
            (
                r.name.clone(),
                r.order_up_to,
                r.order_up_to.saturating_add(e),
            )
        })
        .collect();
    let holding_cost_per_year = base.costs.as_ref().map(|c| {
        mean_extra
            .iter()
            .zip(&c.part_values)
            .map(|(units, value)| units * value * c.holding_rate_per_year)
            .sum()
    });
    let settings: Vec<String> = order_up_to
        .iter()
        .map(|(r, _, to)| format!("routes.{r}.order_up_to={to}"))
        .chain(
            on_hand
                .iter()
                .map(|(p, _, to)| format!("parts.{p}.on_hand={to}")),
        )
        .collect();
    Some(AdvicePlan {
        plan: format!("stress advice={}", settings.join(";")),
        nodes: advised,
        order_up_to,
        on_hand,
        holding_cost_per_year,
    })
}
