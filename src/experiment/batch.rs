//! A batch study as one call: warm-up (fixed or MSER-5 pilots), every
//! scenario's replications (on all cores, as a shard, resumed), rounds until
//! a target half-width is reached, and the manifests that let shards merge.
//! The command line builds a [`BatchPlan`] and shows the [`Progress`].

use std::path::{Path, PathBuf};

use super::error::ExperimentError;
use super::prefix::Prefix;
use super::progress::Progress;
use super::record::figure_names;
use super::records::{
    Manifest, Shard, aggregate, check_replications, prepare, run_replications, slug,
};
use super::shared_twins::{run_shared, twin_groups};
use super::study::StudyInput;
use super::sweep::run_in_memory;
use crate::scenario::Scenario;
use crate::scenario::limits::MIN_MEASURED;
use crate::stats::mser::mser5_truncation;
use crate::time::{HOUR, Seconds, format_span};
use crate::timings::{self, Phase};

/// Pilot replications of an MSER-5 warm-up estimate.
pub(super) const PILOTS: u64 = 5;

/// How a batch sets each scenario's warm-up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Warmup {
    /// Each scenario's own.
    Scenario,
    /// The same fixed warm-up for every scenario [s].
    Fixed(Seconds),
    /// MSER-5 on the mean hourly output of [`PILOTS`] pilot replications.
    Mser5,
}

/// Replications until a figure's 95% half-width is small enough.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// A headline figure's name (see [`figure_names`]).
    pub figure: String,
    /// The wanted half-width, in the figure's unit.
    pub half_width: f64,
    /// Most replications per scenario.
    pub max_replications: u64,
}

/// What a batch is asked to do.
#[derive(Debug, Clone)]
pub struct BatchPlan {
    /// The validated scenarios, in the order given (their manifests' `order`).
    pub scenarios: Vec<Scenario>,
    /// Replications per scenario (with a target: per round).
    pub replications: u64,
    /// The study's folder: a folder per scenario under it.
    pub out: PathBuf,
    /// Worker threads (`None`: all cores); results do not depend on it.
    pub jobs: Option<usize>,
    /// Run only this shard's replications (`None`: all of them).
    pub shard: Option<Shard>,
    /// Keep replications already recorded in `out`.
    pub resume: bool,
    /// How each scenario's warm-up is set.
    pub warmup: Warmup,
    /// Add rounds of replications until this half-width is reached.
    pub target: Option<Target>,
    /// Whether scenarios whose twin is the same run share it, each forking
    /// from it at its first start (the default), or each runs alone from
    /// t = 0: the same records either way.
    pub prefix: Prefix,
}

impl BatchPlan {
    /// Checks what can be checked before anything runs.
    pub fn check(&self) -> Result<(), ExperimentError> {
        let invalid = |m: String| Err(ExperimentError::Invalid(m));
        if let Err(why) = check_replications(self.replications) {
            return invalid(format!("--replications: {why}"));
        }
        if let Some(t) = &self.target {
            if let Err(why) = check_replications(t.max_replications) {
                return invalid(format!("--max-replications: {why}"));
            }
            // Every scenario must have the figure: one without it would run
            // to --max-replications.
            for s in &self.scenarios {
                let names = figure_names(s);
                if !names.contains(&t.figure) {
                    return invalid(format!(
                        "--target: {} has no figure {:?}; its figures are: {}",
                        s.name,
                        t.figure,
                        names.join(", ")
                    ));
                }
            }
            if self.shard.is_some() {
                return invalid(
                    "--target decides how many replications to run; it cannot be combined with --shard"
                        .into(),
                );
            }
        }
        if let Warmup::Fixed(w) = self.warmup {
            for s in &self.scenarios {
                check_warmup(w, s)?;
            }
        }
        let slugs: Vec<String> = self.scenarios.iter().map(slug).collect();
        for (i, s) in slugs.iter().enumerate() {
            if slugs[..i].contains(s) {
                return invalid(format!(
                    "two scenarios would share the folder {s:?}: rename one file"
                ));
            }
        }
        Ok(())
    }
}

/// A warm-up that is not negative and leaves time before the horizon.
fn check_warmup(w: Seconds, s: &Scenario) -> Result<(), ExperimentError> {
    if w < 0.0 {
        return Err(ExperimentError::Invalid(format!(
            "--warmup {}: must not be negative",
            format_span(w)
        )));
    }
    if w + MIN_MEASURED > s.horizon {
        return Err(ExperimentError::Invalid(format!(
            "--warmup {}: must end at least {} before the horizon of {} ({})",
            format_span(w),
            format_span(MIN_MEASURED),
            s.name,
            format_span(s.horizon)
        )));
    }
    Ok(())
}

/// Runs the first round of every group of scenarios sharing a twin (none
/// with a target, whose rounds go scenario by scenario); for each scenario,
/// how many replications ran if it was in such a group.
fn run_shared_twins(
    plan: &BatchPlan,
    n: u64,
    progress: &dyn Progress,
) -> Result<Vec<Option<u64>>, ExperimentError> {
    let mut ran = vec![None; plan.scenarios.len()];
    if plan.target.is_some() || plan.prefix == Prefix::Rerun {
        return Ok(ran);
    }
    for group in twin_groups(&plan.scenarios) {
        let dirs: Vec<PathBuf> = group
            .iter()
            .map(|&i| plan.out.join(slug(&plan.scenarios[i])))
            .collect();
        let members: Vec<(&Scenario, &Path)> = group
            .iter()
            .zip(&dirs)
            .map(|(&i, d)| (&plan.scenarios[i], d.as_path()))
            .collect();
        let counts = timings::time(Phase::Simulation, || {
            run_shared(&members, 0..n, plan.shard, plan.jobs, progress)
        })?;
        for (&i, count) in group.iter().zip(counts) {
            ran[i] = Some(count);
        }
    }
    Ok(ran)
}

/// Sets each scenario's warm-up as the plan says.
fn apply_warmup(
    scenarios: &mut [Scenario],
    warmup: Warmup,
    jobs: Option<usize>,
    progress: &dyn Progress,
) -> Result<(), ExperimentError> {
    for s in scenarios {
        let w = match warmup {
            Warmup::Scenario => continue,
            Warmup::Fixed(w) => w,
            Warmup::Mser5 => {
                let label = format!("{} (pilot)", s.name);
                let pilot = timings::time(Phase::Simulation, || {
                    run_in_memory(s, PILOTS, jobs, &label, progress, Prefix::Shared)
                })?;
                let mean = pilot.output.means(pilot.replications);
                let hours = mser5_truncation(&mean).unwrap_or(0) as f64;
                progress.note(&format!(
                    "{}: MSER-5 warm-up estimate {hours} h ({PILOTS} pilot replications)",
                    s.name
                ));
                hours * HOUR
            }
        };
        check_warmup(w, s)?;
        s.warmup = w;
    }
    Ok(())
}

/// Runs the plan: every scenario's replications recorded under `out`, each
/// folder with its manifest. Returns what a study is finished from (for a
/// shard, what `merge` will later combine).
pub fn run_batch(
    mut plan: BatchPlan,
    progress: &dyn Progress,
) -> Result<Vec<StudyInput>, ExperimentError> {
    plan.check()?;
    apply_warmup(&mut plan.scenarios, plan.warmup, plan.jobs, progress)?;
    // With --target, --max-replications bounds the first round too.
    let first_round = match &plan.target {
        Some(t) => plan.replications.min(t.max_replications),
        None => plan.replications,
    };
    for (order, scenario) in plan.scenarios.iter().enumerate() {
        let dir = plan.out.join(slug(scenario));
        prepare(
            &dir,
            &Manifest::new(scenario, first_round, order),
            plan.resume,
        )?;
    }
    let shared = run_shared_twins(&plan, first_round, progress)?;
    let mut inputs = Vec::new();
    for (order, scenario) in plan.scenarios.into_iter().enumerate() {
        let slug = slug(&scenario);
        let dir = plan.out.join(&slug);
        let mut n = first_round;
        let label = match plan.shard {
            Some(s) => format!("{} [shard {}/{}]", scenario.name, s.index, s.count),
            None => scenario.name.clone(),
        };
        loop {
            let owned = (0..n)
                .filter(|&r| plan.shard.is_none_or(|s| s.owns(r)))
                .count() as u64;
            let ran = match shared[order] {
                Some(ran) if n == first_round => Ok(ran),
                _ => timings::time(Phase::Simulation, || {
                    run_replications(
                        &scenario,
                        &dir,
                        0..n,
                        plan.shard,
                        plan.jobs,
                        &label,
                        progress,
                    )
                }),
            }?;
            if ran < owned {
                progress.note(&format!(
                    "{label}: ran {ran} replications, {} already recorded in {}",
                    owned - ran,
                    dir.display()
                ));
            }
            let Some(target) = &plan.target else { break };
            let agg = timings::time(Phase::Folding, || {
                aggregate(&scenario, std::slice::from_ref(&dir), n, |_| {})
            })?;
            let hw = agg
                .figure(&target.figure)
                .and_then(|i| i.half_width)
                .unwrap_or(f64::INFINITY);
            if hw <= target.half_width || n >= target.max_replications {
                progress.note(&format!(
                    "{}: {n} replications give a 95% half-width of {hw:.4} for {} (target {}){}",
                    scenario.name,
                    target.figure,
                    target.half_width,
                    if hw <= target.half_width {
                        ""
                    } else {
                        ": --max-replications reached"
                    }
                ));
                break;
            }
            n = (n + plan.replications).min(target.max_replications);
        }
        prepare(&dir, &Manifest::new(&scenario, n, order), true)?;
        inputs.push(StudyInput {
            scenario,
            slug,
            dirs: vec![dir],
            replications: n,
        });
    }
    Ok(inputs)
}
