//! Where a command's wall time goes (`--timings`): each phase is timed where
//! its work is done and summed over the process; the command line prints
//! the sums at the end. A leaf: it knows nothing of what it times.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// A phase of a heavy command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Simulating replications (and writing their records).
    Simulation,
    /// Reading records back and folding them into intervals and tables.
    Folding,
    /// Drawing charts.
    Charts,
    /// Writing pages and their JSON.
    Pages,
}

/// Every phase with its printed name, in the order they are printed.
pub const PHASES: [(Phase, &str); 4] = [
    (Phase::Simulation, "simulation"),
    (Phase::Folding, "folding"),
    (Phase::Charts, "charts"),
    (Phase::Pages, "pages"),
];

/// Nanoseconds spent in each phase so far, by [`Phase`] as index.
static SPENT: [AtomicU64; PHASES.len()] = [const { AtomicU64::new(0) }; PHASES.len()];

/// Runs `work`, adding its wall time to `phase` (time it on the thread that
/// waits for the whole phase, not inside its parallel parts).
pub fn time<T>(phase: Phase, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = work();
    let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    SPENT[phase as usize].fetch_add(nanos, Ordering::Relaxed);
    out
}

/// Seconds spent in each phase so far, named as in [`PHASES`].
pub fn spent() -> [(&'static str, f64); PHASES.len()] {
    PHASES.map(|(phase, name)| {
        let nanos = SPENT[phase as usize].load(Ordering::Relaxed);
        (name, nanos as f64 * 1e-9)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timed_phase_adds_its_wall_time_and_returns_its_result() {
        let before = spent();
        let out = time(Phase::Charts, || {
            std::thread::sleep(std::time::Duration::from_millis(20));
            7
        });
        let after = spent();
        assert_eq!(out, 7);
        let charts = after[2].1 - before[2].1;
        assert!(charts >= 0.019, "{charts}");
    }
}
