//! The reverse stress test: the mildest combinations of nodes failing
//! together from one instant that lose at least a target number of robots
//! in at least a share of the replications. Every combination of 1..=k
//! distinct nodes is bisected for its shortest breaking outage (x times
//! each node's TTR, optionally each node's own), under common random
//! numbers against twins simulated once and forked at the start; the most
//! plausible are ranked first and verified by direct runs from t = 0.
//! Each size of combination is a step (its combinations are bounded by the
//! step before's), and the top combinations' refinement and direct runs
//! the last, so shards go step by step ([`crate::experiment::steps`]).

mod combinations;
mod search;
mod verify;

use std::cell::OnceCell;

use serde::{Deserialize, Serialize};

use super::error::BatchError;
use super::fingerprint::fingerprint;
use super::outages::{Evaluator, Twins, pool as thread_pool, twins_of};
use super::prefix::Prefix;
use super::progress::Progress;
use super::records::Shard;
use super::steps::Steps;
use super::units::Job;
use crate::scenario::{Node, Scenario};
use crate::stats::plausibility;
use crate::time::{HOUR, Seconds};
use combinations::{Bounds, Candidate, candidates};
pub use search::Point;
use search::{Found, Grid, Target, each_shortest, shortest_breaking};
pub use verify::Verification;

/// What a reverse stress test is asked to do (as its shards record it:
/// all but the thread count and how runs share their prefix, which change
/// nothing).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReversePlan {
    /// The network; its disruptions are ignored.
    pub scenario: Scenario,
    /// The nodes that may fail, each with its time to recover.
    pub nodes: Vec<Node>,
    /// When every outage starts [s].
    pub start: Seconds,
    /// Replications per evaluation, each paired with its twin.
    pub replications: u64,
    /// Worker threads (`None`: all cores); results do not depend on it.
    #[serde(skip)]
    pub jobs: Option<usize>,
    /// Resolution of every node's breaking duration [s].
    pub resolution: Seconds,
    /// Robots lost that break the target.
    pub lose: u64,
    /// The most nodes failing together.
    pub k: usize,
    /// Share of replications that must lose `lose` robots, in (0, 1].
    pub share: f64,
    /// Also shorten each node's outage on its own (the top combinations).
    pub each: bool,
    /// Combinations ranked, refined and verified.
    pub top: usize,
    /// Each node keeps this share of its capacity (`None`: outages).
    pub capacity: Option<f64>,
    /// Fork from the twins' snapshot at the start (default) or rerun.
    #[serde(skip)]
    pub prefix: Prefix,
    /// Start each combination's search at its sub-combinations' breaking
    /// outage (default) or search its whole range: the same answers where
    /// losses grow with every outage added (a test holds them to it).
    pub bounded: bool,
}

/// One day of the line's output at takt (following its calendar): the
/// default target of robots lost.
pub fn one_day_of_output(s: &Scenario) -> u64 {
    (s.target_per_hour() * 24.0).round().max(1.0) as u64
}

/// One node of a combination at its breaking duration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    /// The node's name.
    pub node: String,
    /// "supplier", "route", "station" or "group".
    pub kind: &'static str,
    /// Its time to recover [h].
    pub ttr_h: f64,
    /// How long it fails [h].
    pub duration_h: f64,
    /// The same in units of its TTR.
    pub ttrs: f64,
}

/// What the test found for one combination of nodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Combination {
    /// How many nodes fail together.
    pub k: usize,
    /// The nodes, joined with " + ".
    pub name: String,
    /// Each node at its breaking duration (at the horizon where it never breaks).
    pub failures: Vec<Failure>,
    /// Whether any outage within the horizon breaks the target.
    pub breaks: bool,
    /// The shortest common multiple of TTR that breaks it.
    pub breaking_ttrs: Option<f64>,
    /// Sum over the nodes of duration / TTR at the breaking durations.
    pub sum_ttrs: Option<f64>,
    /// Product over the nodes of the yearly frequency of a hazard at least
    /// that long, where every node has hazards [1/year per node].
    pub plausibility_per_year: Option<f64>,
    /// Replications at the breaking durations.
    pub at_breaking: Option<Point>,
    /// Replications one grid step shorter (not breaking).
    pub just_shorter: Option<Point>,
    /// Replications with every outage to the horizon, where evaluated.
    pub to_horizon: Option<Point>,
    /// Where a part of it breaks at as short an outage (the extra nodes buy
    /// nothing): the mildest combination it comes down to.
    pub dominated_by: Option<String>,
    /// Whether each node's duration was shortened on its own.
    pub each_refined: bool,
    /// Outages evaluated for it.
    pub evaluations: u32,
    /// Its direct run from t = 0 (the top combinations).
    pub verified: Option<Verification>,
    /// The nodes' places in the plan's list.
    #[serde(skip)]
    members: Vec<usize>,
    /// Each node's duration [s], exactly as evaluated.
    #[serde(skip)]
    durations: Vec<Seconds>,
}

/// The whole reverse stress test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReverseResult {
    /// The scenario's name.
    pub scenario: String,
    /// Replications per evaluation.
    pub replications: u64,
    /// When every outage starts [h].
    pub start_h: f64,
    /// The run's horizon [h].
    pub horizon_h: f64,
    /// Resolution of each duration [h].
    pub resolution_h: f64,
    /// Robots lost that break the target.
    pub lose: u64,
    /// Share of replications that must reach it.
    pub share: f64,
    /// The most nodes failing together.
    pub k: usize,
    /// The share of capacity each node kept; absent for outages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<f64>,
    /// Combinations that break, most plausible first, then those that do not.
    pub combinations: Vec<Combination>,
    /// Combinations left out because two of their nodes stop the same
    /// supplier, route or station (not distinct failures).
    pub overlapping: Vec<String>,
}

impl ReverseResult {
    /// The combinations that break, ranked.
    pub fn breaking(&self) -> impl Iterator<Item = &Combination> {
        self.combinations.iter().filter(|c| c.breaks)
    }

    /// The combinations that break sooner than any part of them, ranked:
    /// the answers.
    pub fn mildest(&self) -> impl Iterator<Item = &Combination> {
        self.breaking().filter(|c| c.dominated_by.is_none())
    }
}

/// Runs the reverse stress test; `progress` ticks once per combination,
/// then once per direct run of the top combinations.
pub fn run_reverse(
    plan: &ReversePlan,
    progress: &dyn Progress,
) -> Result<ReverseResult, BatchError> {
    reverse_steps(plan, &mut Steps::here(), progress)
}

/// The job a reverse stress test's shards share: its steps' tasks are
/// numbered as they are asked for.
pub fn reverse_job(plan: &ReversePlan, shard: Option<Shard>) -> Job {
    let settings = ReversePlan {
        scenario: Scenario {
            source: String::new(),
            ..plan.scenario.clone()
        },
        ..plan.clone()
    };
    let digest = fingerprint(&serde_json::to_vec(&settings).unwrap_or_default());
    Job::new("reverse", digest, 0, shard, plan)
}

/// One of the top combinations refined (where asked) and run directly:
/// the last step's task.
#[derive(Debug, Serialize, Deserialize)]
struct Checked {
    refined: Option<Refined>,
    verified: Verification,
}

/// Runs the reverse stress test with its tasks from `steps` (made here,
/// kept by a shard or read back by a merge). The twins are simulated only
/// where a task is made.
pub fn reverse_steps(
    plan: &ReversePlan,
    steps: &mut Steps,
    progress: &dyn Progress,
) -> Result<ReverseResult, BatchError> {
    check(plan)?;
    let pool = thread_pool(plan.jobs)?;
    let base = plan.scenario.undisrupted();
    let n = plan.replications;
    let nodes: Vec<Node> = plan
        .nodes
        .iter()
        .map(|node| match plan.capacity {
            Some(f) => node.at_capacity(f),
            None => node.clone(),
        })
        .collect();
    let (list, overlapping) = candidates(&nodes, plan.k);
    let twins: OnceCell<Twins> = OnceCell::new();
    let eval = || Evaluator {
        scenario: &base,
        twins: twins.get_or_init(|| twins_of(&base, plan.start, plan.prefix, &pool, n)),
        pool: &pool,
        n,
        start: plan.start,
    };
    let target = Target {
        lose: plan.lose,
        share: plan.share,
    };
    let room = base.horizon - plan.start;
    progress.start("reverse stress test", list.len() as u64);
    // Plausibility comes from hazards that stop nodes outright: they say
    // nothing of how often a node keeps only part of its capacity.
    let scoring = Scenario {
        hazards: if plan.capacity.is_some() {
            Vec::new()
        } else {
            base.hazards.clone()
        },
        ..base.clone()
    };
    let mut bounds = Bounds::default();
    let mut found: Vec<Combination> = Vec::with_capacity(list.len());
    for level in list.chunk_by(|a, b| a.members().len() == b.members().len()) {
        let grids: Vec<Grid> = level
            .iter()
            .map(|c| Grid::new(c.nodes(&nodes), plan.resolution, room))
            .collect();
        let searched: Vec<Found> = steps.step(level.len(), |todo| {
            todo.iter()
                .map(|&i| {
                    let bound = plan.bounded.then(|| bounds.of(&level[i], grids[i].step));
                    let f = shortest_breaking(&grids[i], &eval(), target, bound.flatten());
                    progress.tick();
                    f
                })
                .collect()
        })?;
        for ((c, grid), f) in level.iter().zip(&grids).zip(searched) {
            let mut record = combination(&scoring, grid, &f, c);
            if let Some((m, _)) = f.breaking {
                let names = |m: &[usize]| joined(m.iter().map(|&i| nodes[i].name.as_str()));
                record.dominated_by = bounds.dominated_by(c, grid.step, m, names);
                let x = m as f64 * grid.step;
                bounds.record(c, x, grid.step, record.dominated_by.clone());
            }
            found.push(record);
        }
    }
    progress.finish();
    rank(&mut found);
    let top = plan.top.min(
        found
            .iter()
            .filter(|c| c.breaks && c.dominated_by.is_none())
            .count(),
    );
    progress.start("direct runs from t = 0", top as u64);
    let direct = OnceCell::new();
    let checked: Vec<Checked> = steps.step(top, |todo| {
        let direct = direct.get_or_init(|| verify::Direct::new(&base, plan.start, &pool, n));
        todo.iter()
            .map(|&j| {
                let mut c = found[j].clone();
                let member = members(&nodes, &c);
                let refined = (plan.each && c.k > 1 && c.dominated_by.is_none())
                    .then(|| refinement(&member, &eval(), target, plan.resolution, room, &c))
                    .flatten();
                if let Some(r) = &refined {
                    refine(&scoring, &member, plan.resolution, room, &mut c, r);
                }
                let verified = direct.verify(&member, &c, target);
                progress.tick();
                Checked { refined, verified }
            })
            .collect()
    })?;
    progress.finish();
    for (c, done) in found.iter_mut().zip(checked) {
        if let Some(r) = &done.refined {
            let member = members(&nodes, c);
            refine(&scoring, &member, plan.resolution, room, c, r);
        }
        c.verified = Some(done.verified);
    }
    if plan.each {
        rank(&mut found[..top]);
    }
    Ok(ReverseResult {
        scenario: base.name.clone(),
        replications: n,
        start_h: plan.start / HOUR,
        horizon_h: base.horizon / HOUR,
        resolution_h: plan.resolution / HOUR,
        lose: plan.lose,
        share: plan.share,
        k: plan.k,
        capacity: plan.capacity,
        combinations: found,
        overlapping,
    })
}

/// The plan's own limits, for callers other than the command line.
fn check(plan: &ReversePlan) -> Result<(), BatchError> {
    let bad = |why: String| Err(BatchError::Inconsistent(why));
    if plan.nodes.is_empty() {
        return bad("the reverse stress test needs at least one node".into());
    }
    if plan.k < 1 || plan.k > plan.nodes.len() {
        return bad(format!(
            "k = {}: between 1 and the number of nodes ({})",
            plan.k,
            plan.nodes.len()
        ));
    }
    if plan.lose == 0 {
        return bad("robots lost to break the target: at least 1".into());
    }
    if !(plan.share > 0.0 && plan.share <= 1.0) {
        return bad(format!("share {}: in (0, 1]", plan.share));
    }
    if plan.resolution.is_nan() || plan.resolution < 1.0 {
        return bad("the bisection's resolution must be at least 1 s".into());
    }
    if plan
        .nodes
        .iter()
        .any(|n| !(n.ttr > 0.0 && n.ttr.is_finite()))
    {
        return bad("every node's time to recover must be positive".into());
    }
    Ok(())
}

/// Names joined as a combination's name.
fn joined<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(" + ")
}

/// The nodes of a found combination.
fn members<'a>(nodes: &'a [Node], c: &Combination) -> Vec<&'a Node> {
    c.members.iter().map(|&i| &nodes[i]).collect()
}

/// The combination's record from its search.
fn combination(s: &Scenario, grid: &Grid, f: &Found, c: &Candidate) -> Combination {
    let m = f.breaking.map_or(grid.top, |(m, _)| m);
    let durations = grid.durations(m);
    let mut out = Combination {
        k: grid.nodes.len(),
        name: grid.name.clone(),
        failures: failures(grid, &durations),
        breaks: f.breaking.is_some(),
        breaking_ttrs: f.breaking.map(|(m, _)| m as f64 * grid.step),
        sum_ttrs: None,
        plausibility_per_year: None,
        at_breaking: f.breaking.map(|(_, p)| p),
        just_shorter: f.below.filter(|&(m, _)| m > 0).map(|(_, p)| p),
        to_horizon: f.at_top,
        dominated_by: None,
        each_refined: false,
        evaluations: f.evaluations,
        verified: None,
        members: c.members().to_vec(),
        durations,
    };
    score(s, &mut out);
    out
}

fn failures(grid: &Grid, durations: &[Seconds]) -> Vec<Failure> {
    grid.nodes
        .iter()
        .zip(durations)
        .map(|(n, &d)| Failure {
            node: n.name.clone(),
            kind: super::outages::kind(n),
            ttr_h: n.ttr / HOUR,
            duration_h: tidy(d / HOUR),
            ttrs: tidy(d / n.ttr),
        })
        .collect()
}

/// `x` to 9 significant decimals: 107 h, not 106.99999999999999 (the
/// exact durations stay in seconds, for the runs).
fn tidy(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Sets the combination's plausibility figures from its failures.
fn score(s: &Scenario, c: &mut Combination) {
    if !c.breaks {
        return;
    }
    c.sum_ttrs = Some(c.failures.iter().map(|f| f.ttrs).sum());
    c.plausibility_per_year = c
        .failures
        .iter()
        .map(|f| plausibility::yearly(s, &f.node, f.duration_h * HOUR))
        .product::<Option<f64>>();
}

/// Most plausible first: combinations whose every node has hazards that
/// last that long, by their product of frequencies (largest first); then
/// those without hazards for every node, then those whose hazards never
/// last that long, each by their sum of TTRs (smallest first); then those
/// no milder than a part of them; those that never break last, most lost
/// first. Ties keep the search's order (fewer nodes first).
fn rank(list: &mut [Combination]) {
    let key = |c: &Combination| -> (u8, f64) {
        let t = c.sum_ttrs.unwrap_or(f64::INFINITY);
        match (c.breaks, c.dominated_by.is_some(), c.plausibility_per_year) {
            (true, false, Some(p)) if p > 0.0 => (0, -p),
            (true, false, None) => (1, t),
            (true, false, Some(_)) => (2, t),
            (true, true, _) => (3, t),
            (false, ..) => (4, -c.to_horizon.map_or(0.0, |p| p.robots_lost)),
        }
    };
    list.sort_by(|a, b| {
        let (ta, va) = key(a);
        let (tb, vb) = key(b);
        ta.cmp(&tb).then(va.total_cmp(&vb))
    });
}

/// Each node's outage of `c` shortened on its own: the durations, their
/// point and the evaluations spent.
#[derive(Debug, Serialize, Deserialize)]
struct Refined {
    durations: Vec<Seconds>,
    point: Point,
    spent: u32,
}

/// Shortens each node's outage of `c` on its own (none where it does not break).
fn refinement(
    members: &[&Node],
    eval: &Evaluator,
    target: Target,
    resolution: Seconds,
    room: Seconds,
    c: &Combination,
) -> Option<Refined> {
    let (Some(point), false) = (c.at_breaking, members.is_empty()) else {
        return None;
    };
    let grid = Grid::new(members.to_vec(), resolution, room);
    let (durations, point, spent) =
        each_shortest(&grid, eval, target, c.durations.clone(), point, resolution);
    Some(Refined {
        durations,
        point,
        spent,
    })
}

/// `c` with its refinement `r`, rescored.
fn refine(
    s: &Scenario,
    members: &[&Node],
    resolution: Seconds,
    room: Seconds,
    c: &mut Combination,
    r: &Refined,
) {
    let grid = Grid::new(members.to_vec(), resolution, room);
    c.failures = failures(&grid, &r.durations);
    c.durations = r.durations.clone();
    c.at_breaking = Some(r.point);
    c.just_shorter = None;
    c.each_refined = true;
    c.evaluations += r.spent;
    score(s, c);
}
