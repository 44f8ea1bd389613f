//! The commands of the `taktline` binary, each a small function over the
//! library that returns a [`CliError`]; [`error::exit`] turns it into the
//! exit code.

use std::path::Path;

mod batch;
mod bench;
pub mod error;
mod merge;
mod output;
mod progress;
mod run;
mod stress;
mod study;
mod sweep;
#[cfg(feature = "viewer")]
mod view;

pub use batch::{BatchArgs, batch};
pub use bench::{BenchArgs, bench};
pub use error::{CliError, exit};
pub use merge::{MergeArgs, merge};
pub use run::{RunArgs, check, run};
pub use stress::{StressArgs, stress};
pub use sweep::{SweepArgs, sweep};
#[cfg(feature = "viewer")]
pub use view::{ViewArgs, view};

use error::warn;
use taktline::scenario::limits::{MAX_SPAN, MIN_MEASURED};
use taktline::scenario::{Scenario, Timing, load_baseline, load_file};
use taktline::time::{DAY, format_span};

/// Applies `--days` to a scenario: a horizon within the limits that leaves
/// time after the warm-up (the scenario's, unless `warmup_replaced` because
/// `--warmup` sets it and is checked then); warns about disruptions it cuts off.
fn set_days(s: &mut Scenario, days: f64, warmup_replaced: bool) -> Result<(), CliError> {
    let horizon = days * DAY;
    if !(horizon.is_finite() && horizon <= MAX_SPAN) {
        return Err(CliError::invalid(format!(
            "--days {days}: at most {} days",
            MAX_SPAN / DAY
        )));
    }
    let warmup = if warmup_replaced { 0.0 } else { s.warmup };
    if horizon < warmup + MIN_MEASURED {
        return Err(CliError::invalid(format!(
            "--days {days}: the horizon must end at least {} after the warm-up ({})",
            format_span(MIN_MEASURED),
            format_span(s.warmup)
        )));
    }
    for d in &s.disruptions {
        if let Timing::Scheduled { start, .. } = d.timing
            && start >= horizon
        {
            warn(format!(
                "--days {days}: {:?} starts at {}, after the horizon, and will not happen",
                d.name,
                format_span(start)
            ));
        }
    }
    s.horizon = horizon;
    Ok(())
}

/// `--jobs`: at least one worker thread.
fn jobs(jobs: Option<usize>) -> Result<Option<usize>, CliError> {
    match jobs {
        Some(0) => Err(CliError::invalid("--jobs must be at least 1")),
        j => Ok(j),
    }
}

/// The scenario in `file`, or the embedded baseline.
fn load(file: Option<&Path>) -> Result<Scenario, CliError> {
    Ok(match file {
        Some(path) => load_file(path)?,
        None => load_baseline()?,
    })
}
