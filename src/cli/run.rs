//! `taktline check` and `taktline run`.

use std::path::PathBuf;
use taktline::timings::{self, Phase};

use clap::Args;
use taktline::experiment::{run_replication, run_replication_showing};
use taktline::output_dir::OutputDir;
use taktline::report;
use taktline::report::Saved;
use taktline::scenario::load_file;
use taktline::time::DAY;

use super::output::{self, say};
use super::progress::Reporter;
use super::{CliError, load};

/// Horizons longer than this show progress [days].
const LONG_RUN_DAYS: f64 = 3_650.0;

/// Options of `taktline run`.
#[derive(Args)]
pub struct RunArgs {
    /// Scenario file (RON); without it, the baseline embedded in the binary.
    file: Option<PathBuf>,
    /// Base seed of every random stream (default: the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Replication number: each gives independent random streams.
    #[arg(long, default_value_t = 0)]
    replication: u64,
    /// Horizon in days (default: the scenario's).
    #[arg(long)]
    days: Option<f64>,
    /// Folder for summary.json and hourly.csv.
    #[arg(long, default_value = "out")]
    out: PathBuf,
}

/// `taktline check FILE...`: every problem of every file.
pub fn check(files: &[PathBuf]) -> Result<(), CliError> {
    let mut problems = Vec::new();
    for file in files {
        match load_file(file) {
            Ok(s) => say!(
                "{}: ok ({}: {} stations, {} parts, {} routes, {} disruptions)",
                file.display(),
                s.name,
                s.line.stations.len(),
                s.parts.len(),
                s.routes.len(),
                s.disruptions.len()
            ),
            Err(e) => problems.extend(e.diagnostics()),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CliError::Invalid(problems))
    }
}

/// `taktline run [FILE]`
pub fn run(args: &RunArgs) -> Result<(), CliError> {
    let scenario = load(args.file.as_deref(), args.seed, args.days)?;
    let out = OutputDir::claim(&args.out)?;
    // A long run shows how far it has got; a short one just runs.
    let outcome = timings::time(Phase::Simulation, || {
        if scenario.horizon > LONG_RUN_DAYS * DAY {
            run_replication_showing(&scenario, args.replication, &Reporter::for_run())
        } else {
            run_replication(&scenario, args.replication)
        }
    });
    // Files first: whatever happens to standard output, the run is kept.
    let mut paths = timings::time(Phase::Pages, || {
        report::write_run(&args.out, &scenario, &outcome)
    })?;
    let charts = timings::time(Phase::Charts, || {
        report::run::run_charts(&args.out, &scenario, &outcome)
    })
    .map_err(CliError::failed)?;
    paths.extend(charts.iter().flat_map(Saved::files));
    out.keep_only(&paths)?;
    output::text(&report::render(&scenario, &outcome));
    let names: Vec<String> = paths
        .iter()
        .filter(|p| p.extension().is_none_or(|e| e != "svg"))
        .map(|p| p.display().to_string())
        .collect();
    say!("\nwrote {} (charts also as SVG)", names.join(", "));
    Ok(())
}
