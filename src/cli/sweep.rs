//! `taktline sweep`: a batch at every point of a grid of scenario values.

use std::path::PathBuf;
use taktline::timings::{self, Phase};

use clap::Args;
use taktline::experiment::records::check_replications;
use taktline::experiment::sweep::{
    PointRecord, SweepRow, SweepSpec, Vary, file_in_words, points, run_sweep, settings_in_words,
    sweep_job,
};
use taktline::experiment::units::{Job, UnitStore};
use taktline::output_dir::OutputDir;
use taktline::report::ChartId;
use taktline::report::Saved;
use taktline::report::sweep::{write_curves, write_index, write_tables};

use super::output::say;
use super::progress::Reporter;
use super::shard::{shard, shard_done};
use super::study::{Common, pm, sources};
use super::{CliError, jobs};
use taktline::stats::figures::{Paired, Run};

/// Most grid points one sweep may run.
const MAX_POINTS: usize = 10_000;

/// Options of `taktline sweep`.
#[derive(Args)]
pub struct SweepArgs {
    /// Scenario files (one curve each); without any, the embedded baseline.
    files: Vec<PathBuf>,
    /// PATH=VALUES: a list (24h,48h) or a range FROM..TO:STEP (0h..96h:12h); repeat for a full grid.
    #[arg(long = "vary", required = true, value_name = "PATH=VALUES")]
    vary: Vec<String>,
    /// Replications per grid point.
    #[arg(long, short = 'n', default_value_t = 10)]
    replications: u64,
    /// Output folder.
    #[arg(long, default_value = "sweep")]
    out: PathBuf,
    /// Keep the grid points already computed in --out (same scenario, value
    /// and replications) and run only the rest.
    #[arg(long)]
    resume: bool,
    /// Run only shard K of N (K from 0): the grid points i with i mod N = K.
    /// Combine the shards' folders with `taktline merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    #[command(flatten)]
    common: Common,
}

/// `taktline sweep`
pub fn sweep(args: &SweepArgs) -> Result<(), CliError> {
    // Before anything is claimed or printed: a bad --shard stops here.
    let shard = shard(args.shard.as_deref())?;
    let varies: Vec<Vary> = args
        .vary
        .iter()
        .map(|v| Vary::parse(v))
        .collect::<Result<_, _>>()
        .map_err(CliError::invalid)?;
    check_replications(args.replications)
        .map_err(|why| CliError::invalid(format!("--replications: {why}")))?;
    for (i, v) in varies.iter().enumerate() {
        if varies[..i].iter().any(|w| w.path == v.path) {
            return Err(CliError::invalid(format!(
                "--vary {}: the same path is varied twice; give all its values in one --vary",
                v.path
            )));
        }
    }
    let points_per_file = varies
        .iter()
        .try_fold(1usize, |n, v| n.checked_mul(v.values.len()))
        .filter(|&n| n.saturating_mul(sources(&args.files).len()) <= MAX_POINTS);
    if points_per_file.is_none() {
        return Err(CliError::invalid(format!(
            "the grid has more than {MAX_POINTS} points; vary fewer values at once"
        )));
    }
    let (grid, warnings) = points(
        &sources(&args.files),
        &varies,
        &args.common.overrides(false),
    )
    .map_err(CliError::Invalid)?;
    for w in &warnings {
        super::error::warn(w);
    }
    // Before any point runs: a file as --out, or a folder in use, fails now.
    let out = OutputDir::claim(&args.out)?;
    say!(
        "sweep: {} grid points x {} replications{}",
        grid.len(),
        args.replications,
        if grid.iter().any(|p| !p.scenario.disruptions.is_empty()) {
            " (each with its undisrupted twin)"
        } else {
            ""
        }
    );
    let reporter = Reporter::new(args.common.quiet);
    let paths: Vec<String> = varies.iter().map(|v| v.path.clone()).collect();
    // A sweep's points check themselves when resumed: an earlier sweep of
    // another grid may leave points this one reuses.
    let store = UnitStore::open_self_checked(
        out.path(),
        sweep_job(&grid, args.replications, &paths, shard),
        args.resume,
    )?;
    let threads = jobs(args.common.jobs)?;
    let rows = timings::time(Phase::Simulation, || {
        run_sweep(
            &grid,
            args.replications,
            threads,
            &store,
            &reporter,
            say_row,
        )
    })?;
    if let Some(s) = shard {
        out.keep_only(&store.files())?;
        return shard_done(s, out.path());
    }
    let rows: Vec<SweepRow> = rows.into_iter().flatten().collect();
    publish(&out, &rows, &paths, store.files())
}

/// `taktline merge` of a sweep's shards: the unsharded run's folder.
pub fn merge_sweep(job: Job, units: Vec<PointRecord>, out: &OutputDir) -> Result<(), CliError> {
    let spec: SweepSpec = job.spec()?;
    let store = UnitStore::merged(out.path(), job, &units)?;
    let rows: Vec<SweepRow> = units.into_iter().map(PointRecord::row).collect();
    rows.iter().for_each(say_row);
    publish(out, &rows, &spec.paths, store.files())
}

/// One line per grid point as it is done.
fn say_row(row: &SweepRow) {
    let res = row.study.resilience.first();
    say!(
        "{}, {}: robots per day {}, robots lost {}, TTR {} h",
        file_in_words(&row.source),
        settings_in_words(&row.settings),
        pm(row.study.figures.get(Run::RobotsPerDay.name()).copied()),
        pm(res
            .and_then(|r| r.get(Paired::RobotsLost))
            .map(|p| p.estimate)
            .or(row.study.robots_lost_total)),
        pm(res
            .and_then(|r| r.get(Paired::TimeToRecoverH))
            .map(|p| p.estimate)),
    );
}

/// Writes the sweep's tables, curves and page into `out`, beside `files`
/// (its units).
fn publish(
    out: &OutputDir,
    rows: &[SweepRow],
    paths: &[String],
    mut files: Vec<std::path::PathBuf>,
) -> Result<(), CliError> {
    files.extend(
        timings::time(Phase::Pages, || write_tables(out.path(), rows, paths))
            .map_err(CliError::failed)?,
    );
    let charts = timings::time(Phase::Charts, || write_curves(out.path(), rows, paths))
        .map_err(CliError::failed)?;
    let ids: Vec<ChartId> = charts.iter().map(|c| c.id).collect();
    let index = timings::time(Phase::Pages, || write_index(out.path(), rows, paths, &ids))
        .map_err(CliError::failed)?;
    files.extend(charts.iter().flat_map(Saved::files));
    files.push(index.clone());
    out.keep_only(&files)?;
    say!("\nwrote {}", index.display());
    Ok(())
}
