//! Comparing plans: every plan on the same hazard years (and the same
//! replications of its own disruptions), its running cost, expected annual
//! loss and total, the paired differences against the base and against the
//! cheapest, and a verdict that names a winner only where it beats every
//! rival significantly over all the comparisons made.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::aggregate::{Aggregate, PairedStudy};
use super::error::BatchError;
use super::fingerprint::fingerprint;
use super::hazards::{HazardYear, hazard_year, hazard_year_with_orders};
use super::outages::pool;
use super::prefix::Prefix;
use super::progress::Progress;
use super::progress::Silent;
use super::record::RepRecord;
use super::records::{Shard, digest};
use super::run::run_replication_with;
use super::steps::Steps;
use super::units::{Job, UnitStore};
use crate::scenario::Scenario;
use crate::stats::{AnnualLoss, Estimate, LEVEL};
use crate::time::{HOUR, YEAR};

/// A plan to compare: a scenario and the label it goes by.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    /// Shown in every table and chart; distinct across the comparison.
    pub label: String,
    /// The plan itself.
    pub scenario: Scenario,
}

/// How much to simulate (as shards record it: all but the thread count
/// and the prefix's sharing, which change nothing).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct CompareSettings {
    /// Hazard years per plan, the same years for every plan.
    pub years: u64,
    /// The number of the first hazard year (its streams' replication):
    /// 0 for a comparison; another range gives years independent of it.
    pub first_year: u64,
    /// Also count each twin's own orders ([`HazardYear::normal`]).
    pub twin_orders: bool,
    /// Replications of each plan's own disruptions (0: none).
    pub replications: u64,
    /// Worker threads; `None`: all cores.
    #[serde(skip)]
    pub jobs: Option<usize>,
    /// Whether disrupted runs fork from their twins (the default) or rerun
    /// from t = 0: the same numbers either way.
    #[serde(skip)]
    pub prefix: Prefix,
}

/// A plan's running cost per year by kind: mean and interval over its
/// hazard years' twins [money/year].
#[derive(Debug, Clone, Serialize)]
pub struct RunningByKind {
    /// Holding cost of the stock.
    pub holding: Estimate,
    /// Freight of the regular routes.
    pub freight: Estimate,
    /// Freight of emergency routes.
    pub emergency: Estimate,
    /// Purchases at each supplier's unit price.
    pub purchases: Estimate,
    /// Standby fees.
    pub standby: Estimate,
    /// Overtime.
    pub overtime: Estimate,
    /// Their sum.
    pub total: Estimate,
}

/// The names of the kinds of running cost, in the order of
/// [`RunningByKind::kinds`]: every table and chart of a comparison.
pub const RUNNING_KINDS: [&str; 6] = [
    "holding",
    "freight",
    "emergency",
    "purchases",
    "standby",
    "overtime",
];

impl RunningByKind {
    /// Each kind with its estimate, named as in [`RUNNING_KINDS`] (the total apart).
    pub fn kinds(&self) -> [(&'static str, &Estimate); 6] {
        let values = [
            &self.holding,
            &self.freight,
            &self.emergency,
            &self.purchases,
            &self.standby,
            &self.overtime,
        ];
        std::array::from_fn(|k| (RUNNING_KINDS[k], values[k]))
    }
}

/// One plan's results.
#[derive(Debug, Clone, Serialize)]
pub struct PlanResult {
    /// The plan's label.
    pub plan: String,
    /// Where it was read from.
    pub source: String,
    /// Running cost per year, by kind.
    pub running: RunningByKind,
    /// The hazards' cost per year: EAL with its interval and its tail.
    pub annual_loss: AnnualLoss,
    /// Running cost + loss, per year: total annual cost with its interval.
    pub total: Estimate,
    /// The share of orders delivered by their promise, over the hazard
    /// years, with its interval.
    pub on_time: Estimate,
    /// Each hazard year.
    pub years: Vec<HazardYear>,
    /// Where each hazard year's loss and running cost are counted: from
    /// the end of the plan's warm-up (1 January) [h from t = 0] ...
    pub year_from_h: f64,
    /// ... to the end of its 365 days, the hazard year's horizon [h].
    pub year_to_h: f64,
    /// What each of the plan's own disruptions costs per occurrence,
    /// paired with its twin over `replications` replications, each
    /// counted over its accounting window within the plan's horizon.
    pub disruptions: Vec<PairedStudy>,
    /// The plan's own horizon, where its disruptions were measured [h].
    pub horizon_h: f64,
}

/// A paired difference of total annual cost: `plan` minus `against`, year
/// by year [money/year].
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// The plan.
    pub plan: String,
    /// What it is measured against.
    pub against: String,
    /// Mean and 95% interval of the difference.
    pub estimate: Estimate,
    /// The same at the level adjusted for all comparisons made.
    pub adjusted: Estimate,
}

/// What the comparison concludes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Verdict {
    /// The cheapest plan costs significantly less than every rival.
    Winner {
        /// The plan.
        plan: String,
    },
    /// The cheapest plan is not significantly cheaper than these rivals.
    Tied {
        /// The cheapest plan by its mean.
        cheapest: String,
        /// The rivals it cannot be told from.
        with: Vec<String>,
    },
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Label of every amount.
    pub currency: String,
    /// Hazard years per plan.
    pub years: u64,
    /// Replications of each plan's own disruptions.
    pub replications: u64,
    /// Pairs of plans the verdict weighs: n (n - 1) / 2.
    pub comparisons: usize,
    /// The confidence level of each adjusted interval: 1 - 0.05 / comparisons.
    pub adjusted_level: f64,
    /// Each plan, the base first.
    pub plans: Vec<PlanResult>,
    /// Each other plan minus the base.
    pub against_base: Vec<Difference>,
    /// Each other plan minus the cheapest.
    pub against_cheapest: Vec<Difference>,
    /// Index of the cheapest plan (lowest mean total) in `plans`.
    pub cheapest: usize,
    /// The verdict.
    pub verdict: Verdict,
}

/// Runs every plan over the same hazard years and replications.
pub fn compare(
    plans: &[Plan],
    settings: CompareSettings,
    progress: &dyn Progress,
) -> Result<Comparison, BatchError> {
    let units = compare_units(plans, settings, None, progress)?;
    Ok(comparison(
        plans,
        settings,
        units.into_iter().flatten().collect(),
    ))
}

/// The comparison with its units from `steps`, as one step: made here,
/// kept by a shard of a job of steps (the plan search's verification), or
/// read back by its merge.
pub fn compare_in_steps(
    plans: &[Plan],
    settings: CompareSettings,
    steps: &mut Steps,
    progress: &dyn Progress,
) -> Result<Comparison, BatchError> {
    let list = unit_list(plans, settings);
    let pool = pool(settings.jobs)?;
    progress.start("hazard years", list.len() as u64);
    let units = steps.step(list.len(), |todo| {
        pool.install(|| {
            todo.par_iter()
                .map(|&i| {
                    let unit = make_unit(plans, settings, list[i]);
                    progress.tick();
                    unit
                })
                .collect()
        })
    })?;
    progress.finish();
    Ok(comparison(plans, settings, units))
}

/// A comparison's unit of work: one hazard year of one plan, or one
/// replication of a plan's own disruptions (its paired figures only).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum CompareUnit {
    /// A hazard year.
    Year(HazardYear),
    /// A replication of the plan's disruptions against its twin.
    Replication(RepRecord),
}

/// What each unit number stands for: every plan's hazard years, plan by
/// plan, then every plan's replications of its own disruptions.
fn unit_list(plans: &[Plan], settings: CompareSettings) -> Vec<(usize, Work)> {
    let mut list: Vec<(usize, Work)> = (0..plans.len())
        .flat_map(|p| (0..settings.years).map(move |y| (p, Work::Year(settings.first_year + y))))
        .collect();
    for (p, plan) in plans.iter().enumerate() {
        if settings.replications > 0 && !plan.scenario.disruptions.is_empty() {
            list.extend((0..settings.replications).map(|r| (p, Work::Replication(r))));
        }
    }
    list
}

/// One unit's work, for the plan it belongs to.
#[derive(Debug, Clone, Copy)]
enum Work {
    Year(u64),
    Replication(u64),
}

/// The job a comparison's shards share.
pub fn compare_job(plans: &[Plan], settings: CompareSettings, shard: Option<Shard>) -> Job {
    let content: Vec<(String, String)> = plans
        .iter()
        .map(|p| (p.label.clone(), digest(&p.scenario)))
        .collect();
    let digest = fingerprint(&serde_json::to_vec(&(content, settings)).unwrap_or_default());
    let units = unit_list(plans, settings).len() as u64;
    Job::new("compare", digest, units, shard, &(plans, settings))
}

/// Every unit that `store` owns (all of them without a store), in unit
/// order, run on all cores; a unit kept from an earlier run is not run
/// again, and each one run is kept as soon as it is done.
pub fn compare_units(
    plans: &[Plan],
    settings: CompareSettings,
    store: Option<&UnitStore>,
    progress: &dyn Progress,
) -> Result<Vec<Option<CompareUnit>>, BatchError> {
    let pool = pool(settings.jobs)?;
    let list = unit_list(plans, settings);
    let owned = |i: usize| store.is_none_or(|s| s.owns(i as u64));
    let mut units: Vec<Option<CompareUnit>> = (0..list.len())
        .map(|i| store.filter(|_| owned(i)).and_then(|s| s.kept(i as u64)))
        .collect();
    let to_run: Vec<usize> = (0..list.len())
        .filter(|&i| owned(i) && units[i].is_none())
        .collect();
    let label = if settings.replications > 0 {
        "hazard years and replications"
    } else {
        "hazard years"
    };
    progress.start(label, to_run.len() as u64);
    let run: Vec<Result<(usize, CompareUnit), BatchError>> = pool.install(|| {
        to_run
            .par_iter()
            .map(|&i| {
                let unit = make_unit(plans, settings, list[i]);
                if let Some(s) = store {
                    s.keep(i as u64, &unit)?;
                }
                progress.tick();
                Ok((i, unit))
            })
            .collect()
    });
    progress.finish();
    for done in run {
        let (i, unit) = done?;
        units[i] = Some(unit);
    }
    Ok(units)
}

/// The unit `(plan, work)`, simulated.
fn make_unit(plans: &[Plan], settings: CompareSettings, (p, work): (usize, Work)) -> CompareUnit {
    let scenario = &plans[p].scenario;
    match work {
        Work::Year(y) if settings.twin_orders => {
            CompareUnit::Year(hazard_year_with_orders(scenario, y, settings.prefix))
        }
        Work::Year(y) => CompareUnit::Year(hazard_year(scenario, y, settings.prefix)),
        Work::Replication(r) => {
            let outcome = run_replication_with(scenario, r, &Silent, settings.prefix);
            CompareUnit::Replication(paired_only(RepRecord::new(scenario, &outcome, r)))
        }
    }
}

/// A replication's record with only what a comparison folds: its figures
/// and paired resilience figures, not its hourly series.
fn paired_only(record: RepRecord) -> RepRecord {
    RepRecord {
        hourly_output: Vec::new(),
        twin_hourly_output: None,
        hourly_on_hand: Vec::new(),
        hourly_supplier_stock: Vec::new(),
        contingent_trucks: Vec::new(),
        daily_by_model: Vec::new(),
        overtime: Vec::new(),
        daily_output: Vec::new(),
        twin_daily_output: None,
        ..record
    }
}

/// The comparison from every unit, in unit order.
pub fn comparison(
    plans: &[Plan],
    settings: CompareSettings,
    units: Vec<CompareUnit>,
) -> Comparison {
    let mut years: Vec<Vec<HazardYear>> = vec![Vec::new(); plans.len()];
    let mut disruptions: Vec<Option<Aggregate>> = vec![None; plans.len()];
    for ((p, _), unit) in unit_list(plans, settings).into_iter().zip(units) {
        match unit {
            CompareUnit::Year(y) => years[p].push(y),
            CompareUnit::Replication(r) => disruptions[p]
                .get_or_insert_with(|| Aggregate::new(&plans[p].scenario))
                .push(&r),
        }
    }
    let results = plans
        .iter()
        .zip(years)
        .zip(disruptions)
        .map(|((plan, years), agg)| {
            let studied = agg.map_or(Vec::new(), |a| a.summarise(&plan.scenario).resilience);
            plan_result(plan, years, studied)
        })
        .collect();
    let currency = plans
        .first()
        .map_or(String::new(), |p| p.scenario.currency().to_string());
    conclude(results, settings, currency)
}

fn plan_result(plan: &Plan, years: Vec<HazardYear>, disruptions: Vec<PairedStudy>) -> PlanResult {
    let kind = |f: fn(&crate::stats::RunningCost) -> f64| {
        let v: Vec<f64> = years
            .iter()
            .map(|y| y.running.as_ref().map_or(f64::NAN, f))
            .collect();
        Estimate::new(&v, LEVEL)
    };
    let running = RunningByKind {
        holding: kind(|c| c.holding),
        freight: kind(|c| c.freight),
        emergency: kind(|c| c.emergency),
        purchases: kind(|c| c.purchases),
        standby: kind(|c| c.standby),
        overtime: kind(|c| c.overtime),
        total: kind(|c| c.total),
    };
    let losses: Vec<f64> = years.iter().map(|y| y.loss.unwrap_or(f64::NAN)).collect();
    PlanResult {
        plan: plan.label.clone(),
        source: plan.scenario.source.clone(),
        running,
        annual_loss: AnnualLoss::new(&losses),
        total: Estimate::new(&totals(&years), LEVEL),
        on_time: Estimate::new(
            &years
                .iter()
                .map(|y| y.on_time_share.unwrap_or(f64::NAN))
                .collect::<Vec<_>>(),
            LEVEL,
        ),
        years,
        year_from_h: plan.scenario.warmup / HOUR,
        year_to_h: (plan.scenario.warmup + YEAR) / HOUR,
        disruptions,
        horizon_h: plan.scenario.horizon / HOUR,
    }
}

/// Running cost + loss of each year.
fn totals(years: &[HazardYear]) -> Vec<f64> {
    years
        .iter()
        .map(|y| y.running.as_ref().map_or(f64::NAN, |r| r.total) + y.loss.unwrap_or(f64::NAN))
        .collect()
}

fn conclude(plans: Vec<PlanResult>, settings: CompareSettings, currency: String) -> Comparison {
    let n = plans.len();
    let by_year: Vec<Vec<f64>> = plans.iter().map(|p| totals(&p.years)).collect();
    let comparisons = (n * n.saturating_sub(1) / 2).max(1);
    let adjusted_level = 1.0 - (1.0 - LEVEL) / comparisons as f64;
    let cheapest = (0..n)
        .min_by(|&a, &b| plans[a].total.mean.total_cmp(&plans[b].total.mean))
        .unwrap_or(0);
    let diff = |a: usize, b: usize| {
        let d: Vec<f64> = by_year[a]
            .iter()
            .zip(&by_year[b])
            .map(|(x, y)| x - y)
            .collect();
        Difference {
            plan: plans[a].plan.clone(),
            against: plans[b].plan.clone(),
            estimate: Estimate::new(&d, LEVEL),
            adjusted: Estimate::new(&d, adjusted_level),
        }
    };
    let against_base = (1..n).map(|p| diff(p, 0)).collect();
    let against_cheapest: Vec<Difference> = (0..n)
        .filter(|&p| p != cheapest)
        .map(|p| diff(p, cheapest))
        .collect();
    // A rival is told apart only where its adjusted interval lies wholly
    // above zero (it costs more, with the confidence over all comparisons).
    let tied: Vec<String> = against_cheapest
        .iter()
        .filter(|d| d.adjusted.low.is_nan() || d.adjusted.low <= 0.0)
        .map(|d| d.plan.clone())
        .collect();
    let verdict = if tied.is_empty() && n > 1 {
        Verdict::Winner {
            plan: plans[cheapest].plan.clone(),
        }
    } else {
        Verdict::Tied {
            cheapest: plans[cheapest].plan.clone(),
            with: tied,
        }
    };
    Comparison {
        currency,
        years: settings.years,
        replications: settings.replications,
        comparisons,
        adjusted_level,
        plans,
        against_base,
        against_cheapest,
        cheapest,
        verdict,
    }
}
