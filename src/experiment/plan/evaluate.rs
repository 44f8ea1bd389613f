//! What a candidate plan is worth: its total annual cost over hazard years
//! (every candidate on the same years) and the robots each constrained
//! stress node's outage of its TTR loses in 95% of replications.

use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::super::hazards::{HazardYear, hazard_year_with_orders};
use super::super::outages::{Evaluator, twins_of};
use super::super::prefix::Prefix;
use crate::scenario::{Costs, Scenario};
use crate::time::HOUR;

/// Hazard years `years` of every plan, plan by plan, in year order.
pub(super) fn hazard_years(
    plans: &[&Scenario],
    years: Range<u64>,
    pool: &rayon::ThreadPool,
    prefix: Prefix,
) -> Vec<Vec<HazardYear>> {
    let runs: Vec<(usize, u64)> = (0..plans.len())
        .flat_map(|p| years.clone().map(move |y| (p, y)))
        .collect();
    let mut all: Vec<HazardYear> = pool.install(|| {
        runs.par_iter()
            .map(|&(p, y)| hazard_year_with_orders(plans[p], y, prefix))
            .collect()
    });
    let per = years.end.saturating_sub(years.start) as usize;
    (0..plans.len())
        .map(|_| all.drain(..per).collect())
        .collect()
}

/// What a plan's own normal times cost beyond today's in a year: its
/// twin's lost sales and lateness against today's twin's, priced as the
/// hazards' loss is [money]. A plan that saves stock by starving the line
/// pays for it here.
pub(super) fn normal_cost(y: &HazardYear, today: &HazardYear, costs: Option<&Costs>) -> f64 {
    match (costs, &y.normal, &today.normal) {
        (Some(c), Some(y), Some(t)) => {
            c.margin_per_robot * (y.lost as f64 - t.lost as f64)
                + c.lateness_per_robot_hour * (y.lateness_robot_h - t.lateness_robot_h)
        }
        _ => f64::NAN,
    }
}

/// A hazard year's total annual cost: running cost + loss + normal cost
/// beyond today's (`today`: today's plan in the same year) [money].
pub(super) fn total(y: &HazardYear, today: &HazardYear, costs: Option<&Costs>) -> f64 {
    y.running.as_ref().map_or(f64::NAN, |r| r.total)
        + y.loss.unwrap_or(f64::NAN)
        + normal_cost(y, today, costs)
}

/// What one stress node's outage of its TTR loses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeLoss {
    /// The node.
    pub node: String,
    /// Its time to recover, the outage's length [h].
    pub ttr_h: f64,
    /// Robots lost (against the twin) in 95% of replications at most.
    pub lost_95: f64,
}

/// The robots lost in 95% of `n` replications by an outage of each node
/// named in `names` lasting its TTR, from the stress test's start.
pub fn outage_losses(
    scenario: &Scenario,
    names: &[String],
    n: u64,
    pool: &rayon::ThreadPool,
    prefix: Prefix,
) -> Vec<NodeLoss> {
    let start = scenario.stress.start;
    let twins = twins_of(scenario, start, prefix, pool, n);
    let ev = Evaluator {
        scenario,
        twins: &twins,
        pool,
        n,
        start,
    };
    scenario
        .stress
        .nodes
        .iter()
        .filter(|node| names.contains(&node.name))
        .map(|node| {
            let mut lost: Vec<i64> = ev
                .outage(node, node.ttr)
                .iter()
                .map(|r| r.robots_lost)
                .collect();
            lost.sort_unstable();
            NodeLoss {
                node: node.name.clone(),
                ttr_h: node.ttr / HOUR,
                lost_95: quantile_95(&lost) as f64,
            }
        })
        .collect()
}

/// The smallest value that at least 95% of the sorted `values` do not
/// exceed (0 without values).
fn quantile_95(sorted: &[i64]) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let k = (0.95 * sorted.len() as f64).ceil() as usize;
    sorted[k.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::quantile_95;

    #[test]
    fn the_95_percent_bound_is_exceeded_by_at_most_5_percent_of_replications() {
        let v: Vec<i64> = (1..=20).collect();
        assert_eq!(quantile_95(&v), 19); // 19 of 20 (95%) lose at most 19
        assert_eq!(quantile_95(&[7]), 7);
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(quantile_95(&v), 10); // 9 of 10 is only 90%
    }
}
