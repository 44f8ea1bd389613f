//! `taktline batch`, `merge` and `sweep`: studies over many replications.
//! The work is the experiment layer's; these functions parse options, show
//! progress and print the headline table.

use std::path::{Path, PathBuf};

use clap::Args;
use taktline::experiment::batch::{Shard, StudyInput};
use taktline::experiment::study::find_shards;
use taktline::experiment::sweep::{PointStore, Vary, points, run_sweep};
use taktline::experiment::{BatchPlan, Target, Warmup, run_batch};
use taktline::output_dir::{OutputDir, files_under};
use taktline::report::ChartId;
use taktline::report::charts::Saved;
use taktline::report::study::{StudyEntry, finish};
use taktline::report::sweep::{write_curves, write_index, write_tables};
use taktline::scenario::{Scenario, load_with};
use taktline::stats::Interval;
use taktline::time::Span;

use super::output::say;
use super::progress::Reporter;
use super::{CliError, jobs, set_days};

/// Most grid points one sweep may run.
const MAX_POINTS: usize = 10_000;

/// The title of every study's index page.
const TITLE: &str = "taktline study";

/// Options of `taktline batch`.
#[derive(Args)]
pub struct BatchArgs {
    /// Scenario files (RON); without any, the baseline embedded in the binary.
    files: Vec<PathBuf>,
    /// Replications per scenario (with --target: the first round).
    #[arg(long, short = 'n', default_value_t = 20)]
    replications: u64,
    #[command(flatten)]
    common: Common,
    /// Warm-up: a duration ("2d") or "auto" for an MSER-5 estimate from 5 pilot replications.
    #[arg(long)]
    warmup: Option<String>,
    /// Output folder: summary.json, index.html, and a folder per scenario.
    #[arg(long, default_value = "study")]
    out: PathBuf,
    /// Run only shard K of N (K from 0): replications r with r mod N = K. Combine with `merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Keep the replications already recorded in --out and run only the rest.
    #[arg(long)]
    resume: bool,
    /// Keep each replication's record (hourly series) under <scenario>/reps.
    #[arg(long)]
    keep_series: bool,
    /// Add replications until the 95% half-width of FIGURE is at most VALUE (e.g. robots_per_day=0.5).
    #[arg(long, value_name = "FIGURE=VALUE")]
    target: Option<String>,
    /// Most replications per scenario with --target.
    #[arg(long, default_value_t = 1000)]
    max_replications: u64,
}

/// Options shared by `batch` and `sweep`.
#[derive(Args)]
struct Common {
    /// Worker threads (default: all cores); results are the same for any value.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Base seed of every random stream (default: each scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Horizon in days (default: each scenario's).
    #[arg(long)]
    days: Option<f64>,
    /// No progress output.
    #[arg(long)]
    quiet: bool,
}

impl Common {
    /// Applies `--seed` and `--days` to a loaded scenario (`warmup_replaced`:
    /// `--warmup` will set the warm-up, so `--days` is not held to the old one).
    fn apply(&self, s: &mut Scenario, warmup_replaced: bool) -> Result<(), CliError> {
        if let Some(seed) = self.seed {
            s.seed = seed;
        }
        if let Some(d) = self.days {
            set_days(s, d, warmup_replaced)?;
        }
        Ok(())
    }
}

/// Options of `taktline merge`.
#[derive(Args)]
pub struct MergeArgs {
    /// Output folders of `taktline batch --shard K/N` runs.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Where to write the merged study.
    #[arg(long, default_value = "study")]
    out: PathBuf,
}

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
    #[command(flatten)]
    common: Common,
}

/// The files given, or the embedded baseline when none is.
fn sources(files: &[PathBuf]) -> Vec<Option<&Path>> {
    if files.is_empty() {
        vec![None]
    } else {
        files.iter().map(|f| Some(f.as_path())).collect()
    }
}

/// Loads every file (or the baseline) and applies the common settings;
/// every problem of every file is reported.
fn load_all(
    files: &[PathBuf],
    common: &Common,
    warmup_replaced: bool,
) -> Result<Vec<Scenario>, CliError> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for p in sources(files) {
        match load_with(p, &[]) {
            Ok(mut s) => {
                common.apply(&mut s, warmup_replaced)?;
                out.push(s);
            }
            Err(e) => problems.extend(e.diagnostics()),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(CliError::Invalid(problems))
    }
}

/// `--warmup`: a duration or "auto".
fn warmup(text: Option<&str>) -> Result<Warmup, CliError> {
    match text.map(str::trim) {
        None => Ok(Warmup::Scenario),
        Some("auto") => Ok(Warmup::Mser5),
        Some(t) => Span::parse(t)
            .map(|s| Warmup::Fixed(s.secs()))
            .map_err(|e| CliError::invalid(format!("--warmup: {e} (or \"auto\")"))),
    }
}

/// `--target FIGURE=VALUE`.
fn target(text: &str, max_replications: u64) -> Result<Target, CliError> {
    let Some((figure, value)) = text.split_once('=') else {
        return Err(CliError::invalid(format!(
            "--target {text:?}: write FIGURE=VALUE, e.g. robots_per_day=0.5"
        )));
    };
    let half_width = value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v > 0.0)
        .ok_or_else(|| {
            CliError::invalid(format!(
                "--target {text:?}: {value:?} is not a positive number"
            ))
        })?;
    Ok(Target {
        figure: figure.trim().to_string(),
        half_width,
        max_replications,
    })
}

fn pm(i: Option<Interval>) -> String {
    match i {
        Some(Interval {
            mean: Some(m),
            half_width: Some(h),
            ..
        }) => format!("{m:.2} ± {h:.2}"),
        Some(Interval { mean: Some(m), .. }) => format!("{m:.2}"),
        _ => "–".into(),
    }
}

fn print_entries(entries: &[StudyEntry]) {
    say!(
        "\n{:<44} {:>5} {:>18} {:>16}",
        "scenario",
        "reps",
        "robots per day",
        "attainment [%]"
    );
    for e in entries {
        say!(
            "{:<44} {:>5} {:>18} {:>16}",
            e.scenario.name,
            e.study.replications,
            pm(e.aggregate.figure("robots_per_day")),
            pm(e.aggregate.figure("takt_attainment").map(|i| Interval {
                mean: i.mean.map(|m| m * 100.0),
                half_width: i.half_width.map(|h| h * 100.0),
                ..i
            })),
        );
        for r in &e.study.resilience {
            let est = |n: &str| r.get(n).map(|p| p.estimate);
            let share = |n: &str| r.get(n).map_or(0.0, |p| p.share_undefined);
            say!(
                "    {}: robots lost {}, TTS {} h (P(survived) {:.2}), TTR {} h, delay {} robot-h{}",
                r.disruption,
                pm(est("robots_lost")),
                pm(est("time_to_survive_h")),
                share("time_to_survive_h"),
                pm(est("time_to_recover_h")),
                pm(est("delay_robot_h")),
                r.get("cost")
                    .filter(|c| c.estimate.n > 0)
                    .map_or(String::new(), |c| format!(
                        ", cost {}",
                        pm(Some(c.estimate))
                    )),
            );
        }
    }
}

/// `taktline batch`
pub fn batch(args: &BatchArgs) -> Result<(), CliError> {
    let scenarios = load_all(&args.files, &args.common, args.warmup.is_some())?;
    let shard = args
        .shard
        .as_deref()
        .map(Shard::parse)
        .transpose()
        .map_err(CliError::invalid)?;
    let target = args
        .target
        .as_deref()
        .map(|t| target(t, args.max_replications))
        .transpose()?;
    let plan = BatchPlan {
        scenarios,
        replications: args.replications,
        out: args.out.clone(),
        jobs: jobs(args.common.jobs)?,
        shard,
        resume: args.resume,
        warmup: warmup(args.warmup.as_deref())?,
        target,
    };
    plan.check()?;
    let out = OutputDir::claim(&args.out)?;
    let inputs = run_batch(plan, &Reporter::new(args.common.quiet))?;
    if let Some(s) = shard {
        out.keep_only(&records(&out, &inputs))?;
        let dirs: Vec<String> = inputs
            .iter()
            .map(|i| i.dirs[0].display().to_string())
            .collect();
        say!(
            "shard {}/{} done: {}. When every shard is done: taktline merge <each shard's --out> --out <study>",
            s.index,
            s.count,
            dirs.join(", ")
        );
        return Ok(());
    }
    finish_study(&out, &inputs, !args.keep_series)
}

/// Every file in the scenario folders of a batch (manifests, records).
fn records(out: &OutputDir, inputs: &[StudyInput]) -> Vec<PathBuf> {
    inputs
        .iter()
        .flat_map(|i| {
            let dir = out.path().join(&i.slug);
            std::iter::once(dir.join("manifest.json")).chain(files_under(&dir.join("reps")))
        })
        .collect()
}

fn finish_study(
    out: &OutputDir,
    inputs: &[StudyInput],
    drop_records: bool,
) -> Result<(), CliError> {
    let finished = finish(out.path(), inputs, TITLE)?;
    if drop_records {
        for i in inputs {
            let _ = std::fs::remove_dir_all(out.path().join(&i.slug).join("reps"));
        }
    }
    let mut files = finished.files;
    files.extend(records(out, inputs));
    out.keep_only(&files)?;
    print_entries(&finished.entries);
    say!("\nwrote {}", out.path().join("index.html").display());
    Ok(())
}

/// `taktline merge`
pub fn merge(args: &MergeArgs) -> Result<(), CliError> {
    let inputs = find_shards(&args.dirs)?;
    let out = OutputDir::claim(&args.out)?;
    finish_study(&out, &inputs, false)
}

/// `taktline sweep`
pub fn sweep(args: &SweepArgs) -> Result<(), CliError> {
    let varies: Vec<Vary> = args
        .vary
        .iter()
        .map(|v| Vary::parse(v))
        .collect::<Result<_, _>>()
        .map_err(CliError::invalid)?;
    if args.replications == 0 {
        return Err(CliError::invalid("--replications must be at least 1"));
    }
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
    let mut horizon_error = None;
    let grid = points(&sources(&args.files), &varies, |s| {
        if let Err(e) = args.common.apply(s, false) {
            horizon_error.get_or_insert(e);
        }
    });
    if let Some(e) = horizon_error {
        return Err(e);
    }
    let grid = grid.map_err(CliError::Invalid)?;
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
    let store = PointStore {
        dir: out.path(),
        resume: args.resume,
    };
    let rows = run_sweep(
        &grid,
        args.replications,
        jobs(args.common.jobs)?,
        &store,
        &reporter,
        |row| {
            let res = row.study.resilience.first();
            let settings: Vec<String> = row
                .settings
                .iter()
                .map(|(p, v)| format!("{p}={v}"))
                .collect();
            say!(
                "{} {}: robots per day {}, robots lost {}, TTR {} h",
                row.scenario,
                settings.join(" "),
                pm(row.study.figures.get("robots_per_day").copied()),
                pm(res
                    .and_then(|r| r.get("robots_lost"))
                    .map(|p| p.estimate)
                    .or(row.study.robots_lost_total)),
                pm(res
                    .and_then(|r| r.get("time_to_recover_h"))
                    .map(|p| p.estimate)),
            );
        },
    )?;
    let paths: Vec<String> = varies.iter().map(|v| v.path.clone()).collect();
    let mut files = write_tables(out.path(), &rows, &paths).map_err(CliError::failed)?;
    let charts = write_curves(out.path(), &rows, &paths).map_err(CliError::failed)?;
    let ids: Vec<ChartId> = charts.iter().map(|c| c.id).collect();
    let index = write_index(out.path(), &rows, &paths, &ids).map_err(CliError::failed)?;
    files.extend(charts.iter().flat_map(Saved::files));
    files.push(index.clone());
    files.extend((0..grid.len()).map(|i| store.path(i)));
    out.keep_only(&files)?;
    say!("\nwrote {}", index.display());
    Ok(())
}
