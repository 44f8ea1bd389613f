//! `taktline plan`: the cheapest combination of lever values that meets
//! the constraints, found by simulation optimisation, written as a
//! scenario file that extends the one searched.

use std::path::{Component, Path, PathBuf};

use clap::Args;
use serde::{Deserialize, Serialize};
use taktline::experiment::plan::{
    MAX_STAGE_YEARS, PlanOutcome, PlanSettings, Setting, find_plan_in_steps, plan_job, recheck,
};
use taktline::experiment::records::digest;
use taktline::experiment::steps::Steps;
use taktline::experiment::units::Job;
use taktline::experiment::{BatchError, Prefix, Progress, Silent};
use taktline::output_dir::OutputDir;
use taktline::report::plan::{answer, render, write_plan};
use taktline::scenario::{
    BASELINE_RON, DesignSpace, Override, Scenario, load_candidate, load_file, load_with,
    load_with_space,
};
use taktline::timings::{self, Phase};

use super::output::{say, tell};
use super::progress::Reporter;
use super::shard::{shard, shard_steps};
use super::{CliError, error, jobs, seed_and_days};

/// Most candidates one search may evaluate.
const MAX_BUDGET: usize = 100_000;

/// The plan file written into the output folder.
const PLAN_FILE: &str = "plan.ron";

/// Options of `taktline plan`.
#[derive(Args)]
pub struct PlanArgs {
    /// Scenario file whose plan is sought (default: the embedded baseline, which ships a design space).
    scenario: Option<PathBuf>,
    /// The design space: a RON file `Plan(levers: [...], delta: ..., ...)` (default: the scenario's `plan` block).
    #[arg(long, value_name = "FILE")]
    space: Option<PathBuf>,
    /// Hazard years per candidate in the search (every candidate on the same years).
    #[arg(long, default_value_t = 10)]
    years: u64,
    /// Replications of each constrained node's outage (the lose_at_most constraint).
    #[arg(long, short = 'n', default_value_t = 10)]
    replications: u64,
    /// Most candidates the search evaluates.
    #[arg(long, default_value_t = 60)]
    budget: usize,
    /// Best candidates taken into the ranking-and-selection step.
    #[arg(long, default_value_t = 5)]
    select: usize,
    /// Most hazard years a candidate gets in the selection.
    #[arg(long, default_value_t = 400)]
    most_years: u64,
    /// Fresh hazard years of the final comparison of the plan with today's.
    #[arg(long, default_value_t = 40)]
    verify_years: u64,
    /// Output folder: plan.ron, plan.json, candidates.csv, charts and index.html.
    #[arg(long, default_value = "plan")]
    out: PathBuf,
    /// Worker threads (default: all cores; at most 1024); results are the same for any value.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Base seed of every random stream (default: the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Run only shard K of N (K from 0) of the search's steps (today's
    /// plan, each round of the search, each batch of the selection's
    /// years, the final comparison): tasks i mod N = K of each. Keep the
    /// shards' folders side by side (e.g. shards/0 .. shards/N-1, where each
    /// reads the others' results) and run every shard again with --resume
    /// until `taktline merge` succeeds (exit code 3 until then).
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// With --shard: keep the tasks already done in --out (the same search)
    /// and run only the rest (`--shard 0/1` for one machine that resumes).
    #[arg(long, requires = "shard")]
    resume: bool,
    /// No progress output.
    #[arg(long)]
    quiet: bool,
}

/// What a plan search's shards record: enough for the merge to load the
/// same scenario and design space (the merge runs where the shards did).
#[derive(Serialize, Deserialize)]
struct PlanSpec {
    scenario: Option<PathBuf>,
    space: Option<PathBuf>,
    seed: Option<u64>,
    settings: PlanSettings,
}

/// Today's plan and its design space, loaded, and the overrides every
/// candidate is built with.
struct Setup {
    today: Scenario,
    space: DesignSpace,
    common: Vec<Override>,
}

impl Setup {
    fn load(spec: &PlanSpec) -> Result<Setup, CliError> {
        let common = seed_and_days(spec.seed, None, false);
        let file = spec.scenario.as_deref();
        let loaded = match &spec.space {
            Some(space) => load_with_space(file, space, &common)?,
            None => load_with(file, &common)?,
        };
        for w in &loaded.warnings {
            error::warn(w);
        }
        let today = loaded.scenario;
        let Some(space) = today.plan.clone() else {
            return Err(CliError::invalid(format!(
                "{}: no design space: give one with --space FILE, or a `plan` block in the scenario (see the baseline's)",
                today.source
            )));
        };
        if today.costs.is_none() {
            return Err(CliError::invalid(format!(
                "{}: a plan is priced: the scenario needs a `costs` block",
                today.source
            )));
        }
        Ok(Setup {
            today,
            space,
            common,
        })
    }

    /// The search, with its simulations from `steps`.
    fn find(
        &self,
        spec: &PlanSpec,
        steps: &mut Steps,
        progress: &dyn Progress,
    ) -> Result<(PlanOutcome, Option<Scenario>), BatchError> {
        let file = spec.scenario.as_deref();
        let build = |pairs: &[(String, String)]| {
            let mut overrides = self.common.clone();
            overrides.extend(pairs.iter().map(|(p, v)| Override::vary(p, v)));
            load_candidate(file, &overrides)
                .map(|l| l.scenario)
                .map_err(|e| e.diagnostics().join("; "))
        };
        find_plan_in_steps(
            &self.today,
            &self.space,
            &build,
            spec.settings,
            steps,
            progress,
        )
    }
}

/// `taktline plan`
pub fn plan(args: &PlanArgs) -> Result<(), CliError> {
    let spec = PlanSpec {
        scenario: args.scenario.clone(),
        space: args.space.clone(),
        seed: args.seed,
        settings: settings(args)?,
    };
    let settings = spec.settings;
    let shard = shard(args.shard.as_deref())?;
    let setup = Setup::load(&spec)?;
    let (today, space) = (&setup.today, &setup.space);
    let out = OutputDir::claim(&args.out)?;
    say!(
        "plan: {} levers, at most {} candidates x {} hazard years{}",
        space.levers.len(),
        settings.budget,
        settings.search_years,
        if space.lose_at_most.is_some() {
            format!(
                ", each with {} replications of {} outages",
                settings.replications,
                space.nodes.len()
            )
        } else {
            String::new()
        }
    );
    if today.hazards.is_empty() {
        tell!(
            "note: {} has no hazards: the expected annual loss of every plan is 0, so the cheapest running cost wins",
            today.source
        );
    }
    let reporter = Reporter::counting(args.quiet, "done");
    let Some(sh) = shard else {
        let found = timings::time(Phase::Simulation, || {
            setup.find(&spec, &mut Steps::here(), &reporter)
        })?;
        return publish(&out, &setup, &spec, found);
    };
    let job = plan_job(today, settings, &spec, Some(sh));
    shard_steps(&out, job, args.resume, sh, |steps| {
        setup.find(&spec, steps, &reporter)
    })
}

/// `taktline merge` of a plan search's shards: the unsharded run's
/// folder, every simulation read from the shard that made it (but the
/// plan file's re-check, a stress test of the file the merge writes).
pub fn merge_plan(job: Job, mut steps: Steps, out: &OutputDir) -> Result<(), CliError> {
    let spec: PlanSpec = job.spec()?;
    let setup = Setup::load(&spec)?;
    if plan_job(&setup.today, spec.settings, &spec, None).digest != job.digest {
        return Err(CliError::invalid(format!(
            "{}: the scenario (or its design space) is not what the shards searched: it changed since, or the merge runs elsewhere than the shards did",
            setup.today.source
        )));
    }
    let found = setup.find(&spec, &mut steps, &Silent)?;
    publish(out, &setup, &spec, found)
}

/// Writes the plan file (re-checked as written), tables, charts and page
/// into `out`, and prints the answer.
fn publish(
    out: &OutputDir,
    setup: &Setup,
    spec: &PlanSpec,
    (mut outcome, winner): (PlanOutcome, Option<Scenario>),
) -> Result<(), CliError> {
    let mut files = Vec::new();
    if let Some(winner) = &winner {
        let written = write_plan_file(
            out.path(),
            spec.scenario.as_deref(),
            &setup.today,
            &outcome,
            spec.seed,
        )?;
        let reread = load_file(&out.path().join(PLAN_FILE))?;
        if content(&reread) != content(winner) {
            return Err(CliError::failed(format!(
                "{}: the plan file does not reproduce the plan found (a bug: please report it)",
                out.path().join(PLAN_FILE).display()
            )));
        }
        outcome.rechecked = timings::time(Phase::Simulation, || {
            recheck(&reread, &setup.space, spec.settings)
        })?;
        outcome.plan_file = Some(PLAN_FILE.into());
        files.extend(written);
    }
    let report = timings::time(Phase::Pages, || write_plan(out.path(), &outcome))
        .map_err(CliError::failed)?;
    files.extend(report);
    out.keep_only(&files)?;
    say!("{}", render(&outcome));
    if outcome.plan_file.is_some() {
        say!("wrote {}", out.path().join(PLAN_FILE).display());
    }
    say!("wrote {}", out.path().join("index.html").display());
    Ok(())
}

/// The settings, each checked.
fn settings(args: &PlanArgs) -> Result<PlanSettings, CliError> {
    let bad = |m: String| Err(CliError::invalid(m));
    if !(2..=MAX_STAGE_YEARS).contains(&args.years) {
        return bad(format!(
            "--years must be 2 to {MAX_STAGE_YEARS}, got {}",
            args.years
        ));
    }
    if !(1..=MAX_BUDGET).contains(&args.budget) {
        return bad(format!(
            "--budget must be 1 to {MAX_BUDGET} candidates, got {}",
            args.budget
        ));
    }
    if !(1..=10_000).contains(&args.replications) {
        return bad(format!(
            "--replications must be 1 to 10000, got {}",
            args.replications
        ));
    }
    if !(1..=100).contains(&args.select) {
        return bad(format!(
            "--select must be 1 to 100 candidates, got {}",
            args.select
        ));
    }
    if !(args.years..=MAX_STAGE_YEARS).contains(&args.most_years) {
        return bad(format!(
            "--most-years must be at least --years ({}) and at most {MAX_STAGE_YEARS}, got {}",
            args.years, args.most_years
        ));
    }
    if !(2..=MAX_STAGE_YEARS).contains(&args.verify_years) {
        return bad(format!(
            "--verify-years must be 2 to {MAX_STAGE_YEARS}, got {}",
            args.verify_years
        ));
    }
    Ok(PlanSettings {
        search_years: args.years,
        replications: args.replications,
        budget: args.budget,
        select: args.select,
        most_years: args.most_years,
        verify_years: args.verify_years,
        jobs: jobs(args.jobs)?,
        prefix: Prefix::Shared,
    })
}

/// A scenario's content without what only names it (name, description,
/// source) or searches it (the design space).
fn content(s: &Scenario) -> String {
    digest(&Scenario {
        name: String::new(),
        description: String::new(),
        source: String::new(),
        plan: None,
        ..s.clone()
    })
}

/// Writes `plan.ron`: a scenario extending the one searched (a copy of the
/// embedded baseline beside it where that was searched) with the winner's
/// settings; returns the files written.
fn write_plan_file(
    out: &Path,
    file: Option<&Path>,
    today: &Scenario,
    o: &PlanOutcome,
    seed: Option<u64>,
) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    let extends = match file {
        Some(f) => relative(out, f),
        None => {
            let copy = out.join("baseline.ron");
            taktline::atomic_file::write(&copy, BASELINE_RON.as_bytes())
                .map_err(CliError::failed)?;
            files.push(copy);
            "baseline.ron".to_string()
        }
    };
    let winner = match o.answer {
        taktline::experiment::plan::Answer::Plan { winner, .. } => o.candidate(winner),
        taktline::experiment::plan::Answer::NoPlan { .. } => {
            unreachable!("a plan file needs a plan")
        }
    };
    let mut set: Vec<Setting> = winner.settings.clone();
    if let Some(seed) = seed {
        set.push(Setting {
            path: "run.seed".into(),
            value: seed.to_string(),
        });
    }
    let mut text = String::new();
    text.push_str("// Found by `taktline plan`. ");
    text.push_str(&wrap_comment(&answer(o)));
    text.push_str("\nScenario(\n");
    text.push_str(&format!("    extends: {extends:?},\n"));
    text.push_str(&format!(
        "    name: {:?},\n",
        format!("{} (plan)", today.name)
    ));
    text.push_str(&format!(
        "    description: {:?},\n",
        format!(
            "{} The plan found by taktline plan: {}.",
            today.description,
            taktline::report::plan::settings(winner)
        )
        .trim()
    ));
    text.push_str("    set: [\n");
    for s in &set {
        text.push_str(&format!("        ({:?}, {:?}),\n", s.path, s.value));
    }
    text.push_str("    ],\n)\n");
    let path = out.join(PLAN_FILE);
    taktline::atomic_file::write(&path, text.as_bytes()).map_err(CliError::failed)?;
    files.push(path);
    Ok(files)
}

/// A comment's text broken into lines of at most about 76 characters.
fn wrap_comment(text: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + word.len() > 76 {
            out.push_str("\n//");
            line = 2;
        }
        out.push(' ');
        out.push_str(word);
        line += word.len() + 1;
    }
    out.push('\n');
    out
}

/// `to` as a path relative to the folder `from` (both resolved), for an
/// `extends` that still works when the whole tree is moved; absolute where
/// they share nothing.
fn relative(from: &Path, to: &Path) -> String {
    let (Ok(from), Ok(to)) = (from.canonicalize(), to.canonicalize()) else {
        return to.display().to_string();
    };
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common <= 1 {
        return to.display().to_string();
    }
    let mut rel = PathBuf::new();
    for _ in common..a.len() {
        rel.push("..");
    }
    for c in &b[common..] {
        rel.push(c);
    }
    rel.display().to_string()
}
