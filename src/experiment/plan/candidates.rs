//! Evaluating candidates for the search: each lattice point built into a
//! scenario, simulated over the search's hazard years (all the points of a
//! round together) and checked against the constraints.

use serde::{Deserialize, Serialize};

use super::evaluate::{NodeLoss, hazard_years, normal_cost, outage_losses, total};
use super::search::{Oracle, Point};
use super::{Build, Candidate, PlanSettings, Setting, pairs, rank};
use crate::experiment::error::BatchError;
use crate::experiment::hazards::HazardYear;
use crate::experiment::progress::Progress;
use crate::experiment::steps::Steps;
use crate::scenario::{Costs, DesignSpace, Scenario};
use crate::stats::{Estimate, LEVEL};

/// The candidates evaluated so far, and what evaluating takes.
pub(super) struct Evaluations<'a> {
    pub space: &'a DesignSpace,
    pub build: &'a Build<'a>,
    pub settings: PlanSettings,
    pub pool: &'a rayon::ThreadPool,
    pub progress: &'a dyn Progress,
    pub candidates: Vec<Candidate>,
    /// Each candidate's scenario (none where it did not build).
    pub scenarios: Vec<Option<Scenario>>,
    /// Today's plan in each search year (the first point evaluated).
    pub today: Vec<HazardYear>,
    /// The prices of lateness and lost sales (today's plan's).
    pub costs: Option<&'a Costs>,
    /// Where each round's simulations come from.
    pub steps: &'a mut Steps,
}

/// A candidate simulated: a round's task. Its hazard years and its
/// constrained outages (none where it did not build).
#[derive(Debug, Serialize, Deserialize)]
struct Simulated {
    years: Vec<HazardYear>,
    outages: Vec<NodeLoss>,
}

impl Evaluations<'_> {
    /// Evaluates lattice points (`None`: the scenario in `given`, today's
    /// plan), all of them one step; returns their numbers.
    pub(super) fn run(
        &mut self,
        points: &[Option<Point>],
        given: Vec<Option<Scenario>>,
    ) -> Result<Vec<usize>, BatchError> {
        let built: Vec<Result<Scenario, String>> = points
            .iter()
            .zip(given)
            .map(|(p, g)| match (p, g) {
                (_, Some(s)) => Ok(s),
                (Some(p), None) => (self.build)(&pairs(self.space, p)),
                (None, None) => Err("no scenario to simulate".into()),
            })
            .collect();
        let (settings, space, pool, progress) =
            (self.settings, self.space, self.pool, self.progress);
        let simulated: Vec<Simulated> = self.steps.step(points.len(), |todo| {
            let ok: Vec<&Scenario> = todo
                .iter()
                .filter_map(|&i| built[i].as_ref().ok())
                .collect();
            let mut years =
                hazard_years(&ok, 0..settings.search_years, pool, settings.prefix).into_iter();
            todo.iter()
                .map(|&i| {
                    let done = match &built[i] {
                        Ok(s) => Simulated {
                            years: years.next().unwrap_or_default(),
                            outages: match space.lose_at_most {
                                Some(_) => outage_losses(
                                    s,
                                    &space.nodes,
                                    settings.replications,
                                    pool,
                                    settings.prefix,
                                ),
                                None => Vec::new(),
                            },
                        },
                        Err(_) => Simulated {
                            years: Vec::new(),
                            outages: Vec::new(),
                        },
                    };
                    progress.tick();
                    done
                })
                .collect()
        })?;
        if self.today.is_empty() {
            // The first point evaluated is today's plan.
            self.today = simulated
                .first()
                .map(|s| s.years.clone())
                .unwrap_or_default();
        }
        let mut numbers = Vec::new();
        for ((p, b), sim) in points.iter().zip(built).zip(simulated) {
            let number = self.candidates.len();
            let settings = p.as_ref().map_or_else(Vec::new, |p| {
                pairs(self.space, p)
                    .into_iter()
                    .map(|(path, value)| Setting { path, value })
                    .collect()
            });
            let c = match &b {
                Ok(_) => self.candidate(number, settings, p.clone(), sim),
                Err(why) => Candidate {
                    number,
                    settings,
                    running: f64::NAN,
                    loss: f64::NAN,
                    normal: f64::NAN,
                    total: Estimate::new(&[], LEVEL),
                    outages: Vec::new(),
                    within_budget: false,
                    outages_ok: false,
                    problem: Some(why.clone()),
                    totals: Vec::new(),
                    point: p.clone(),
                },
            };
            self.candidates.push(c);
            self.scenarios.push(b.ok());
            numbers.push(number);
        }
        Ok(numbers)
    }

    /// A simulated candidate's figures and constraints.
    fn candidate(
        &self,
        number: usize,
        settings: Vec<Setting>,
        point: Option<Point>,
        sim: Simulated,
    ) -> Candidate {
        let years = &sim.years;
        let totals: Vec<f64> = years
            .iter()
            .zip(&self.today)
            .map(|(y, t)| total(y, t, self.costs))
            .collect();
        let mean = |f: &dyn Fn(&HazardYear) -> f64| {
            years.iter().map(f).sum::<f64>() / years.len().max(1) as f64
        };
        let running = mean(&|y| y.running.as_ref().map_or(f64::NAN, |r| r.total));
        let loss = mean(&|y| y.loss.unwrap_or(f64::NAN));
        let normal = years
            .iter()
            .zip(&self.today)
            .map(|(y, t)| normal_cost(y, t, self.costs))
            .sum::<f64>()
            / years.len().max(1) as f64;
        let space = self.space;
        let outages = sim.outages;
        Candidate {
            number,
            settings,
            running,
            loss,
            normal,
            total: Estimate::new(&totals, LEVEL),
            within_budget: space.running_at_most.is_none_or(|b| running <= b),
            outages_ok: space
                .lose_at_most
                .is_none_or(|l| outages.iter().all(|o| o.lost_95 <= l)),
            outages,
            problem: None,
            totals,
            point,
        }
    }
}

impl Oracle for Evaluations<'_> {
    fn evaluate(&mut self, points: &[Point]) -> Result<Vec<usize>, BatchError> {
        let points: Vec<Option<Point>> = points.iter().cloned().map(Some).collect();
        let none = vec![None; points.len()];
        self.run(&points, none)
    }

    fn better(&self, a: usize, b: usize) -> bool {
        rank(&self.candidates[a], &self.candidates[b], self.space).is_lt()
    }
}
