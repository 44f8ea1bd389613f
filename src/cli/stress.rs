//! `taktline stress`: every node of the network fails in turn; which are at
//! risk, what their outage costs, and (with --advise) what stock covers them.

use std::path::PathBuf;
use taktline::timings::{self, Phase};

use clap::Args;
use taktline::experiment::Prefix;
use taktline::experiment::records::check_replications;
use taktline::experiment::stress::{
    NodeResult, StressPlan, StressResult, stress_job, stress_nodes, stress_result,
};
use taktline::experiment::units::{Job, UnitStore};
use taktline::output_dir::OutputDir;
use taktline::report::ChartId;
use taktline::report::Saved;
use taktline::report::stress::{write_charts, write_index, write_tables};
use taktline::scenario::Node;
use taktline::scenario::limits::MAX_SLOWDOWN;
use taktline::time::{HOUR, Span, format_span};

use super::output::say;
use super::progress::Reporter;
use super::reverse::{ReverseArgs, Settings, reverse};
use super::shard::{shard, shard_done};
use super::{CliError, jobs, load};
use taktline::stats::figures::Paired;

/// Options of `taktline stress`.
#[derive(Args)]
pub struct StressArgs {
    /// Scenario file (RON); without it, the embedded baseline. Its
    /// disruptions are ignored: each node fails alone.
    file: Option<PathBuf>,
    /// Only these nodes (comma-separated names of suppliers, routes,
    /// stations or the scenario's groups); default: every node.
    #[arg(long, value_delimiter = ',')]
    nodes: Vec<String>,
    /// A node's time to recover, e.g. Wenzhou=96h (repeatable); default: the scenario's.
    #[arg(long, value_name = "NODE=DURATION")]
    ttr: Vec<String>,
    /// When every outage starts, e.g. 10d (default: the scenario's, else day 10).
    #[arg(long)]
    start: Option<String>,
    /// Replications of every evaluation.
    #[arg(long, short = 'n', default_value_t = 20)]
    replications: u64,
    /// Resolution of the longest harmless outage's bisection.
    #[arg(long, default_value = "1h")]
    resolution: String,
    /// For each node at risk, search the smallest extra stock that covers it.
    #[arg(long)]
    advise: bool,
    /// Partial failures instead of outages: each node keeps this share of
    /// its capacity (a supplier's rate, a station's speed; a route's trucks
    /// take 1/FACTOR as long), e.g. 0.5; between 0 and 1.
    #[arg(long, value_name = "FACTOR")]
    capacity: Option<f64>,
    /// Worker threads (default: all cores; at most 1024); results are the same for any value.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Base seed of every random stream (default: the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Horizon in days (default: the scenario's).
    #[arg(long)]
    days: Option<f64>,
    /// The reverse stress test's options.
    #[command(flatten)]
    reverse: ReverseArgs,
    /// Output folder (default: stress, or reverse with --reverse).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Run only shard K of N (K from 0): nodes i with i mod N = K, in the
    /// scenario's order. Combine the shards' folders with `taktline merge`.
    /// With --reverse, whose steps (one per size of combination, then the
    /// direct runs) depend on each other: tasks i mod N = K of each step;
    /// keep the shards' folders side by side (e.g. shards/0 .. shards/N-1,
    /// where each reads the others' results) and run every shard again
    /// with --resume until merge succeeds (at most k + 1 rounds).
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Keep the nodes (with --reverse: the tasks) already done in --out (the same stress test) and run only the rest.
    #[arg(long)]
    resume: bool,
    /// No progress output.
    #[arg(long)]
    quiet: bool,
}

fn duration(option: &str, text: &str) -> Result<f64, CliError> {
    let secs = Span::parse(text)
        .map_err(|e| CliError::invalid(format!("{option}: {e}")))?
        .secs();
    Ok(secs)
}

/// `taktline stress [FILE]`
pub fn stress(args: &StressArgs) -> Result<(), CliError> {
    let scenario = load(args.file.as_deref(), args.seed, args.days)?;
    check_replications(args.replications)
        .map_err(|why| CliError::invalid(format!("--replications: {why}")))?;
    let start = match &args.start {
        Some(t) => duration("--start", t)?,
        None => scenario.stress.start,
    };
    if !(start >= 0.0 && start + HOUR <= scenario.horizon) {
        return Err(CliError::invalid(format!(
            "--start {}: outages must start at least an hour before the horizon ({})",
            format_span(start),
            format_span(scenario.horizon)
        )));
    }
    // A route keeps its share as a slowdown of 1/f, held to the scenario's
    // largest slowdown like any written in a file.
    let least = 1.0 / MAX_SLOWDOWN;
    if let Some(f) = args.capacity
        && !(f >= least && f < 1.0)
    {
        return Err(CliError::invalid(format!(
            "--capacity {f}: a share of capacity from {least} up to, not including, 1 (1 is no failure; for a full outage leave it out)"
        )));
    }
    let resolution = duration("--resolution", &args.resolution)?;
    if resolution.is_nan() || resolution < 60.0 {
        return Err(CliError::invalid("--resolution: at least 1min"));
    }
    let nodes = chosen_nodes(args, &scenario)?;
    if args.reverse.reverse {
        let settings = Settings {
            scenario,
            nodes,
            start,
            resolution,
            jobs: jobs(args.jobs)?,
            replications: args.replications,
            capacity: args.capacity,
            quiet: args.quiet,
            out: args.out.clone(),
            shard: args.shard.clone(),
            resume: args.resume,
        };
        return reverse(&args.reverse, settings);
    }
    let shard = shard(args.shard.as_deref())?;
    let out = OutputDir::claim(args.out.as_deref().unwrap_or("stress".as_ref()))?;
    let plan = StressPlan {
        scenario,
        nodes,
        start,
        replications: args.replications,
        jobs: jobs(args.jobs)?,
        resolution,
        advise: args.advise,
        capacity: args.capacity,
        prefix: Prefix::Shared,
    };
    let store = UnitStore::open(out.path(), stress_job(&plan, shard), args.resume)?;
    let nodes = timings::time(Phase::Simulation, || {
        stress_nodes(
            &plan,
            Some(&store),
            &Reporter::counting(args.quiet, "nodes"),
        )
    })?;
    if let Some(s) = shard {
        out.keep_only(&store.files())?;
        return shard_done(s, out.path());
    }
    let result = stress_result(&plan, nodes.into_iter().flatten().collect());
    publish(&out, &plan, &result, store.files())
}

/// `taktline merge` of a stress test's shards: the unsharded run's folder.
pub fn merge_stress(job: Job, units: Vec<NodeResult>, out: &OutputDir) -> Result<(), CliError> {
    let plan: StressPlan = job.spec()?;
    let store = UnitStore::merged(out.path(), job, &units)?;
    let result = stress_result(&plan, units);
    publish(out, &plan, &result, store.files())
}

/// Writes the stress test's tables, charts and page into `out` (beside
/// `files`, its units), and prints its table.
fn publish(
    out: &OutputDir,
    plan: &StressPlan,
    result: &StressResult,
    mut files: Vec<PathBuf>,
) -> Result<(), CliError> {
    let scenario = &plan.scenario;
    files.extend(timings::time(Phase::Pages, || {
        write_tables(out.path(), result, scenario.currency())
    })?);
    let charts = timings::time(Phase::Charts, || write_charts(out.path(), result))
        .map_err(CliError::failed)?;
    let ids: Vec<ChartId> = charts.iter().map(|c| c.id).collect();
    let index = timings::time(Phase::Pages, || {
        write_index(out.path(), scenario, result, &ids)
    })?;
    files.extend(charts.iter().flat_map(Saved::files));
    files.push(index.clone());
    out.keep_only(&files)?;
    if let Some(f) = plan.capacity {
        say!(
            "every node at {} of its capacity instead of an outage",
            taktline::report::percent(f)
        );
    }
    // The figure the nodes are ranked by, where it is money, in a column of its own.
    let currency = scenario.costs.as_ref().map(|c| c.currency.as_str());
    let cost_head = currency.map_or(String::new(), |c| {
        format!(" {:>16}", format!("cost at TTR {c}"))
    });
    say!(
        "{:<22} {:>8} {:>12} {:>11} {:>16} {:>13}{cost_head}  at risk",
        "node",
        "TTR h",
        "TTS h",
        "P(survived)",
        "harmless up to h",
        "lost at TTR"
    );
    for n in &result.nodes {
        let cost = currency.map_or(String::new(), |_| {
            format!(
                " {:>16}",
                n.impact(Paired::Cost)
                    .map_or("–".to_string(), |c| taktline::report::money(c, ""))
            )
        });
        say!(
            "{:<22} {:>8.0} {:>12} {:>11.2} {:>16.1} {:>13.1}{cost}  {}",
            n.node,
            n.ttr_h,
            n.tts_h
                .estimate
                .mean
                .map_or("–".to_string(), |m| format!("{m:.1}")),
            n.tts_h.share_undefined,
            n.longest_harmless_h,
            n.impact(Paired::RobotsLost).unwrap_or(0.0),
            if n.at_risk { "AT RISK" } else { "" }
        );
        if let Some(a) = &n.advice {
            say!("    advice: {}", a.verdict);
        }
    }
    if let Some(p) = &result.advice_plan {
        let file = if scenario.source.is_empty() {
            "scenarios/baseline.ron".to_string()
        } else {
            scenario.source.clone()
        };
        say!(
            "\nAll the advice as one plan (each part's largest extra stock once{}), to weigh against doing nothing:\n  taktline compare {file} --plan '{}'",
            p.holding_cost_per_year.map_or(String::new(), |h| format!(
                ", holding {} a year",
                taktline::report::money(
                    h,
                    scenario.costs.as_ref().map_or("", |c| c.currency.as_str())
                )
            )),
            p.plan
        );
    }
    say!("\nwrote {}", index.display());
    Ok(())
}

/// The scenario's stress nodes that `--nodes` chose, with `--ttr`'s times
/// to recover.
fn chosen_nodes(
    args: &StressArgs,
    scenario: &taktline::scenario::Scenario,
) -> Result<Vec<Node>, CliError> {
    let mut nodes = scenario.stress.nodes.clone();
    let known: Vec<String> = nodes.iter().map(|n| n.name.clone()).collect();
    let mut problems = Vec::new();
    for (k, name) in known.iter().enumerate() {
        if known[..k].contains(name) {
            problems.push(format!(
                "{name:?} names two nodes (a supplier, route or station): rename one to stress-test it"
            ));
        }
    }
    for t in &args.ttr {
        // The last `=`: a duration never holds one, a node's name may.
        let Some((name, value)) = t.rsplit_once('=') else {
            problems.push(format!(
                "--ttr {t:?}: write NODE=DURATION, e.g. Wenzhou=96h"
            ));
            continue;
        };
        match (
            nodes.iter_mut().find(|n| n.name == name.trim()),
            Span::parse(value),
        ) {
            (None, _) => problems.push(format!(
                "--ttr {t:?}: no node {:?} (nodes: {})",
                name.trim(),
                known.join(", ")
            )),
            (_, Err(e)) => problems.push(format!("--ttr {t:?}: {e}")),
            (Some(_), Ok(v)) if v.secs() <= 0.0 => {
                problems.push(format!("--ttr {t:?}: a time to recover must be positive"))
            }
            (Some(n), Ok(v)) => n.ttr = v.secs(),
        }
    }
    let chosen = node_names(&args.nodes, &known);
    for name in &chosen {
        if !known.iter().any(|k| k == name.trim()) {
            problems.push(format!(
                "--nodes: no node {:?} (nodes: {})",
                name.trim(),
                known.join(", ")
            ));
        }
    }
    if !problems.is_empty() {
        return Err(CliError::Invalid(problems));
    }
    if !chosen.is_empty() {
        nodes.retain(|n| chosen.iter().any(|a| a.trim() == n.name));
    }
    Ok(nodes)
}

/// The node names `--nodes` gives, its comma-separated pieces joined again
/// where together they spell a node whose name holds a comma.
fn node_names(pieces: &[String], known: &[String]) -> Vec<String> {
    // No node's name spans more pieces than it has commas, plus one.
    let widest = known
        .iter()
        .map(|k| k.matches(',').count())
        .max()
        .unwrap_or(0)
        + 1;
    let mut names = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        // The longest run of pieces from `i` that names a node, else one.
        let run = (i + 1..=pieces.len().min(i + widest))
            .rev()
            .find(|&end| {
                let joined = pieces[i..end].join(",");
                known.iter().any(|k| k == joined.trim())
            })
            .unwrap_or(i + 1);
        names.push(pieces[i..run].join(","));
        i = run;
    }
    names
}
