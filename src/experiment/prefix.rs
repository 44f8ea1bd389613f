//! Runs that share a prefix: a disrupted run is its undisrupted twin until
//! the first disruption starts, so the twin is simulated once, snapshotted
//! there, and every disrupted run of that replication forks from it. The
//! numbers are those of running each from t = 0, to the bit.

use super::progress::Progress;
use crate::model::{Simulation, Snapshot};
use crate::observe::Recorder;
use crate::scenario::Scenario;
use crate::time::Seconds;

/// How a disrupted run and its twin share the time before the first start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Prefix {
    /// Simulated once and forked: the same numbers, sooner.
    #[default]
    Shared,
    /// Each run from t = 0: the reference the fork is held to.
    Rerun,
}

/// Whether a run keeps each completion instant or only counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Instants {
    /// Every instant: the run is compared with a twin (or is the twin).
    Kept,
    /// Counts per hour and day only.
    Counted,
}

/// Steps in which a run reports progress.
pub(super) const STEPS: u64 = 100;

/// Runs `sim` to the horizon in [`STEPS`] slices, telling `progress`, and
/// takes a snapshot at each of `snapshots_at` (ascending, within the
/// horizon) on the way.
fn run_showing(
    mut sim: Simulation,
    horizon: Seconds,
    label: &str,
    progress: &dyn Progress,
    snapshots_at: &[Seconds],
) -> (Recorder, Vec<Snapshot>) {
    let mut snapshots = Vec::with_capacity(snapshots_at.len());
    progress.start(label, STEPS);
    for k in 1..=STEPS {
        let until = horizon * k as f64 / STEPS as f64;
        while let Some(&at) = snapshots_at.get(snapshots.len()).filter(|&&at| at <= until) {
            sim.step_until(at);
            snapshots.push(sim.snapshot());
        }
        sim.step_until(until);
        progress.tick();
    }
    progress.finish();
    (sim.run(), snapshots)
}

/// Simulates replication `replication` of `scenario` to its horizon.
pub(super) fn simulate_showing(
    scenario: &Scenario,
    replication: u64,
    label: &str,
    progress: &dyn Progress,
    instants: Instants,
) -> Recorder {
    let mut sim = Simulation::new(scenario, replication);
    if instants == Instants::Counted {
        sim = sim.counting_completions();
    }
    run_showing(sim, scenario.horizon, label, progress, &[]).0
}

/// The instant replication `replication` of `disrupted` forks from its
/// twin: its first disruption's start, or the horizon if none comes.
pub(super) fn fork_instant(disrupted: &Scenario, replication: u64) -> Seconds {
    crate::model::first_disruption_start(disrupted, replication)
        .unwrap_or(disrupted.horizon)
        .clamp(0.0, disrupted.horizon)
}

/// The undisrupted twin `twin` run to its horizon, and its snapshots at
/// each of `at` (capped at the horizon), for disrupted runs to fork from;
/// the snapshots come in the order of `at`.
pub(super) fn twin_with_snapshots(
    twin: &Scenario,
    replication: u64,
    at: &[Seconds],
    progress: &dyn Progress,
) -> (Recorder, Vec<Snapshot>) {
    let mut order: Vec<usize> = (0..at.len()).collect();
    order.sort_by(|&a, &b| at[a].total_cmp(&at[b]));
    let instants: Vec<Seconds> = order
        .iter()
        .map(|&i| at[i].clamp(0.0, twin.horizon))
        .collect();
    let sim = Simulation::new(twin, replication);
    let (rec, taken) = run_showing(sim, twin.horizon, "undisrupted twin", progress, &instants);
    let mut snapshots: Vec<Option<Snapshot>> = vec![None; at.len()];
    for (i, snapshot) in order.into_iter().zip(taken) {
        snapshots[i] = Some(snapshot);
    }
    let snapshots = snapshots
        .into_iter()
        .map(|s| s.expect("every instant lies within the horizon"))
        .collect();
    (rec, snapshots)
}

/// [`twin_with_snapshots`] for one instant.
pub(super) fn twin_with_snapshot(
    twin: &Scenario,
    replication: u64,
    at: Seconds,
    progress: &dyn Progress,
) -> (Recorder, Snapshot) {
    let (rec, mut snapshots) = twin_with_snapshots(twin, replication, &[at], progress);
    let snapshot = snapshots.pop().expect("one instant, one snapshot");
    (rec, snapshot)
}

/// Replication `replication` of `disrupted` from `snapshot`, a snapshot of
/// its twin taken no later than its first disruption; from t = 0 should
/// the snapshot not fit (it then costs time, never numbers).
pub(super) fn fork_showing(
    snapshot: Snapshot,
    disrupted: &Scenario,
    replication: u64,
    progress: &dyn Progress,
) -> Recorder {
    match snapshot.into_fork(disrupted, replication) {
        Ok(fork) => {
            run_showing(
                Simulation::resume(fork),
                disrupted.horizon,
                &disrupted.name,
                progress,
                &[],
            )
            .0
        }
        Err(e) => {
            debug_assert!(false, "a fork that does not fit: {e}");
            from_start(disrupted, replication, progress)
        }
    }
}

/// Replication `replication` of `disrupted` from t = 0, every instant kept.
fn from_start(disrupted: &Scenario, replication: u64, progress: &dyn Progress) -> Recorder {
    let label = &disrupted.name;
    simulate_showing(disrupted, replication, label, progress, Instants::Kept)
}

/// Replication `replication` of `disrupted` and of its undisrupted twin:
/// (disrupted, twin), sharing their prefix as `prefix` says.
pub(super) fn with_twin(
    disrupted: &Scenario,
    replication: u64,
    prefix: Prefix,
    progress: &dyn Progress,
) -> (Recorder, Recorder) {
    let twin = disrupted.undisrupted();
    match prefix {
        Prefix::Rerun => (
            from_start(disrupted, replication, progress),
            simulate_showing(
                &twin,
                replication,
                "undisrupted twin",
                progress,
                Instants::Kept,
            ),
        ),
        Prefix::Shared => {
            let at = fork_instant(disrupted, replication);
            let (twin_rec, snapshot) = twin_with_snapshot(&twin, replication, at, progress);
            let rec = fork_showing(snapshot, disrupted, replication, progress);
            (rec, twin_rec)
        }
    }
}
