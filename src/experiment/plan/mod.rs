//! Finding the plan: the cheapest combination of lever values by
//! simulation optimisation. A compass search over the design space with
//! few hazard years ([`search`]), then Kim and Nelson's ranking and
//! selection among the best candidates under common random numbers on
//! hazard years of their own ([`select`]), then the winner and today's
//! plan compared on fresh years, so the figures reported are not biased by
//! the selection. Every candidate sees the same hazard years.

mod candidates;
mod choose;
mod evaluate;
mod search;
pub mod select;

use serde::{Deserialize, Serialize};

use super::compare::{CompareSettings, Comparison, Plan, compare_in_steps};
use super::error::BatchError;
use super::fingerprint::fingerprint;
use super::outages::pool;
use super::prefix::Prefix;
use super::progress::Progress;
use super::records::{Shard, digest};
use super::steps::Steps;
use super::units::Job;
use crate::scenario::{DesignSpace, Scenario};
use crate::stats::{Estimate, LEVEL};
use candidates::Evaluations;
use choose::{Pool, selection};
pub use evaluate::{NodeLoss, outage_losses};
use search::{End, compass_search};

/// The first hazard year of the selection: its years are none of the search's.
pub const SELECTION_FROM: u64 = 1_000_000;
/// The first hazard year of the final comparison: fresh years again.
pub const VERIFICATION_FROM: u64 = 2_000_000;
/// Most hazard years of one stage (so the stages' years never overlap).
pub const MAX_STAGE_YEARS: u64 = 999_999;

/// How much to simulate (as shards record it: all but the thread count
/// and how runs share their prefix, which change nothing).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct PlanSettings {
    /// Hazard years per candidate in the search.
    pub search_years: u64,
    /// Replications of each constrained node's outage.
    pub replications: u64,
    /// Most candidates the search evaluates.
    pub budget: usize,
    /// Best candidates taken into the selection.
    pub select: usize,
    /// Most hazard years a candidate gets in the selection.
    pub most_years: u64,
    /// Hazard years of the final comparison of the winner with today's plan.
    pub verify_years: u64,
    /// Worker threads (`None`: all cores); results do not depend on it.
    #[serde(skip)]
    pub jobs: Option<usize>,
    /// Whether disrupted runs fork from their twins' snapshots.
    #[serde(skip)]
    pub prefix: Prefix,
}

/// One lever's value in a candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setting {
    /// The parameter path.
    pub path: String,
    /// Its value, as the design space writes it.
    pub value: String,
}

/// A candidate evaluated: its settings, its figures over the search's
/// hazard years and whether it meets the constraints.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// Order of evaluation; 0 is today's plan (the scenario as given).
    pub number: usize,
    /// Each lever's value (none for today's plan).
    pub settings: Vec<Setting>,
    /// Mean running cost a year [money/year].
    pub running: f64,
    /// Mean loss of the hazards a year: the expected annual loss [money/year].
    pub loss: f64,
    /// Mean cost of its own normal times beyond today's plan's: its
    /// undisrupted line's lateness and lost sales against today's [money/year].
    pub normal: f64,
    /// Total annual cost: running cost + EAL + normal-time cost beyond
    /// today's; mean and interval over the search's years [money/year].
    pub total: Estimate,
    /// Robots each constrained node's outage of its TTR loses in 95% of replications.
    pub outages: Vec<NodeLoss>,
    /// The running cost is within the budget (true without one).
    pub within_budget: bool,
    /// Every constrained outage loses at most the limit (true without one).
    pub outages_ok: bool,
    /// Why the candidate could not be simulated, where it could not.
    pub problem: Option<String>,
    /// Each search year's total [money].
    #[serde(skip)]
    pub totals: Vec<f64>,
    /// Its lattice point; `None` for today's plan.
    #[serde(skip)]
    pub point: Option<Vec<usize>>,
}

impl Candidate {
    /// It meets every constraint.
    pub fn feasible(&self) -> bool {
        self.problem.is_none() && self.within_budget && self.outages_ok
    }

    /// How far it is from meeting the constraints: the sum of each one's
    /// relative excess (0 when feasible).
    fn violation(&self, space: &DesignSpace) -> f64 {
        if self.problem.is_some() {
            return f64::INFINITY;
        }
        let budget = space
            .running_at_most
            .map_or(0.0, |b| (self.running / b - 1.0).max(0.0));
        let outages = space.lose_at_most.map_or(0.0, |l| {
            self.outages
                .iter()
                .map(|o| ((o.lost_95 - l) / l.max(1.0)).max(0.0))
                .sum()
        });
        budget + outages
    }
}

/// The plan against today's on the verification's fresh hazard years.
#[derive(Debug, Clone, Serialize)]
pub struct Fresh {
    /// The plan's normal-time cost beyond today's [money/year].
    pub normal: Estimate,
    /// The plan's total: running cost + EAL + normal-time cost beyond today's [money/year].
    pub total: Estimate,
    /// Today's total: running cost + EAL [money/year].
    pub today: Estimate,
    /// The plan's total minus today's, paired by year [money/year].
    pub difference: Estimate,
}

/// The plan's and today's totals on the comparison's years (plan 1 against
/// plan 0), the plan's normal-time cost beyond today's included.
fn fresh(c: &Comparison, costs: Option<&crate::scenario::Costs>) -> Fresh {
    let (today, plan) = (&c.plans[0].years, &c.plans[1].years);
    let base = |y: &super::hazards::HazardYear| {
        y.running.as_ref().map_or(f64::NAN, |r| r.total) + y.loss.unwrap_or(f64::NAN)
    };
    let normal: Vec<f64> = plan
        .iter()
        .zip(today)
        .map(|(p, t)| evaluate::normal_cost(p, t, costs))
        .collect();
    let totals: Vec<f64> = plan.iter().zip(&normal).map(|(p, n)| base(p) + n).collect();
    let todays: Vec<f64> = today.iter().map(base).collect();
    let diff: Vec<f64> = totals.iter().zip(&todays).map(|(p, t)| p - t).collect();
    Fresh {
        normal: Estimate::new(&normal, LEVEL),
        total: Estimate::new(&totals, LEVEL),
        today: Estimate::new(&todays, LEVEL),
        difference: Estimate::new(&diff, LEVEL),
    }
}

/// The selection among the best candidates.
#[derive(Debug, Clone, Serialize)]
pub struct SelectionSummary {
    /// The candidates taken in, by number.
    pub candidates: Vec<usize>,
    /// Hazard years each was observed in the selection.
    pub years: Vec<usize>,
    /// Mean total annual cost of each over its selection years [money/year].
    pub means: Vec<f64>,
    /// Each minus the one chosen, paired over the years both saw: what
    /// ties and eliminations are judged by [money/year].
    pub versus_chosen: Vec<f64>,
    /// The indifference zone [money/year].
    pub delta: f64,
    /// Probability of correct selection guaranteed (outside the zone).
    pub pcs: f64,
    /// It stopped at the most years allowed with several candidates left.
    pub truncated: bool,
    /// The first of its hazard years.
    pub first_year: u64,
}

/// What the search concludes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// The plan to adopt (number 0: keep today's), and the candidates whose
    /// total is within the indifference zone of it.
    Plan {
        /// The winner, by number.
        winner: usize,
        /// Candidates tied with it within delta, by number.
        tied: Vec<usize>,
    },
    /// No candidate meets the constraints; the closest one, by number.
    NoPlan {
        /// The candidate nearest to meeting them.
        closest: usize,
    },
}

/// The whole search.
#[derive(Debug, Clone, Serialize)]
pub struct PlanOutcome {
    /// Label of every amount.
    pub currency: String,
    /// The design space searched.
    pub space: DesignSpace,
    /// Hazard years per candidate in the search.
    pub search_years: u64,
    /// Replications of each constrained outage.
    pub replications: u64,
    /// Every candidate evaluated, today's plan first.
    pub candidates: Vec<Candidate>,
    /// Best feasible total after each evaluation (NaN before the first
    /// feasible one), today's plan first [money/year].
    pub best_by_evaluation: Vec<f64>,
    /// The search ended at a local optimum (else: its budget was spent).
    pub converged: bool,
    /// The selection, where a candidate met the constraints.
    pub selection: Option<SelectionSummary>,
    /// The answer.
    pub answer: Answer,
    /// Today's plan against the winner on fresh hazard years (none where
    /// the winner is today's plan or there is no plan).
    pub verification: Option<Comparison>,
    /// The plan against today's on the fresh years, its normal-time cost
    /// beyond today's included (none without a comparison).
    pub fresh: Option<Fresh>,
    /// The plan file written (its name in the output folder), where one was.
    pub plan_file: Option<String>,
    /// The constrained outages re-checked on the plan file as written,
    /// loaded back: a stress test of the file itself.
    pub rechecked: Vec<NodeLoss>,
}

impl PlanOutcome {
    /// The candidate with `number`.
    pub fn candidate(&self, number: usize) -> &Candidate {
        &self.candidates[number]
    }
}

/// Builds a candidate's scenario from its settings (path, value).
pub type Build<'a> = dyn Fn(&[(String, String)]) -> Result<Scenario, String> + Sync + 'a;

/// Searches `today`'s design space for the cheapest plan meeting its
/// constraints; `build` makes a candidate from lever settings. Returns the
/// outcome and the winner's scenario (none without a plan).
pub fn find_plan(
    today: &Scenario,
    space: &DesignSpace,
    build: &Build,
    settings: PlanSettings,
    progress: &dyn Progress,
) -> Result<(PlanOutcome, Option<Scenario>), BatchError> {
    find_plan_in_steps(today, space, build, settings, &mut Steps::here(), progress)
}

/// The job a plan search's shards share: today's plan (its design space
/// included) and the settings decide it; `spec` is what the command needs
/// to take it up again. Its steps: today's plan, each round of the search,
/// each batch of the selection's years, the final comparison.
pub fn plan_job(
    today: &Scenario,
    settings: PlanSettings,
    spec: &impl Serialize,
    shard: Option<Shard>,
) -> Job {
    let content = Scenario {
        source: String::new(),
        ..today.clone()
    };
    let decided = (digest(&content), settings);
    let digest = fingerprint(&serde_json::to_vec(&decided).unwrap_or_default());
    Job::new("plan", digest, 0, shard, spec)
}

/// [`find_plan`] with its simulations from `steps` (made here, kept by a
/// shard, or read back by a merge, which simulates nothing).
pub fn find_plan_in_steps(
    today: &Scenario,
    space: &DesignSpace,
    build: &Build,
    settings: PlanSettings,
    steps: &mut Steps,
    progress: &dyn Progress,
) -> Result<(PlanOutcome, Option<Scenario>), BatchError> {
    let pool = pool(settings.jobs)?;
    progress.start("candidates", settings.budget as u64 + 1);
    let mut ev = Evaluations {
        space,
        build,
        settings,
        pool: &pool,
        progress,
        candidates: Vec::new(),
        scenarios: Vec::new(),
        today: Vec::new(),
        costs: today.costs.as_ref(),
        steps,
    };
    ev.run(&[None], vec![Some(today.clone())])?;
    let sizes: Vec<usize> = space.levers.iter().map(|l| l.values.len()).collect();
    let end = compass_search(&sizes, settings.budget, &mut ev)?;
    progress.finish();
    let Evaluations {
        candidates,
        mut scenarios,
        steps,
        ..
    } = ev;
    let best_by_evaluation = best_so_far(&candidates);
    let mut feasible: Vec<usize> = (0..candidates.len())
        .filter(|&i| candidates[i].feasible())
        .collect();
    feasible.sort_by(|&a, &b| rank(&candidates[a], &candidates[b], space));
    feasible.truncate(settings.select.max(1));
    let currency = today.currency().to_string();
    let mut outcome = PlanOutcome {
        currency,
        space: space.clone(),
        search_years: settings.search_years,
        replications: settings.replications,
        converged: end == End::Converged,
        best_by_evaluation,
        selection: None,
        answer: Answer::NoPlan { closest: 0 },
        verification: None,
        fresh: None,
        plan_file: None,
        rechecked: Vec::new(),
        candidates,
    };
    if feasible.is_empty() {
        let closest = (0..outcome.candidates.len())
            .min_by(|&a, &b| rank(&outcome.candidates[a], &outcome.candidates[b], space))
            .unwrap_or(0);
        outcome.answer = Answer::NoPlan { closest };
        return Ok((outcome, None));
    }
    let pool_of: Vec<&Scenario> = feasible
        .iter()
        .map(|&i| {
            scenarios[i]
                .as_ref()
                .expect("a feasible candidate was simulated")
        })
        .collect();
    let of = Pool {
        scenarios: &pool_of,
        numbers: &feasible,
        today,
        space,
        settings,
        threads: &pool,
    };
    let summary = selection(of, steps, progress)?;
    let winner = summary.candidates[summary.chosen];
    let tied = summary.tied.clone();
    outcome.selection = Some(summary.summary);
    outcome.answer = Answer::Plan { winner, tied };
    let winning = scenarios[winner].take().expect("the winner was simulated");
    if winner != 0 {
        let plans = [
            Plan {
                label: "today".into(),
                scenario: today.clone(),
            },
            Plan {
                label: "the plan".into(),
                scenario: winning.clone(),
            },
        ];
        let compared = compare_in_steps(
            &plans,
            CompareSettings {
                years: settings.verify_years,
                first_year: VERIFICATION_FROM,
                twin_orders: true,
                replications: 0,
                jobs: settings.jobs,
                prefix: settings.prefix,
            },
            steps,
            progress,
        )?;
        outcome.fresh = Some(fresh(&compared, today.costs.as_ref()));
        outcome.verification = Some(compared);
    }
    Ok((outcome, Some(winning)))
}

/// The constrained outages of `plan` (the plan file as written, loaded
/// back): what [`PlanOutcome::rechecked`] holds.
pub fn recheck(
    plan: &Scenario,
    space: &DesignSpace,
    settings: PlanSettings,
) -> Result<Vec<NodeLoss>, BatchError> {
    if space.lose_at_most.is_none() {
        return Ok(Vec::new());
    }
    let pool = pool(settings.jobs)?;
    Ok(outage_losses(
        plan,
        &space.nodes,
        settings.replications,
        &pool,
        settings.prefix,
    ))
}

/// The lever settings (path, value) of a lattice point.
fn pairs(space: &DesignSpace, p: &[usize]) -> Vec<(String, String)> {
    space
        .levers
        .iter()
        .zip(p)
        .map(|(l, &k)| (l.path.clone(), l.values[k].clone()))
        .collect()
}

/// How two candidates rank: feasible before infeasible; then the lower
/// mean total (feasible) or the smaller violation (infeasible); then the
/// earlier evaluated.
fn rank(a: &Candidate, b: &Candidate, space: &DesignSpace) -> std::cmp::Ordering {
    b.feasible()
        .cmp(&a.feasible())
        .then_with(|| a.violation(space).total_cmp(&b.violation(space)))
        .then_with(|| a.total.mean.total_cmp(&b.total.mean))
        .then_with(|| a.number.cmp(&b.number))
}

/// The best feasible mean total after each evaluation.
fn best_so_far(candidates: &[Candidate]) -> Vec<f64> {
    let mut best = f64::NAN;
    candidates
        .iter()
        .map(|c| {
            if c.feasible() && (best.is_nan() || c.total.mean < best) {
                best = c.total.mean;
            }
            best
        })
        .collect()
}
