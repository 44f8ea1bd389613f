//! `taktline batch`: replications of each scenario in parallel (or one
//! shard of them), then the study.

use std::path::PathBuf;

use clap::Args;
use taktline::experiment::{BatchPlan, Prefix, Target, Warmup, run_batch};
use taktline::output_dir::OutputDir;
use taktline::time::Span;

use super::output::say;
use super::progress::Reporter;
use super::shard::shard;
use super::study::{Common, finish_study, load_all, records};
use super::{CliError, jobs};

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

/// `taktline batch`
pub fn batch(args: &BatchArgs) -> Result<(), CliError> {
    let scenarios = load_all(&args.files, &args.common, args.warmup.is_some())?;
    let shard = shard(args.shard.as_deref())?;
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
        prefix: Prefix::Shared,
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
