//! The commands of the `taktline` binary, each a small function over the
//! library that returns a [`CliError`]; [`error::exit`] turns it into the
//! exit code.

use std::path::Path;

mod bench;
pub mod error;
mod progress;
mod run;
mod study;
#[cfg(feature = "viewer")]
mod view;

pub use bench::{BenchArgs, bench};
pub use error::{CliError, exit};
pub use run::{RunArgs, check, run};
pub use study::{BatchArgs, MergeArgs, SweepArgs, batch, merge, sweep};
#[cfg(feature = "viewer")]
pub use view::{ViewArgs, view};

use taktline::scenario::{Scenario, load_baseline, load_file};
use taktline::time::DAY;

/// Checks `--days`: positive and longer than the warm-up; the horizon [s].
fn horizon_days(days: f64, warmup: f64) -> Result<f64, CliError> {
    if !(days > 0.0 && days.is_finite()) || days * DAY <= warmup {
        return Err(CliError::invalid(format!(
            "--days {days}: the horizon must be positive and longer than the warm-up ({} d)",
            warmup / DAY
        )));
    }
    Ok(days * DAY)
}

/// The scenario in `file`, or the embedded baseline.
fn load(file: Option<&Path>) -> Result<Scenario, CliError> {
    Ok(match file {
        Some(path) => load_file(path)?,
        None => load_baseline()?,
    })
}
