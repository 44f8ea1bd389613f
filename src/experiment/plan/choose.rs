//! The selection stage: KN among the best candidates of the search, on
//! hazard years none of the search's, and the rivals that come within the
//! indifference zone of the one chosen (ties within delta).

use super::evaluate::{hazard_years, total};
use super::select::{KnSettings, select};
use super::{PlanSettings, SELECTION_FROM, SelectionSummary};
use crate::experiment::error::BatchError;
use crate::experiment::hazards::HazardYear;
use crate::experiment::progress::Progress;
use crate::experiment::steps::Steps;
use crate::scenario::{DesignSpace, Scenario};
use crate::stats::LEVEL;

/// Hazard years asked for at once in the selection.
const BATCH: usize = 8;

/// What the selection found.
pub(super) struct Chosen {
    /// The candidates taken in, by number.
    pub candidates: Vec<usize>,
    /// The one chosen, an index into `candidates`.
    pub chosen: usize,
    /// Candidates whose paired mean total is within delta of the chosen's.
    pub tied: Vec<usize>,
    /// For the report.
    pub summary: SelectionSummary,
}

/// What the selection is among, and what it takes.
pub(super) struct Pool<'a> {
    /// The candidates' scenarios.
    pub scenarios: &'a [&'a Scenario],
    /// Their numbers.
    pub numbers: &'a [usize],
    /// Today's plan.
    pub today: &'a Scenario,
    pub space: &'a DesignSpace,
    pub settings: PlanSettings,
    pub threads: &'a rayon::ThreadPool,
}

/// Runs KN among the pool's candidates, at least as many years as the
/// search had each; every batch of years is a step of `steps` (a task per
/// plan simulated).
pub(super) fn selection(
    of: Pool,
    steps: &mut Steps,
    progress: &dyn Progress,
) -> Result<Chosen, BatchError> {
    let Pool {
        scenarios,
        numbers,
        today,
        space,
        settings,
        threads: pool,
    } = of;
    let k = scenarios.len();
    let kn = KnSettings {
        delta: space.delta,
        alpha: 1.0 - LEVEL,
        first_stage: (settings.search_years as usize).max(2),
        most: settings.most_years as usize,
        batch: BATCH,
    };
    progress.start("selection years", (k * kn.most.max(kn.first_stage)) as u64);
    // Today's plan in the same years: what each candidate's normal times
    // are weighed against (its own years where it is in the selection).
    let today_at = numbers.iter().position(|&n| n == 0);
    let mut sample = |alive: &[usize], range: std::ops::Range<usize>| {
        let mut plans: Vec<&Scenario> = alive.iter().map(|&i| scenarios[i]).collect();
        let here = today_at.and_then(|t| alive.iter().position(|&i| i == t));
        if here.is_none() {
            plans.push(today);
        }
        let years = SELECTION_FROM + range.start as u64..SELECTION_FROM + range.end as u64;
        let out: Vec<Vec<HazardYear>> = steps.step(plans.len(), |todo| {
            let these: Vec<&Scenario> = todo.iter().map(|&i| plans[i]).collect();
            let out = hazard_years(&these, years, pool, settings.prefix);
            for _ in 0..todo.iter().filter(|&&i| i < alive.len()).count() * range.len() {
                progress.tick();
            }
            out
        })?;
        let todays = &out[here.unwrap_or(alive.len())];
        let costs = today.costs.as_ref();
        Ok(out[..alive.len()]
            .iter()
            .map(|ys| {
                ys.iter()
                    .zip(todays)
                    .map(|(y, t)| total(y, t, costs))
                    .collect()
            })
            .collect())
    };
    let picked = select(k, kn, &mut sample)?;
    progress.finish();
    let obs = &picked.observations;
    let chosen = picked.chosen;
    // A rival's difference from the chosen, paired over the years both saw.
    let paired = |i: usize| {
        let n = obs[i].len().min(obs[chosen].len());
        (0..n).map(|r| obs[i][r] - obs[chosen][r]).sum::<f64>() / n.max(1) as f64
    };
    let tied = (0..k)
        .filter(|&i| i != chosen && paired(i).abs() < space.delta)
        .map(|i| numbers[i])
        .collect();
    let means = obs
        .iter()
        .map(|o| o.iter().sum::<f64>() / o.len().max(1) as f64)
        .collect();
    Ok(Chosen {
        candidates: numbers.to_vec(),
        chosen,
        tied,
        summary: SelectionSummary {
            candidates: numbers.to_vec(),
            years: obs.iter().map(Vec::len).collect(),
            means,
            versus_chosen: (0..k).map(paired).collect(),
            delta: space.delta,
            pcs: LEVEL,
            truncated: picked.truncated,
            first_year: SELECTION_FROM,
        },
    })
}
