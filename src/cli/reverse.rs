//! `taktline stress --reverse`: the mildest combinations of nodes failing
//! together that lose a target number of robots.

use taktline::experiment::reverse::{
    ReversePlan, ReverseResult, one_day_of_output, reverse_job, reverse_steps, run_reverse,
};
use taktline::experiment::steps::Steps;
use taktline::experiment::units::Job;
use taktline::experiment::{Prefix, Silent};
use taktline::output_dir::OutputDir;
use taktline::report::reverse::{described, plausibility, write_charts, write_index, write_tables};
use taktline::report::{ChartId, Saved, percent};
use taktline::timings::{self, Phase};

use std::path::PathBuf;

use clap::Args;
use taktline::scenario::{Node, Scenario};

use super::CliError;
use super::output::say;
use super::progress::Reporter;
use super::shard::{shard, shard_steps};

/// The options only `taktline stress --reverse` takes.
#[derive(Args)]
pub struct ReverseArgs {
    /// The reverse stress test: the mildest combinations of nodes failing
    /// together that lose --lose robots (reverse.csv, reverse.json, a chart
    /// and index.html).
    #[arg(long, conflicts_with_all = ["advise"])]
    pub(super) reverse: bool,
    /// With --reverse: robots lost that break the target (default: one day
    /// of output at takt).
    #[arg(
        long,
        requires = "reverse",
        value_name = "ROBOTS",
        allow_negative_numbers = true
    )]
    lose: Option<i64>,
    /// With --reverse: the most nodes failing together.
    #[arg(
        long,
        requires = "reverse",
        default_value_t = 3,
        allow_negative_numbers = true
    )]
    k: i64,
    /// With --reverse: the share of replications that must lose --lose
    /// robots, in (0, 1].
    #[arg(long, requires = "reverse", default_value_t = 0.5)]
    share: f64,
    /// With --reverse: also shorten each node's outage on its own (the top
    /// combinations), not only one multiple of every TTR.
    #[arg(long, requires = "reverse")]
    each: bool,
    /// With --reverse: combinations ranked first, refined and verified by
    /// a direct run.
    #[arg(long, requires = "reverse", default_value_t = 10)]
    top: usize,
}

/// What both stress tests take from the command line, checked.
pub(super) struct Settings {
    pub scenario: Scenario,
    pub nodes: Vec<Node>,
    pub start: f64,
    pub resolution: f64,
    pub jobs: Option<usize>,
    pub replications: u64,
    pub capacity: Option<f64>,
    pub quiet: bool,
    pub out: Option<PathBuf>,
    pub shard: Option<String>,
    pub resume: bool,
}

/// Combinations the terminal lists.
const LISTED: usize = 10;

/// Runs the reverse stress test with the stress test's checked settings.
pub(super) fn reverse(args: &ReverseArgs, settings: Settings) -> Result<(), CliError> {
    let Settings {
        scenario,
        nodes,
        start,
        resolution,
        jobs,
        replications,
        capacity,
        quiet,
        out,
        shard: shard_text,
        resume,
    } = settings;
    let mut problems = Vec::new();
    if args.k < 1 || args.k as usize > nodes.len() {
        problems.push(format!(
            "--k {}: between 1 and the number of nodes tested ({})",
            args.k,
            nodes.len()
        ));
    }
    let lose = match args.lose {
        None => one_day_of_output(&scenario),
        Some(l) if l >= 1 => l as u64,
        Some(l) => {
            problems.push(format!("--lose {l}: robots lost, at least 1"));
            1
        }
    };
    if !(args.share > 0.0 && args.share <= 1.0) {
        problems.push(format!(
            "--share {}: a share of replications in (0, 1], e.g. 0.5",
            args.share
        ));
    }
    if args.top < 1 {
        problems.push("--top 0: at least 1 combination".into());
    }
    if resume && shard_text.is_none() {
        problems.push(
            "--resume with --reverse keeps a shard's tasks: give --shard K/N too (--shard 0/1 for one machine)".into(),
        );
    }
    if !problems.is_empty() {
        return Err(CliError::Invalid(problems));
    }
    let shard = shard(shard_text.as_deref())?;
    let out = OutputDir::claim(out.as_deref().unwrap_or("reverse".as_ref()))?;
    let plan = ReversePlan {
        scenario: scenario.clone(),
        nodes,
        start,
        replications,
        jobs,
        resolution,
        lose,
        k: args.k as usize,
        share: args.share,
        each: args.each,
        top: args.top,
        capacity,
        prefix: Prefix::Shared,
        bounded: true,
    };
    let progress = Reporter::counting(quiet, "combinations");
    let Some(sh) = shard else {
        let result = timings::time(Phase::Simulation, || run_reverse(&plan, &progress))?;
        return publish(&out, &plan, &result);
    };
    let job = reverse_job(&plan, Some(sh));
    shard_steps(&out, job, resume, sh, |steps| {
        reverse_steps(&plan, steps, &progress)
    })
}

/// `taktline merge` of a reverse stress test's shards: the unsharded
/// run's folder, every task read from the shard that made it.
pub fn merge_reverse(job: Job, mut steps: Steps, out: &OutputDir) -> Result<(), CliError> {
    let plan: ReversePlan = job.spec()?;
    let result = reverse_steps(&plan, &mut steps, &Silent)?;
    publish(out, &plan, &result)
}

/// Writes the reverse stress test's tables, charts and page into `out`,
/// and prints its answer.
fn publish(out: &OutputDir, plan: &ReversePlan, result: &ReverseResult) -> Result<(), CliError> {
    let scenario = &plan.scenario;
    let mut files = timings::time(Phase::Pages, || {
        write_tables(out.path(), result, scenario.currency())
    })?;
    let charts = timings::time(Phase::Charts, || write_charts(out.path(), result))
        .map_err(CliError::failed)?;
    let ids: Vec<ChartId> = charts.iter().map(|c| c.id).collect();
    let index = timings::time(Phase::Pages, || {
        write_index(out.path(), scenario, result, &ids)
    })?;
    files.extend(charts.iter().flat_map(Saved::files));
    files.push(index.clone());
    out.keep_only(&files)?;
    let (lose, replications) = (plan.lose, plan.replications);
    let partial = plan.capacity.is_some();
    say!(
        "target: {} robots lost in at least {} of {} replications, outages from {:.0} h",
        taktline::report::money(lose as f64, ""),
        percent(plan.share),
        replications,
        result.start_h
    );
    let breaking: Vec<_> = result.mildest().collect();
    if breaking.is_empty() {
        say!(
            "no combination of up to {} nodes loses {} robots, even failing until the horizon",
            result.k,
            taktline::report::money(lose as f64, "")
        );
    }
    for (rank, c) in breaking.iter().take(LISTED).enumerate() {
        let direct = c.verified.as_ref().map_or(String::new(), |v| {
            format!(
                "; direct run: {:.1} lost, {} reaching{}",
                v.robots_lost.mean.unwrap_or(0.0),
                percent(v.share_reaching),
                if v.breaks { "" } else { " (NOT CONFIRMED)" }
            )
        });
        say!(
            "{:>2}. {}\n    {}{direct}",
            rank + 1,
            described(c, partial),
            plausibility(c)
        );
    }
    if breaking.len() > LISTED {
        say!("    … {} more in reverse.csv", breaking.len() - LISTED);
    }
    let dominated = result.breaking().count() - breaking.len();
    if dominated > 0 {
        say!(
            "({dominated} more combinations break only as soon as a part of them does: in reverse.csv)"
        );
    }
    say!("\nwrote {}", index.display());
    Ok(())
}
