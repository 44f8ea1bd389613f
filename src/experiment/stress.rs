//! The stress test: every node of the network (each supplier, route and
//! line station, and named groups) fails in turn from the same instant,
//! under common random numbers, against twins run once per replication.
//! For each node: how long the rest of the network carries the line (node
//! TTS), the longest outage that causes no shortfall at all (bisection),
//! the impact of an outage as long as its time to recover, and whether it
//! is at risk; with `advise`, the smallest extra stock that makes its
//! longest harmless outage reach its time to recover.
//!
//! Every evaluation runs its replications in parallel and folds them in
//! replication order, so results are the same for any number of threads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::advice_plan::Advice;
use super::advice_plan::{AdvicePlan, advice_plan};

use super::aggregate::PartialInterval;
use super::error::BatchError;
use super::fingerprint::fingerprint;
use super::outages::{Evaluator, Twins, kind, pool as thread_pool, twins_of};
use super::prefix::Prefix;
use super::progress::Progress;
use super::records::Shard;
use super::units::{Job, UnitStore};
use crate::scenario::{Node, Scenario, Target};
use crate::stats::figures::{PAIRED, Paired};
use crate::stats::{Resilience, RunSummary, Running};
use crate::time::{DAY, HOUR, Seconds};

/// Share of replications without a shortfall for an outage to be harmless.
pub const HARMLESS_SHARE: f64 = 0.95;
/// Most extra days of cover the advice searches.
pub const MAX_EXTRA_DAYS: f64 = 30.0;
/// Resolution of the advice's search [days of cover].
pub const ADVICE_RESOLUTION_DAYS: f64 = 0.05;

/// What a stress test is asked to do (as its shards record it: all but
/// the thread count and how runs share their prefix, which change nothing).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StressPlan {
    /// The network; its disruptions are ignored (each node fails alone).
    pub scenario: Scenario,
    /// The nodes to test, each with its time to recover.
    pub nodes: Vec<Node>,
    /// When every outage starts [s].
    pub start: Seconds,
    /// Replications per evaluation, each paired with its twin.
    pub replications: u64,
    /// Worker threads (`None`: all cores); results do not depend on it.
    #[serde(skip)]
    pub jobs: Option<usize>,
    /// Resolution of the longest harmless outage [s].
    pub resolution: Seconds,
    /// Also search the stock that covers each node at risk.
    pub advise: bool,
    /// Each node keeps this share of its capacity instead of failing
    /// outright (`None`: a full outage).
    pub capacity: Option<f64>,
    /// Whether outages fork from their twins' snapshot at the start (the
    /// default) or rerun from t = 0: the same numbers either way.
    #[serde(skip)]
    pub prefix: Prefix,
}

/// One evaluated outage duration of a node: mean robots lost.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    /// How long the outage lasts [h].
    pub duration_h: f64,
    /// Robots lost against the twins, mean over replications.
    pub robots_lost: f64,
    /// Replications without any shortfall, as a share.
    pub share_harmless: f64,
}

/// What the stress test found for one node: the unit its shards share out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeResult {
    /// The node's name.
    pub node: String,
    /// "supplier", "route", "station" or "group".
    pub kind: String,
    /// The node's time to recover [h].
    pub ttr_h: f64,
    /// Time to survive an outage that does not end within the horizon [h],
    /// over the replications that fell short; `undefined` counts those that
    /// never did.
    pub tts_h: PartialInterval,
    /// 5th percentile of TTS, survivors counted as never falling short [h];
    /// `None` when more than 95% survived.
    pub tts_p5_h: Option<f64>,
    /// Mean TTS with survivors counted at the time left in the horizon [h]:
    /// what "at risk" compares with the TTR.
    pub tts_censored_mean_h: f64,
    /// The longest outage with no shortfall in at least 95% of replications [h].
    pub longest_harmless_h: f64,
    /// Even an outage until the horizon causes no shortfall.
    pub harmless_to_horizon: bool,
    /// Paired figures of an outage lasting the node's TTR.
    pub impact_at_ttr: BTreeMap<String, PartialInterval>,
    /// TTS (censored mean) shorter than the TTR.
    pub at_risk: bool,
    /// Every outage duration evaluated, shortest first.
    pub curve: Vec<CurvePoint>,
    /// The stock that covers it; only with `advise` and when at risk.
    pub advice: Option<Advice>,
}

impl NodeResult {
    /// The mean of a paired figure at the TTR, if any replication defines it.
    pub fn impact(&self, key: Paired) -> Option<f64> {
        self.impact_at_ttr
            .get(key.name())
            .and_then(|p| p.estimate.mean)
    }
}

/// The whole stress test, nodes ranked by impact (cost where the scenario
/// has costs, else robots lost), largest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StressResult {
    /// The scenario's name.
    pub scenario: String,
    /// Replications per evaluation.
    pub replications: u64,
    /// When every outage starts [h].
    pub start_h: f64,
    /// The run's horizon [h].
    pub horizon_h: f64,
    /// Resolution of the longest harmless outage [h].
    pub resolution_h: f64,
    /// The share of capacity each node kept; absent for full outages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<f64>,
    /// The name of the paired figure ranked by: cost, or robots lost without costs.
    pub ranked_by: &'static str,
    /// Every node tested, largest impact first.
    pub nodes: Vec<NodeResult>,
    /// Every node's advice together, as one plan for `taktline compare`;
    /// absent where no node was advised stock.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice_plan: Option<AdvicePlan>,
}

/// Whether an outage's replications are harmless (no shortfall in at least
/// [`HARMLESS_SHARE`] of them), and its curve point.
fn judge(duration: Seconds, runs: &[Resilience]) -> (bool, CurvePoint) {
    let n = runs.len().max(1) as f64;
    let survived = runs
        .iter()
        .filter(|r| r.time_to_survive_h.is_none())
        .count() as f64;
    let lost = runs.iter().map(|r| r.robots_lost as f64).sum::<f64>() / n;
    (
        survived >= (HARMLESS_SHARE * n).ceil(),
        CurvePoint {
            duration_h: duration / HOUR,
            robots_lost: lost,
            share_harmless: survived / n,
        },
    )
}

/// The paired figures over replications, by name.
fn summarise(runs: &[Resilience]) -> BTreeMap<String, PartialInterval> {
    let n = runs.len().max(1) as f64;
    PAIRED
        .iter()
        .map(|f| {
            let mut acc = Running::default();
            let mut undefined = 0;
            for r in runs {
                match (f.value)(r) {
                    Some(v) => acc.push(v),
                    None => undefined += 1,
                }
            }
            (
                f.name.to_string(),
                PartialInterval {
                    estimate: acc.estimate(),
                    undefined,
                    share_undefined: undefined as f64 / n,
                },
            )
        })
        .collect()
}

/// The nearest-rank 5th percentile of TTS, survivors as +infinity.
fn tts_p5(runs: &[Resilience]) -> Option<f64> {
    let mut v: Vec<f64> = runs
        .iter()
        .map(|r| r.time_to_survive_h.unwrap_or(f64::INFINITY))
        .collect();
    v.sort_by(f64::total_cmp);
    let rank = ((0.05 * v.len() as f64).ceil() as usize).max(1);
    v.get(rank - 1).copied().filter(|x| x.is_finite())
}

/// Runs the stress test; `progress` ticks once per node.
pub fn run_stress(plan: &StressPlan, progress: &dyn Progress) -> Result<StressResult, BatchError> {
    let nodes = stress_nodes(plan, None, progress)?;
    Ok(stress_result(plan, nodes.into_iter().flatten().collect()))
}

/// The job a stress test's shards share: one unit per node, in plan order.
pub fn stress_job(plan: &StressPlan, shard: Option<Shard>) -> Job {
    let settings = StressPlan {
        scenario: Scenario {
            source: String::new(),
            ..plan.scenario.clone()
        },
        ..plan.clone()
    };
    let digest = fingerprint(&serde_json::to_vec(&settings).unwrap_or_default());
    Job::new("stress", digest, plan.nodes.len() as u64, shard, plan)
}

/// Every node's result that `store` owns (all of them without a store), in
/// plan order; a node kept from an earlier run is not run again, and each
/// one run is kept as soon as it is done. The twins are run only if a node
/// needs them.
pub fn stress_nodes(
    plan: &StressPlan,
    store: Option<&UnitStore>,
    progress: &dyn Progress,
) -> Result<Vec<Option<NodeResult>>, BatchError> {
    if plan.resolution.is_nan() || plan.resolution < 1.0 {
        return Err(BatchError::Inconsistent(
            "the bisection's resolution must be at least 1 s".into(),
        ));
    }
    let pool = thread_pool(plan.jobs)?;
    let base = plan.scenario.undisrupted();
    let n = plan.replications;
    let owned = |i: usize| store.is_none_or(|s| s.owns(i as u64));
    let mut nodes: Vec<Option<NodeResult>> = (0..plan.nodes.len())
        .map(|i| {
            store
                .filter(|_| owned(i))
                .and_then(|s| s.kept::<NodeResult>(i as u64))
        })
        .collect();
    let to_run: Vec<usize> = (0..plan.nodes.len())
        .filter(|&i| owned(i) && nodes[i].is_none())
        .collect();
    if to_run.is_empty() {
        return Ok(nodes);
    }
    let twins = twins_of(&base, plan.start, plan.prefix, &pool, n);
    let eval = Evaluator {
        scenario: &base,
        twins: &twins,
        pool: &pool,
        n,
        start: plan.start,
    };
    let room = base.horizon - plan.start;
    progress.start("stress test", to_run.len() as u64);
    for i in to_run {
        let node = match plan.capacity {
            Some(f) => plan.nodes[i].at_capacity(f),
            None => plan.nodes[i].clone(),
        };
        let result = stress_node(plan, &eval, &node, room, &pool);
        if let Some(s) = store {
            s.keep(i as u64, &result)?;
        }
        nodes[i] = Some(result);
        progress.tick();
    }
    progress.finish();
    Ok(nodes)
}

/// The stress test from every node's result (in plan order): ranked by
/// impact, with the advice as one plan.
pub fn stress_result(plan: &StressPlan, mut nodes: Vec<NodeResult>) -> StressResult {
    let base = plan.scenario.undisrupted();
    let ranked_key = if base.costs.is_some() {
        Paired::Cost
    } else {
        Paired::RobotsLost
    };
    let ranked_by = ranked_key.name();
    nodes.sort_by(|a: &NodeResult, b: &NodeResult| {
        let key = |x: &NodeResult| x.impact(ranked_key).unwrap_or(0.0);
        key(b).total_cmp(&key(a))
    });
    StressResult {
        scenario: base.name.clone(),
        replications: plan.replications,
        start_h: plan.start / HOUR,
        horizon_h: base.horizon / HOUR,
        resolution_h: plan.resolution / HOUR,
        capacity: plan.capacity,
        ranked_by,
        advice_plan: advice_plan(
            &base,
            nodes
                .iter()
                .filter_map(|n| n.advice.as_ref().map(|a| (n.node.as_str(), a))),
        ),
        nodes,
    }
}

/// Everything the stress test finds for one node.
fn stress_node(
    plan: &StressPlan,
    eval: &Evaluator,
    node: &Node,
    room: Seconds,
    pool: &rayon::ThreadPool,
) -> NodeResult {
    let mut curve = Vec::new();
    // Open-ended: the outage lasts until the horizon.
    let open = eval.outage(node, room);
    let (harmless_to_horizon, point) = judge(room, &open);
    curve.push(point);
    let censored: Vec<f64> = open
        .iter()
        .map(|r| r.time_to_survive_h.unwrap_or(room / HOUR))
        .collect();
    let tts_censored_mean_h = censored.iter().sum::<f64>() / censored.len().max(1) as f64;
    let longest = if harmless_to_horizon {
        room
    } else {
        let (mut lo, mut hi) = (0.0, room);
        while hi - lo > plan.resolution {
            let mid = 0.5 * (lo + hi);
            let runs = eval.outage(node, mid);
            let (harmless, point) = judge(mid, &runs);
            curve.push(point);
            if harmless {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    };
    let ttr = node.ttr.min(room);
    let at_ttr = eval.outage(node, ttr);
    let (harmless_at_ttr, point) = judge(ttr, &at_ttr);
    curve.push(point);
    curve.sort_by(|a, b| a.duration_h.total_cmp(&b.duration_h));
    curve.dedup_by(|a, b| a.duration_h == b.duration_h);
    let impact_at_ttr = summarise(&at_ttr);
    // An outage cannot outlast the horizon: compare with the TTR capped there.
    let at_risk = tts_censored_mean_h < ttr / HOUR;
    let mut result = NodeResult {
        node: node.name.clone(),
        kind: kind(node).to_string(),
        ttr_h: node.ttr / HOUR,
        tts_h: summarise(&open)
            .remove(Paired::TimeToSurviveH.name())
            .unwrap_or(PartialInterval {
                estimate: Running::default().estimate(),
                undefined: 0,
                share_undefined: 0.0,
            }),
        tts_p5_h: tts_p5(&open),
        tts_censored_mean_h,
        longest_harmless_h: longest / HOUR,
        harmless_to_horizon,
        impact_at_ttr,
        at_risk,
        curve,
        advice: None,
    };
    if plan.advise && at_risk {
        result.advice = Some(advise(plan, eval, node, &result, harmless_at_ttr, pool));
    }
    result
}

/// Whether an outage of `node` lasting `ttr` is harmless in `scenario`
/// (with its own twins); also the twins, for the stock they held.
fn harmless_with(
    scenario: &Scenario,
    node: &Node,
    start: Seconds,
    ttr: Seconds,
    n: u64,
    prefix: Prefix,
    pool: &rayon::ThreadPool,
) -> (bool, Twins) {
    let twins = twins_of(scenario, start, prefix, pool, n);
    let eval = Evaluator {
        scenario,
        twins: &twins,
        pool,
        n,
        start,
    };
    let runs = eval.outage(node, ttr);
    (judge(ttr, &runs).0, twins)
}

/// The scenario with `days` more cover of each part in `parts`: every route
/// delivering it raises its order-up-to level (and the factory starts with
/// the same extra on hand) by that many days of the line's use.
fn with_extra_cover(s: &Scenario, parts: &[usize], days: f64) -> Scenario {
    let mut out = s.clone();
    let per_day = s.target_per_hour() * DAY / HOUR;
    for &p in parts {
        let extra = (days * per_day * f64::from(s.parts[p].per_robot)).ceil() as u64;
        out.parts[p].on_hand = out.parts[p].on_hand.saturating_add(extra);
        for r in out.routes.iter_mut().filter(|r| r.part.index() == p) {
            r.order_up_to = r.order_up_to.saturating_add(extra);
        }
    }
    out
}

/// Mean on-hand of each part over the twins (after warm-up) [units].
fn mean_on_hand(s: &Scenario, twins: &Twins) -> Vec<f64> {
    let n = twins.recorded.len().max(1) as f64;
    let mut sums = vec![0.0; s.parts.len()];
    for rec in &twins.recorded {
        let summary = RunSummary::new(s, rec);
        for (acc, p) in sums.iter_mut().zip(&summary.parts) {
            *acc += p.mean_on_hand;
        }
    }
    sums.into_iter().map(|x| x / n).collect()
}

/// The smallest extra stock (in days of cover of the affected parts) that
/// makes an outage as long as the node's TTR harmless, by bisection;
/// `harmless_now` is the node's own outage at its TTR, already evaluated
/// against the twins in `eval`.
fn advise(
    plan: &StressPlan,
    eval: &Evaluator,
    node: &Node,
    found: &NodeResult,
    harmless_now: bool,
    pool: &rayon::ThreadPool,
) -> Advice {
    let s = eval.scenario;
    let prevented_cost = found.impact(Paired::Cost);
    let none = |verdict: String| Advice {
        verdict,
        extra_days_of_cover: None,
        order_up_to: Vec::new(),
        extra_mean_on_hand: Vec::new(),
        holding_cost_per_year: None,
        prevented_cost,
    };
    let mut parts: Vec<usize> = node
        .effects
        .iter()
        .filter_map(|e| match e.target() {
            Target::Supplier(i) => Some(s.suppliers[i].part.index()),
            Target::Route(r) => Some(s.routes[r].part.index()),
            Target::Station(_) => None,
        })
        .collect();
    parts.sort_unstable();
    parts.dedup();
    if parts.is_empty() {
        return none(format!(
            "stock cannot help: {} is a {} (no part's supply stops); shorten its time to recover or add capacity",
            node.name,
            kind(node)
        ));
    }
    let ttr = node.ttr.min(s.horizon - plan.start);
    if harmless_now {
        return none(format!(
            "no extra stock needed: an outage of {:.0} h already causes no shortfall in {:.0}% of replications",
            ttr / HOUR,
            HARMLESS_SHARE * 100.0
        ));
    }
    let try_days = |days: f64| {
        harmless_with(
            &with_extra_cover(s, &parts, days),
            node,
            plan.start,
            ttr,
            plan.replications,
            plan.prefix,
            pool,
        )
    };
    if !try_days(MAX_EXTRA_DAYS).0 {
        return none(format!(
            "no stock up to {MAX_EXTRA_DAYS} extra days of cover makes a {:.0} h outage harmless",
            ttr / HOUR
        ));
    }
    let (mut lo, mut hi) = (0.0, MAX_EXTRA_DAYS);
    while hi - lo > ADVICE_RESOLUTION_DAYS {
        let mid = 0.5 * (lo + hi);
        if try_days(mid).0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let advised = with_extra_cover(s, &parts, hi);
    let (_, advised_twins) = try_days(hi);
    let before = mean_on_hand(s, eval.twins);
    let after = mean_on_hand(&advised, &advised_twins);
    let extra: Vec<(usize, f64)> = parts.iter().map(|&p| (p, after[p] - before[p])).collect();
    let holding_cost_per_year = s.costs.as_ref().map(|c| {
        extra
            .iter()
            .map(|&(p, units)| units * c.part_values[p] * c.holding_rate_per_year)
            .sum()
    });
    let order_up_to: Vec<(String, u64, u64)> = s
        .routes
        .iter()
        .zip(&advised.routes)
        .filter(|(a, b)| a.order_up_to != b.order_up_to)
        .map(|(a, b)| (a.name.clone(), a.order_up_to, b.order_up_to))
        .collect();
    let levels: Vec<String> = order_up_to
        .iter()
        .map(|(r, a, b)| format!("{r} {a} -> {b}"))
        .collect();
    Advice {
        verdict: format!(
            "raise the order-up-to level by {hi:.2} days of cover ({}) to ride out a {:.0} h outage",
            levels.join(", "),
            ttr / HOUR
        ),
        extra_days_of_cover: Some(hi),
        order_up_to,
        extra_mean_on_hand: extra
            .into_iter()
            .map(|(p, units)| (s.parts[p].name.clone(), units))
            .collect(),
        holding_cost_per_year,
        prevented_cost,
    }
}
