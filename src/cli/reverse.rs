//! `taktline stress --reverse`: the mildest combinations of nodes failing
//! together that lose a target number of robots.

use taktline::experiment::Prefix;
use taktline::experiment::reverse::{ReversePlan, one_day_of_output, run_reverse};
use taktline::output_dir::OutputDir;
use taktline::report::reverse::{described, plausibility, write_charts, write_index, write_tables};
use taktline::report::{ChartId, Saved, percent};
use taktline::timings::{self, Phase};

use super::CliError;
use super::output::say;
use super::progress::Reporter;
use super::stress::{Settings, StressArgs};

/// Combinations the terminal lists.
const LISTED: usize = 10;

/// Runs the reverse stress test with the stress test's checked settings.
pub(super) fn reverse(args: &StressArgs, settings: Settings) -> Result<(), CliError> {
    let Settings {
        scenario,
        nodes,
        start,
        resolution,
        jobs,
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
    if !problems.is_empty() {
        return Err(CliError::Invalid(problems));
    }
    let out = OutputDir::claim(args.out.as_deref().unwrap_or("reverse".as_ref()))?;
    let plan = ReversePlan {
        scenario: scenario.clone(),
        nodes,
        start,
        replications: args.replications,
        jobs,
        resolution,
        lose,
        k: args.k as usize,
        share: args.share,
        each: args.each,
        top: args.top,
        capacity: args.capacity,
        prefix: Prefix::Shared,
        bounded: true,
    };
    let result = timings::time(Phase::Simulation, || {
        run_reverse(&plan, &Reporter::counting(args.quiet, "combinations"))
    })?;
    let mut files = timings::time(Phase::Pages, || write_tables(out.path(), &result))?;
    let charts = timings::time(Phase::Charts, || write_charts(out.path(), &result))
        .map_err(CliError::failed)?;
    let ids: Vec<ChartId> = charts.iter().map(|c| c.id).collect();
    let index = timings::time(Phase::Pages, || {
        write_index(out.path(), &scenario, &result, &ids)
    })?;
    files.extend(charts.iter().flat_map(Saved::files));
    files.push(index.clone());
    out.keep_only(&files)?;
    let partial = args.capacity.is_some();
    say!(
        "target: {lose} robots lost in at least {} of {} replications, outages from {:.0} h",
        percent(args.share),
        args.replications,
        result.start_h
    );
    let breaking: Vec<_> = result.mildest().collect();
    if breaking.is_empty() {
        say!(
            "no combination of up to {} nodes loses {lose} robots, even failing until the horizon",
            result.k
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
