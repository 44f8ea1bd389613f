//! The commands of the `taktline` binary, each a small function over the
//! library that returns a [`CliError`]; [`error::exit`] turns it into the
//! exit code.

use std::path::Path;

mod batch;
mod bench;
mod compare;
pub mod error;
mod merge;
mod output;
mod plan;
mod progress;
mod reverse;
mod run;
mod shard;
mod stress;
mod study;
mod sweep;
mod timings;
#[cfg(feature = "viewer")]
mod view;

pub use batch::{BatchArgs, batch};
pub use bench::{BenchArgs, bench};
pub use compare::{CompareArgs, compare};
pub use error::{CliError, exit};
pub use merge::{MergeArgs, merge};
pub use plan::{PlanArgs, plan};
pub use run::{RunArgs, check, run};
pub use stress::{StressArgs, stress};
pub use sweep::{SweepArgs, sweep};
pub use timings::Clock;
#[cfg(feature = "viewer")]
pub use view::{ViewArgs, view};

/// `taktline view` in a build without the viewer: how to get one.
#[cfg(not(feature = "viewer"))]
pub fn no_viewer() -> Result<(), CliError> {
    Err(CliError::invalid(
        "taktline view: this build has no 3D viewer; build one with the cargo feature `viewer`, e.g. `cargo run --release --features viewer -- view scenarios/typhoon-wenzhou.ron`",
    ))
}

use taktline::scenario::{Override, Scenario, load_with};

/// `--seed` and `--days` as overrides of the scenario file, so they are
/// validated with it like any other value (`warmup_replaced`: `--warmup`
/// sets the warm-up later, so the horizon is not held to the file's).
fn seed_and_days(seed: Option<u64>, days: Option<f64>, warmup_replaced: bool) -> Vec<Override> {
    let mut out: Vec<Override> = seed.map(Override::seed).into_iter().collect();
    if let Some(d) = days {
        if warmup_replaced {
            out.push(Override::warmup_set_later());
        }
        out.push(Override::days(d));
    }
    out
}

/// Most worker threads `--jobs` may ask for: more than any one machine has
/// cores; beyond the cores, threads only add contention.
const MAX_JOBS: usize = 1024;

/// `--jobs`: at least one worker thread, at most [`MAX_JOBS`].
fn jobs(jobs: Option<usize>) -> Result<Option<usize>, CliError> {
    match jobs {
        Some(0) => Err(CliError::invalid("--jobs must be at least 1")),
        Some(j) if j > MAX_JOBS => Err(CliError::invalid(format!(
            "--jobs {j}: at most {MAX_JOBS} worker threads (this machine has {})",
            std::thread::available_parallelism().map_or(1, |n| n.get())
        ))),
        j => Ok(j),
    }
}

/// The scenario in `file`, or the embedded baseline, with `--seed` and
/// `--days` applied and validated.
fn load(file: Option<&Path>, seed: Option<u64>, days: Option<f64>) -> Result<Scenario, CliError> {
    load_overridden(file, &seed_and_days(seed, days, false))
}

/// The scenario in `file`, or the embedded baseline, with `overrides`
/// applied and validated; what it is warned about is printed.
fn load_overridden(file: Option<&Path>, overrides: &[Override]) -> Result<Scenario, CliError> {
    let loaded = load_with(file, overrides)?;
    for w in &loaded.warnings {
        error::warn(w);
    }
    Ok(loaded.scenario)
}
