//! `taktline compare`: plans side by side on the same hazard years, what
//! each costs a year, and which is cheapest where that is significant.

use std::path::{Path, PathBuf};
use taktline::timings::{self, Phase};

use clap::Args;
use taktline::experiment::Prefix;
use taktline::experiment::compare::{
    CompareSettings, CompareUnit, Comparison, Plan, compare_job, compare_units, comparison,
};
use taktline::experiment::records::check_replications;
use taktline::experiment::units::{Job, UnitStore};
use taktline::output_dir::OutputDir;
use taktline::report::compare::{render, write_compare};
use taktline::scenario::{Override, Scenario, at_field};

use super::output::say;
use super::progress::Reporter;
use super::shard::{shard, shard_done};
use super::{CliError, jobs, load_overridden, seed_and_days};

/// Most hazard years per plan.
const MAX_YEARS: u64 = 100_000;

/// Options of `taktline compare`.
#[derive(Args)]
pub struct CompareArgs {
    /// The base plan (what is done today): a scenario file.
    base: PathBuf,
    /// The plans to weigh against it: scenario files, usually extending the base.
    plans: Vec<PathBuf>,
    /// A plan made from the base by settings, one line: 'LABEL=PATH=VALUE[;PATH=VALUE...]',
    /// PATH as for `sweep --vary` (e.g. 'more bearings=routes.Wenzhou-Shanghai.order_up_to=9000').
    #[arg(long = "plan", value_name = "LABEL=PATH=VALUE")]
    plan: Vec<String>,
    /// Hazard years per plan (the same years for every plan).
    #[arg(long, default_value_t = 20)]
    years: u64,
    /// Replications of each plan's own disruptions (its cost per occurrence); 0: none.
    #[arg(long, short = 'n', default_value_t = 20)]
    replications: u64,
    /// Output folder: compare.json, compare.csv, charts and index.html.
    #[arg(long, default_value = "compare")]
    out: PathBuf,
    /// Worker threads (default: all cores; at most 1024); results are the same for any value.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Base seed of every random stream (default: each plan's).
    #[arg(long)]
    seed: Option<u64>,
    /// Run only shard K of N (K from 0): the hazard years and replications
    /// i with i mod N = K. Combine the shards' folders with `taktline merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Keep the hazard years and replications already done in --out (the
    /// same comparison) and run only the rest.
    #[arg(long)]
    resume: bool,
    /// No progress output.
    #[arg(long)]
    quiet: bool,
}

/// `taktline compare`
pub fn compare(args: &CompareArgs) -> Result<(), CliError> {
    // Before anything is claimed or printed: a bad --shard stops here.
    let shard = shard(args.shard.as_deref())?;
    if args.plans.is_empty() && args.plan.is_empty() {
        return Err(CliError::invalid(
            "give at least one plan to compare with the base: a scenario file or --plan",
        ));
    }
    if !(1..=MAX_YEARS).contains(&args.years) {
        return Err(CliError::invalid(format!(
            "--years must be 1 to {MAX_YEARS}, got {}",
            args.years
        )));
    }
    if args.replications > 0 {
        check_replications(args.replications)
            .map_err(|why| CliError::invalid(format!("--replications: {why}")))?;
    }
    let seed = seed_and_days(args.seed, None, false);
    let mut plans = vec![load_plan(&args.base, &seed)?];
    for file in &args.plans {
        plans.push(load_plan(file, &seed)?);
    }
    for line in &args.plan {
        plans.push(plan_from_line(&args.base, line, &seed)?);
    }
    check_plans(&mut plans)?;
    let out = OutputDir::claim(&args.out)?;
    say!(
        "compare: {} plans x {} hazard years{}",
        plans.len(),
        args.years,
        if args.replications > 0 {
            format!(
                ", and {} replications of each plan's own disruptions",
                args.replications
            )
        } else {
            String::new()
        }
    );
    let reporter = Reporter::new(args.quiet);
    let settings = CompareSettings {
        first_year: 0,
        twin_orders: false,
        years: args.years,
        replications: args.replications,
        jobs: jobs(args.jobs)?,
        prefix: Prefix::Shared,
    };
    let store = UnitStore::open(
        out.path(),
        compare_job(&plans, settings, shard),
        args.resume,
    )?;
    let units = timings::time(Phase::Simulation, || {
        compare_units(&plans, settings, Some(&store), &reporter)
    })?;
    if let Some(s) = shard {
        out.keep_only(&store.files())?;
        return shard_done(s, out.path());
    }
    let result = comparison(&plans, settings, units.into_iter().flatten().collect());
    publish(&out, &result, store.files())
}

/// `taktline merge` of a comparison's shards: the unsharded run's folder.
pub fn merge_compare(job: Job, units: Vec<CompareUnit>, out: &OutputDir) -> Result<(), CliError> {
    let (plans, settings): (Vec<Plan>, CompareSettings) = job.spec()?;
    let store = UnitStore::merged(out.path(), job, &units)?;
    let result = comparison(&plans, settings, units);
    publish(out, &result, store.files())
}

/// Prints the comparison and writes its tables, charts and page into
/// `out`, beside `files` (its units).
fn publish(out: &OutputDir, result: &Comparison, mut files: Vec<PathBuf>) -> Result<(), CliError> {
    say!("{}", render(result));
    // Its charts and its page are written together.
    files.extend(
        timings::time(Phase::Pages, || write_compare(out.path(), result))
            .map_err(CliError::failed)?,
    );
    out.keep_only(&files)?;
    say!("wrote {}", out.path().join("index.html").display());
    Ok(())
}

fn load_plan(file: &Path, overrides: &[Override]) -> Result<Plan, CliError> {
    let scenario = load_overridden(Some(file), overrides)?;
    Ok(Plan {
        label: scenario.name.clone(),
        scenario,
    })
}

/// `LABEL=PATH=VALUE[;PATH=VALUE...]`: the base with those settings.
fn plan_from_line(base: &Path, line: &str, seed: &[Override]) -> Result<Plan, CliError> {
    let bad = |why: &str| CliError::invalid(format!("--plan {line:?}: {why}"));
    let (label, settings) = line
        .split_once('=')
        .ok_or_else(|| bad("expected LABEL=PATH=VALUE, e.g. 'more bearings=routes.Wenzhou-Shanghai.order_up_to=9000'"))?;
    let label = label.trim();
    if label.is_empty() {
        return Err(bad("the plan needs a label before the first '='"));
    }
    let mut overrides = seed.to_vec();
    for setting in settings.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let (path, value) = setting
            .rsplit_once('=')
            .ok_or_else(|| bad(&format!("{setting:?} is not PATH=VALUE")))?;
        overrides.push(Override {
            path: path.trim().to_string(),
            value: value.trim().to_string(),
            given: format!("--plan {label:?}: {setting}"),
            sets_horizon: false,
        });
    }
    if overrides.len() == seed.len() {
        return Err(bad("no setting after the label: give PATH=VALUE"));
    }
    let mut plan = load_plan(base, &overrides)?;
    plan.label = label.to_string();
    plan.scenario.name = label.to_string();
    Ok(plan)
}

/// Every plan has costs in one currency and the base's bill of materials; labels are
/// made distinct (a repeated name gets its file's name).
fn check_plans(plans: &mut [Plan]) -> Result<(), CliError> {
    // The robot's bill of materials; a supplier's own inputs (tier 2,
    // per_robot 0) may differ from plan to plan.
    let parts = |s: &Scenario| {
        let mut names: Vec<String> = s
            .parts
            .iter()
            .filter(|p| p.per_robot > 0)
            .map(|p| p.name.clone())
            .collect();
        names.sort();
        names
    };
    let base_parts = parts(&plans[0].scenario);
    let currency = plans[0].scenario.costs.as_ref().map(|c| c.currency.clone());
    for p in plans.iter() {
        let s = &p.scenario;
        let Some(costs) = &s.costs else {
            return Err(CliError::invalid(format!(
                "{}: a plan needs a `costs` block to be priced",
                s.source
            )));
        };
        if Some(&costs.currency) != currency.as_ref() {
            return Err(CliError::invalid(format!(
                "{}: its currency {:?} is not the base's {:?}: amounts in different currencies cannot be compared",
                s.source,
                costs.currency,
                currency.unwrap_or_default()
            )));
        }
        if parts(s) != base_parts {
            return Err(CliError::invalid(at_field(
                Path::new(&s.source),
                "parts",
                format!(
                    "the robot's parts ({}) are not the base's ({}): plans must make the same robot",
                    parts(s).join(", "),
                    base_parts.join(", ")
                ),
            )));
        }
    }
    for i in 0..plans.len() {
        let repeated = plans[..i].iter().any(|p| p.label == plans[i].label);
        if repeated {
            let file = Path::new(&plans[i].scenario.source)
                .file_name()
                .map_or(String::new(), |f| f.to_string_lossy().into_owned());
            plans[i].label = format!("{} ({file}, plan {})", plans[i].label, i + 1);
        }
    }
    Ok(())
}
