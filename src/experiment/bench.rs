//! The benchmark behind `taktline bench`: events per second and wall time
//! of a long baseline replication and of a million-customer M/M/1 queue.

use std::time::Instant;

use crate::model::Simulation;
use crate::scenario::{Scenario, load_str};
use crate::time::{DAY, MINUTE};

/// One measured run.
#[derive(Debug, Clone)]
pub struct Measurement {
    /// What was run, as the report names it.
    pub name: String,
    /// Events the kernel handled to the horizon.
    pub events: u64,
    /// Wall time of the run, the best of the repeats [s].
    pub wall_s: f64,
    /// Robots (for the M/M/1 queue, customers) completed by the horizon.
    pub completed: usize,
}

impl Measurement {
    /// Events handled per second of wall time.
    pub fn events_per_second(&self) -> f64 {
        self.events as f64 / self.wall_s
    }
}

/// Times one replication of `scenario` (best of `repeats` runs).
pub fn measure(name: &str, scenario: &Scenario, repeats: usize) -> Measurement {
    let mut best: Option<Measurement> = None;
    for _ in 0..repeats.max(1) {
        let started = Instant::now();
        // As a replication without a twin runs: counting completions.
        let mut sim = Simulation::new(scenario, 0).counting_completions();
        sim.step_until(scenario.horizon);
        sim.finish();
        let wall_s = started.elapsed().as_secs_f64();
        let events = sim.events();
        let completed = sim.read().recorder.completed as usize;
        if best.as_ref().is_none_or(|b| wall_s < b.wall_s) {
            best = Some(Measurement {
                name: name.to_string(),
                events,
                wall_s,
                completed,
            });
        }
    }
    best.expect("at least one repeat")
}

/// The baseline over `days` days.
pub fn baseline(base: &Scenario, days: f64) -> Scenario {
    Scenario {
        horizon: days * DAY,
        ..base.clone()
    }
}

/// An M/M/1 queue (arrival mean 1 min, service mean 0.8 min) long enough
/// for about `customers` arrivals.
pub fn mm1(customers: u64) -> Scenario {
    let horizon_min = customers as f64;
    let text = format!(
        r#"Scenario(
            name: "M/M/1 benchmark",
            run: (horizon: "{horizon_min}min", warmup: "0s", seed: 1),
            parts: [],
            line: (
                takt: "1min",
                release: Random(Exponential(mean: "1min")),
                stations: [(name: "server", buffer: "unbounded", process: Exponential(mean: "0.8min"))],
            ),
        )"#
    );
    let mut s = load_str(&text, "<mm1 benchmark>").expect("the M/M/1 benchmark scenario is valid");
    s.warmup = 0.0;
    debug_assert_eq!(s.line.takt, MINUTE);
    s
}

/// Times a study of `n` replications of `scenario` on `jobs` threads, as
/// `taktline batch` runs it (records to disk, then folded in order) [s].
pub fn batch(scenario: &Scenario, n: u64, jobs: usize) -> Result<f64, super::error::BatchError> {
    let dir =
        std::env::temp_dir().join(format!("taktline-bench-{}-{n}-{jobs}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let started = Instant::now();
    super::records::run_replications(
        scenario,
        &dir,
        0..n,
        None,
        Some(jobs),
        "bench",
        &super::progress::Silent,
    )?;
    let agg = super::records::aggregate(scenario, std::slice::from_ref(&dir), n, |_| {})?;
    let wall = started.elapsed().as_secs_f64();
    debug_assert_eq!(agg.replications, n);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(wall)
}

/// Starts the count of peak resident memory again from what is resident
/// now, where the OS allows it (Linux: `/proc/self/clear_refs`), so that
/// the next peak is that of what runs next.
pub fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident memory of this process [bytes], where the OS tells it.
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
