//! The shortest breaking outage of one combination of nodes, by bisection
//! on a grid: the outages last x times each node's TTR, x a multiple of a
//! step that resolves every node's duration to the plan's resolution, so
//! the answer is the smallest grid point that breaks and does not depend
//! on where the search started.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::experiment::outages::Evaluator;
use crate::scenario::Node;
use crate::stats::Resilience;
use crate::time::Seconds;

/// What the replications of one evaluated outage showed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Robots lost against the twins, mean over replications.
    pub robots_lost: f64,
    /// Replications that lost at least the target, as a share.
    pub share_reaching: f64,
}

/// What breaking means: robots lost at least `lose` in at least `share`
/// of the replications.
#[derive(Debug, Clone, Copy)]
pub(super) struct Target {
    pub lose: u64,
    pub share: f64,
}

impl Target {
    /// Whether `runs` break the target, and their point.
    pub(super) fn judge(&self, runs: &[Resilience]) -> (bool, Point) {
        let n = runs.len().max(1) as f64;
        let reaching = runs
            .iter()
            .filter(|r| r.robots_lost >= self.lose as i64)
            .count() as f64;
        let lost = runs.iter().map(|r| r.robots_lost as f64).sum::<f64>() / n;
        // `share` of n replications, rounded up (with a hair for 0.3 * 10).
        let needed = (self.share * n - 1e-9).ceil().max(1.0);
        (
            reaching >= needed,
            Point {
                robots_lost: lost,
                share_reaching: reaching / n,
            },
        )
    }
}

/// One combination's outages on its grid: each node's duration at grid
/// point m is min(m * step * TTR, room), its own duration where refined.
pub(super) struct Grid<'a> {
    pub nodes: Vec<&'a Node>,
    pub name: String,
    /// Step of the common multiple of TTR.
    pub step: f64,
    /// The grid point at which every outage lasts to the horizon.
    pub top: u64,
    /// Time from the outages' start to the horizon [s].
    pub room: Seconds,
}

impl<'a> Grid<'a> {
    /// The grid of `nodes`, resolving every duration to `resolution`.
    pub(super) fn new(nodes: Vec<&'a Node>, resolution: Seconds, room: Seconds) -> Grid<'a> {
        let longest = nodes.iter().map(|n| n.ttr).fold(0.0, f64::max);
        let shortest = nodes.iter().map(|n| n.ttr).fold(f64::INFINITY, f64::min);
        let step = resolution / longest;
        let top = ((room / shortest) / step).ceil().max(1.0) as u64;
        let name = nodes
            .iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        Grid {
            nodes,
            name,
            step,
            top,
            room,
        }
    }

    /// Each node's duration at grid point `m` [s].
    pub(super) fn durations(&self, m: u64) -> Vec<Seconds> {
        let x = m as f64 * self.step;
        self.nodes
            .iter()
            .map(|n| (x * n.ttr).min(self.room))
            .collect()
    }

    /// The replications of the outages lasting `durations`.
    pub(super) fn evaluate(&self, eval: &Evaluator, durations: &[Seconds]) -> Vec<Resilience> {
        let outages: Vec<(&Node, Seconds)> = self
            .nodes
            .iter()
            .zip(durations)
            .map(|(&n, &d)| (n, d))
            .collect();
        eval.outages(&self.name, &outages)
    }
}

/// The search's answer for one combination (a shard's task).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Found {
    /// The smallest breaking grid point, and its point.
    pub breaking: Option<(u64, Point)>,
    /// The largest grid point known not to break (0: none evaluated), and its point.
    pub below: Option<(u64, Point)>,
    /// The point with every outage to the horizon, where evaluated.
    pub at_top: Option<Point>,
    /// Outages evaluated.
    pub evaluations: u32,
}

/// The smallest grid point that breaks `target`, searching below `bound`
/// first where a sub-combination broke there (checked by one evaluation;
/// where it does not break, the whole range is searched).
pub(super) fn shortest_breaking(
    grid: &Grid,
    eval: &Evaluator,
    target: Target,
    bound: Option<u64>,
) -> Found {
    let mut seen: BTreeMap<u64, (bool, Point)> = BTreeMap::new();
    let mut at = |m: u64| {
        *seen
            .entry(m)
            .or_insert_with(|| target.judge(&grid.evaluate(eval, &grid.durations(m))))
    };
    let mut hi = None;
    if let Some(b) = bound.filter(|&b| b < grid.top)
        && at(b).0
    {
        hi = Some(b);
    }
    if hi.is_none() && at(grid.top).0 {
        hi = Some(grid.top);
    }
    let Some(mut hi) = hi else {
        let at_top = seen.get(&grid.top).map(|&(_, p)| p);
        return Found {
            breaking: None,
            below: None,
            at_top,
            evaluations: seen.len() as u32,
        };
    };
    // Grid point 0 is no outage at all: it loses nothing.
    let mut lo = 0;
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if at(mid).0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Found {
        breaking: seen.get(&hi).map(|&(_, p)| (hi, p)),
        below: seen.get(&lo).map(|&(_, p)| (lo, p)),
        at_top: seen.get(&grid.top).map(|&(_, p)| p),
        evaluations: seen.len() as u32,
    }
}

/// Each node's own duration, shortened in turn (first node first) to the
/// shortest that still breaks with the others as they are, on a grid of
/// `resolution`: a combination none of whose outages can be shortened
/// alone. Returns the durations, their point and the evaluations spent.
pub(super) fn each_shortest(
    grid: &Grid,
    eval: &Evaluator,
    target: Target,
    mut durations: Vec<Seconds>,
    mut point: Point,
    resolution: Seconds,
) -> (Vec<Seconds>, Point, u32) {
    let mut evaluations = 0;
    for i in 0..durations.len() {
        let full = durations[i];
        // j steps of `resolution`, the last one the duration as it is.
        let top = (full / resolution).ceil() as u64;
        let length = |j: u64| {
            if j >= top {
                full
            } else {
                j as f64 * resolution
            }
        };
        let (mut lo, mut hi) = (0, top);
        let mut hi_point = point;
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let mut tried = durations.clone();
            tried[i] = length(mid);
            evaluations += 1;
            let (breaks, p) = target.judge(&grid.evaluate(eval, &tried));
            if breaks {
                hi = mid;
                hi_point = p;
            } else {
                lo = mid;
            }
        }
        durations[i] = length(hi);
        point = hi_point;
    }
    (durations, point, evaluations)
}
