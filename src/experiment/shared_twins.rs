//! Scenarios of one batch that differ only in their disruptions (the line
//! itself, a typhoon, a power cut, a closed route) have the same twin. Per
//! replication it is simulated once, snapshotted at each of their first
//! starts, and each disrupted run forks from there; an undisrupted one is
//! the twin itself. The records are those of running every scenario on its
//! own, to the bit.

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use super::error::BatchError;
use super::prefix::{fork_instant, fork_showing, twin_with_snapshots};
use super::progress::Progress;
use super::progress::Silent;
use super::records::{Shard, digest, pending, record_bytes, record_path};
use super::run::outcome;
use crate::atomic_file::write as write_atomic;
use crate::scenario::Scenario;
use crate::time::Seconds;

/// The scenarios (by index) that share a twin, in groups of two or more
/// with at least one disrupted, each in input order.
pub(super) fn twin_groups(scenarios: &[Scenario]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, s) in scenarios.iter().enumerate() {
        let key = s.twin_key();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|(_, members)| members)
        .filter(|m| m.len() > 1 && m.iter().any(|&i| !scenarios[i].disruptions.is_empty()))
        .collect()
}

/// Runs the replications in `reps` this shard owns that some member has no
/// record of, each member's record written to its folder; returns how many
/// replications ran for each member.
pub(super) fn run_shared(
    members: &[(&Scenario, &Path)],
    reps: std::ops::Range<u64>,
    shard: Option<Shard>,
    jobs: Option<usize>,
    progress: &dyn Progress,
) -> Result<Vec<u64>, BatchError> {
    let digests: Vec<String> = members.iter().map(|(s, _)| digest(s)).collect();
    let mut todo: Vec<Vec<u64>> = Vec::new();
    for ((_, dir), batch) in members.iter().zip(&digests) {
        todo.push(pending(dir, reps.clone(), shard, batch)?);
    }
    let mut all: Vec<u64> = todo.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let label = format!("{} scenarios sharing one twin", members.len());
    progress.start(&label, all.len() as u64);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.map_or(0, |j| j.min(all.len().max(1))))
        .build()
        .map_err(|e| BatchError::Threads(e.to_string()))?;
    let first_error = Mutex::new(None);
    pool.install(|| {
        all.par_iter().for_each(|&r| {
            if first_error.lock().expect("no poisoned lock").is_some() {
                return;
            }
            let wanted: Vec<usize> = (0..members.len())
                .filter(|&m| todo[m].binary_search(&r).is_ok())
                .collect();
            for (m, json) in replication(members, &wanted, &digests, r) {
                if let Err(e) = write_atomic(&record_path(members[m].1, r), &json) {
                    first_error
                        .lock()
                        .expect("no poisoned lock")
                        .get_or_insert(e);
                }
            }
            progress.tick();
        });
    });
    progress.finish();
    match first_error.into_inner().expect("no poisoned lock") {
        Some(e) => Err(e.into()),
        None => Ok(todo.iter().map(|t| t.len() as u64).collect()),
    }
}

/// Replication `r` of the `wanted` members: one twin, snapshotted at each
/// first start, and a fork for each; (member, record bytes).
fn replication(
    members: &[(&Scenario, &Path)],
    wanted: &[usize],
    digests: &[String],
    r: u64,
) -> Vec<(usize, Vec<u8>)> {
    let twin = members[wanted[0]].0.undisrupted();
    let (alike, disrupted): (Vec<usize>, Vec<usize>) = wanted
        .iter()
        .partition(|&&m| members[m].0.disruptions.is_empty());
    let at: Vec<Seconds> = disrupted
        .iter()
        .map(|&m| fork_instant(members[m].0, r))
        .collect();
    let (twin_rec, snapshots) = twin_with_snapshots(&twin, r, &at, &Silent);
    // An undisrupted member is the twin (its record is the same whether
    // the run kept each completion or only counted them).
    let mut out: Vec<(usize, Vec<u8>)> = alike
        .into_iter()
        .map(|m| {
            let s = members[m].0;
            let own = outcome(s, r, twin_rec.clone(), None);
            (m, record_bytes(s, &digests[m], &own, r))
        })
        .collect();
    out.extend(disrupted.into_iter().zip(snapshots).map(|(m, snapshot)| {
        let s = members[m].0;
        let recorded = fork_showing(snapshot, s, r, &Silent);
        let own = outcome(s, r, recorded, Some(twin_rec.clone()));
        (m, record_bytes(s, &digests[m], &own, r))
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::twin_groups;
    use crate::scenario::load_file;

    #[test]
    fn scenarios_of_one_line_share_a_twin_and_a_changed_line_does_not() {
        let load = |p: &str| load_file(std::path::Path::new(p)).expect("a shipped scenario");
        let mut more_stock = load("scenarios/typhoon-wenzhou.ron");
        more_stock.parts[0].on_hand += 1;
        let scenarios = [
            load("scenarios/baseline.ron"),
            load("scenarios/typhoon-wenzhou.ron"),
            more_stock,
            load("scenarios/s3-down.ron"),
            load("scenarios/suzhou-route-closed.ron"),
        ];
        assert_eq!(twin_groups(&scenarios), vec![vec![0, 1, 3, 4]]);
    }
}
