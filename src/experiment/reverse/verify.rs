//! A reported combination checked by a direct run: the disrupted scenario
//! and its twin simulated from t = 0 (no fork), every replication, at the
//! breaking durations found.

use serde::{Deserialize, Serialize};

use super::Combination;
use super::search::Target;
use crate::experiment::outages::{Evaluator, Twins, twins_of};
use crate::experiment::prefix::Prefix;
use crate::scenario::{Node, Scenario};
use crate::stats::{Interval, Resilience, Running};
use crate::time::Seconds;

/// What the direct run of a combination showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    /// Whether it breaks the target run from t = 0 too.
    pub breaks: bool,
    /// Replications that lost at least the target, as a share.
    pub share_reaching: f64,
    /// Robots lost against the twins, with its 95% interval.
    pub robots_lost: Interval,
    /// The largest gap behind the twins, with its interval.
    pub peak_shortfall: Interval,
    /// Its cost with the scenario's costs; `None` without them.
    pub cost: Option<Interval>,
}

/// The twins of every replication, simulated from t = 0.
pub(super) struct Direct<'a> {
    scenario: &'a Scenario,
    twins: Twins,
    pool: &'a rayon::ThreadPool,
    n: u64,
    start: Seconds,
}

fn interval(values: impl Iterator<Item = f64>) -> Interval {
    let mut acc = Running::default();
    values.for_each(|v| acc.push(v));
    acc.estimate()
}

impl<'a> Direct<'a> {
    pub(super) fn new(
        scenario: &'a Scenario,
        start: Seconds,
        pool: &'a rayon::ThreadPool,
        n: u64,
    ) -> Self {
        Direct {
            scenario,
            twins: twins_of(scenario, start, Prefix::Rerun, pool, n),
            pool,
            n,
            start,
        }
    }

    /// The combination `c` of `members`, at its durations, from t = 0.
    pub(super) fn verify(
        &self,
        members: &[&Node],
        c: &Combination,
        target: Target,
    ) -> Verification {
        let eval = Evaluator {
            scenario: self.scenario,
            twins: &self.twins,
            pool: self.pool,
            n: self.n,
            start: self.start,
        };
        let outages: Vec<(&Node, Seconds)> = members
            .iter()
            .zip(&c.durations)
            .map(|(&n, &d)| (n, d))
            .collect();
        let runs: Vec<Resilience> = eval.outages(&c.name, &outages);
        let (breaks, point) = target.judge(&runs);
        Verification {
            breaks,
            share_reaching: point.share_reaching,
            robots_lost: interval(runs.iter().map(|r| r.robots_lost as f64)),
            peak_shortfall: interval(runs.iter().map(|r| r.peak_shortfall as f64)),
            cost: self
                .scenario
                .costs
                .is_some()
                .then(|| interval(runs.iter().filter_map(|r| r.cost))),
        }
    }
}
