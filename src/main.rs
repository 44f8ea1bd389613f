//! The `taktline` command line: parses arguments and dispatches to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

/// Discrete-event simulation of a robot line fed by a cross-region supply chain.
#[derive(Parser)]
#[command(name = "taktline", version, about, long_about = None)]
struct Cli {
    /// After the command, print where its wall time went (simulation,
    /// folding, charts, pages).
    #[arg(long, global = true)]
    timings: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate scenario files and report every problem with file, line and column.
    Check {
        /// Scenario files (RON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Simulate one replication and print its report; writes summary.json and hourly.csv.
    Run(cli::RunArgs),
    /// Run many replications in parallel: confidence intervals, twins, charts and index.html.
    Batch(cli::BatchArgs),
    /// Combine the shards of a batch, stress test, sweep, comparison or plan search into the whole run's folder.
    Merge(cli::MergeArgs),
    /// Sweep scenario parameters over a grid, each point a batch of replications.
    #[command(after_help = taktline::scenario::overrides::help())]
    Sweep(cli::SweepArgs),
    /// Compare plans on the same hazard years: running cost, expected annual loss, total, verdict.
    #[command(after_help = taktline::scenario::overrides::help())]
    Compare(cli::CompareArgs),
    /// Find the cheapest plan (lever values) that meets the constraints: search, select, verify; writes it as a scenario.
    #[command(after_help = taktline::scenario::overrides::help())]
    Plan(cli::PlanArgs),
    /// Stress-test every node of the network: time to survive, impact, risk and (--advise) stock advice; --reverse: the mildest combinations of failures that lose a day.
    Stress(cli::StressArgs),
    /// Measure events per second on the baseline and on an M/M/1 queue (build with --release).
    Bench(cli::BenchArgs),
    /// Watch the line and its supply chain run in 3D (build with --features viewer).
    #[cfg(feature = "viewer")]
    View(cli::ViewArgs),
    /// Not in this build: says how to build the viewer.
    #[cfg(not(feature = "viewer"))]
    #[command(hide = true, disable_help_flag = true)]
    View {
        /// Whatever was given, ignored.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        ignored: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let clock = cli.timings.then(cli::Clock::start);
    let outcome = match cli.command {
        Command::Check { files } => cli::check(&files),
        Command::Run(args) => cli::run(&args),
        Command::Batch(args) => cli::batch(&args),
        Command::Merge(args) => cli::merge(&args),
        Command::Sweep(args) => cli::sweep(&args),
        Command::Compare(args) => cli::compare(&args),
        Command::Plan(args) => cli::plan(&args),
        Command::Stress(args) => cli::stress(&args),
        Command::Bench(args) => cli::bench(&args),
        #[cfg(feature = "viewer")]
        Command::View(args) => cli::view(&args),
        #[cfg(not(feature = "viewer"))]
        Command::View { .. } => cli::no_viewer(),
    };
    if let Some(clock) = clock {
        clock.report();
    }
    cli::exit(outcome)
}
