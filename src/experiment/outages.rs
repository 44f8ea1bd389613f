//! Outages from one instant against twins run once per replication: the
//! machinery the stress test and the reverse stress test share. Every
//! evaluation runs its replications in parallel and returns them in
//! replication order, so results are the same for any number of threads.

use rayon::prelude::*;

use super::prefix::{Prefix, fork_showing, twin_with_snapshot};
use super::progress::Silent;
use super::run::{paired, simulate};
use crate::model::Snapshot;
use crate::observe::Recorder;
use crate::scenario::{Node, Scenario, Target};
use crate::stats::Resilience;
use crate::time::Seconds;

/// The undisrupted runs of every replication, shared by every outage, and
/// their state at the outages' start, for each outage to fork from.
pub(super) struct Twins {
    pub recorded: Vec<Recorder>,
    pub at_start: Vec<Option<Snapshot>>,
}

/// Runs replications 0..n (each `f` of the replication) on `pool`,
/// results in replication order.
pub(super) fn each_replication<T: Send>(
    pool: &rayon::ThreadPool,
    n: u64,
    f: impl Fn(u64) -> T + Sync + Send,
) -> Vec<T> {
    pool.install(|| (0..n).into_par_iter().map(f).collect())
}

/// The kind of node its effects make it (failing outright or, with
/// `--capacity`, partly).
pub(super) fn kind(node: &Node) -> &'static str {
    match node.effects.as_slice() {
        [e] => match e.target() {
            Target::Supplier(_) => "supplier",
            Target::Route(_) => "route",
            Target::Station(_) => "station",
        },
        _ => "group",
    }
}

/// An evaluator of outages of one scenario against its twins.
pub(super) struct Evaluator<'a> {
    pub scenario: &'a Scenario,
    pub twins: &'a Twins,
    pub pool: &'a rayon::ThreadPool,
    pub n: u64,
    pub start: Seconds,
}

impl Evaluator<'_> {
    /// Paired figures of each replication for an outage of `node` lasting
    /// `duration` (ending at the horizon at the latest).
    pub(super) fn outage(&self, node: &Node, duration: Seconds) -> Vec<Resilience> {
        self.outages(&node.name, &[(node, duration)])
    }

    /// Paired figures of each replication for outages of several nodes
    /// together, all from the start, each lasting its own duration; the
    /// window measured runs to the last one's end, `name` names it.
    pub(super) fn outages(&self, name: &str, outages: &[(&Node, Seconds)]) -> Vec<Resilience> {
        let s = self.scenario.with_outages(outages, self.start);
        let longest = outages.iter().map(|o| o.1).fold(0.0, f64::max);
        let end = (self.start + longest).min(self.scenario.horizon);
        each_replication(self.pool, self.n, |r| {
            let rec = match &self.twins.at_start[r as usize] {
                Some(snapshot) => fork_showing(snapshot.clone(), &s, r, &Silent),
                None => simulate(&s, r),
            };
            paired(
                &s,
                name,
                &rec,
                &self.twins.recorded[r as usize],
                self.start,
                end,
            )
        })
    }
}

/// The twins of replications 0..n of `scenario`, snapshotted at `start`
/// unless `prefix` says every outage reruns from t = 0.
pub(super) fn twins_of(
    scenario: &Scenario,
    start: Seconds,
    prefix: Prefix,
    pool: &rayon::ThreadPool,
    n: u64,
) -> Twins {
    let twin = scenario.undisrupted();
    let (recorded, at_start) = each_replication(pool, n, |r| {
        let (mut rec, snapshot) = match prefix {
            Prefix::Shared => {
                let (rec, snapshot) = twin_with_snapshot(&twin, r, start, &Silent);
                (rec, Some(snapshot))
            }
            Prefix::Rerun => (simulate(&twin, r), None),
        };
        rec.hours = crate::observe::Hours::default(); // only completions and trucks are compared
        (rec, snapshot)
    })
    .into_iter()
    .unzip();
    Twins { recorded, at_start }
}

/// Builds the plan's thread pool (`None`: all cores).
pub(super) fn pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, super::BatchError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| super::BatchError::Threads(e.to_string()))
}
