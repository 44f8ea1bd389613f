//! Folding replication records into a scenario's aggregates, always in
//! replication order, so a result never depends on thread count, sharding
//! or resumption. Series are kept as integer sums and histograms: constant
//! memory, exact percentiles, exact merges.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::RepRecord;
use super::run::studied;
use crate::scenario::{Scenario, Timing};
use crate::stats::figures::{PAIRED, Paired};
use crate::stats::mser::mser5_truncation;
use crate::stats::series::{HourlyHistogram, StockBand};
use crate::stats::{Interval, Running};

/// A resilience figure that may be undefined in some replications.
#[derive(Debug, Clone, Default)]
struct Partial {
    defined: Running,
    undefined: u64,
}

impl Partial {
    fn push(&mut self, x: Option<f64>) {
        match x {
            Some(v) => self.defined.push(v),
            None => self.undefined += 1,
        }
    }
}

/// Everything a study keeps about one scenario, folded in replication order.
#[derive(Debug, Clone)]
pub struct Aggregate {
    /// Headline figure names, in record order (`record::figure_names`).
    pub names: Vec<String>,
    figures: Vec<Running>,
    twin_figures: Option<Vec<Running>>,
    /// Each headline figure's paired difference (disrupted - twin).
    differences: Option<Vec<Running>>,
    /// Per studied disruption, per [`PAIRED`] figure.
    paired: Vec<Vec<Partial>>,
    robots_lost_total: Running,
    /// Replications folded so far.
    pub replications: u64,
    /// Robots completed in each hour, over replications.
    pub output: HourlyHistogram,
    /// The twin's robots completed in each hour; `None` without disruptions.
    pub twin_output: Option<HourlyHistogram>,
    /// Factory on-hand at each hour's end, per part [units].
    pub on_hand: Vec<StockBand>,
    /// Finished goods per supplier over hours.
    pub supplier_stock: Vec<StockBand>,
    /// Daily output value -> number of (replication, day) pairs.
    pub daily: BTreeMap<u32, u64>,
    /// The twin's daily output value -> number of (replication, day) pairs;
    /// empty without disruptions.
    pub twin_daily: BTreeMap<u32, u64>,
    /// Per emergency or backup route: trucks that left in each hour,
    /// summed over replications.
    pub contingent: BTreeMap<usize, Vec<u32>>,
    /// Replications in overtime during each hour.
    pub overtime_hours: Vec<u32>,
    /// The routes whose trucks are marked (emergency and backup).
    pub contingent_routes: Vec<usize>,
    /// Robots per day, day by day after the warm-up, over replications.
    pub by_day: HourlyHistogram,
    /// The twin's robots per day after the warm-up; `None` without disruptions.
    pub twin_by_day: Option<HourlyHistogram>,
    /// Robots per day per model (empty without models).
    pub by_day_model: Vec<HourlyHistogram>,
    /// The replication expected next.
    next: u64,
}

impl Aggregate {
    /// An empty aggregate for `scenario`.
    pub fn new(scenario: &Scenario) -> Aggregate {
        let names = super::record::figure_names(scenario);
        let disrupted = !scenario.disruptions.is_empty();
        let studied = studied(scenario).len();
        Aggregate {
            figures: vec![Running::default(); names.len()],
            twin_figures: disrupted.then(|| vec![Running::default(); names.len()]),
            differences: disrupted.then(|| vec![Running::default(); names.len()]),
            names,
            paired: vec![vec![Partial::default(); PAIRED.len()]; studied],
            robots_lost_total: Running::default(),
            replications: 0,
            output: HourlyHistogram::default(),
            twin_output: disrupted.then(HourlyHistogram::default),
            on_hand: vec![StockBand::default(); scenario.parts.len()],
            supplier_stock: vec![StockBand::default(); scenario.suppliers.len()],
            daily: BTreeMap::new(),
            twin_daily: BTreeMap::new(),
            contingent: BTreeMap::new(),
            overtime_hours: Vec::new(),
            contingent_routes: (0..scenario.routes.len())
                .filter(|&r| scenario.routes[r].policy.contingent())
                .collect(),
            by_day: HourlyHistogram::default(),
            twin_by_day: disrupted.then(HourlyHistogram::default),
            by_day_model: vec![HourlyHistogram::default(); scenario.line.models.len()],
            next: 0,
        }
    }

    /// Folds the next replication's record; records must come in order 0, 1, 2, ...
    pub fn push(&mut self, r: &RepRecord) {
        assert_eq!(
            r.replication, self.next,
            "records are folded in replication order"
        );
        self.next += 1;
        self.replications += 1;
        for (acc, &x) in self.figures.iter_mut().zip(&r.figures) {
            acc.push(x);
        }
        if let (Some(accs), Some(tw)) = (self.twin_figures.as_mut(), r.twin_figures.as_ref()) {
            for (acc, &x) in accs.iter_mut().zip(tw) {
                acc.push(x);
            }
            if let Some(diffs) = self.differences.as_mut() {
                for ((acc, &x), &t) in diffs.iter_mut().zip(&r.figures).zip(tw) {
                    acc.push(x - t);
                }
            }
            let completed = self
                .names
                .iter()
                .position(|n| n == "completed")
                .expect("completed is a figure");
            self.robots_lost_total
                .push(tw[completed] - r.figures[completed]);
        }
        for (accs, res) in self.paired.iter_mut().zip(&r.resilience) {
            for (acc, &x) in accs.iter_mut().zip(&res.0) {
                acc.push(x);
            }
        }
        self.output.push(&r.hourly_output);
        if let (Some(h), Some(s)) = (self.twin_output.as_mut(), r.twin_hourly_output.as_ref()) {
            h.push(s);
        }
        for (band, series) in self.on_hand.iter_mut().zip(&r.hourly_on_hand) {
            band.push(series);
        }
        for (band, series) in self.supplier_stock.iter_mut().zip(&r.hourly_supplier_stock) {
            band.push(series);
        }
        for &(a, b) in &r.overtime {
            let (first, last) = (a.floor() as usize, (b.ceil() as usize).max(1) - 1);
            if self.overtime_hours.len() <= last {
                self.overtime_hours.resize(last + 1, 0);
            }
            for h in first..=last {
                self.overtime_hours[h] += 1;
            }
        }
        for &(hour, route) in &r.contingent_trucks {
            let counts = self.contingent.entry(route as usize).or_default();
            let h = hour as usize;
            if counts.len() <= h {
                counts.resize(h + 1, 0);
            }
            counts[h] += 1;
        }
        for &d in &r.daily_output {
            *self.daily.entry(d).or_default() += 1;
        }
        self.by_day.push(&r.daily_output);
        for (h, series) in self.by_day_model.iter_mut().zip(&r.daily_by_model) {
            h.push(series);
        }
        if let (Some(h), Some(s)) = (self.twin_by_day.as_mut(), r.twin_daily_output.as_ref()) {
            h.push(s);
        }
        for &d in r.twin_daily_output.iter().flatten() {
            *self.twin_daily.entry(d).or_default() += 1;
        }
    }

    /// The estimate of a named figure.
    pub fn figure(&self, name: &str) -> Option<Interval> {
        let i = self.names.iter().position(|n| n == name)?;
        Some(self.figures[i].estimate())
    }

    /// The twin's estimate of a named figure.
    pub fn twin_figure(&self, name: &str) -> Option<Interval> {
        let i = self.names.iter().position(|n| n == name)?;
        Some(self.twin_figures.as_ref()?[i].estimate())
    }

    /// The study's view of this scenario for `summary.json`.
    pub fn summarise(&self, scenario: &Scenario) -> ScenarioStudy {
        let table = |accs: &[Running]| -> BTreeMap<String, Interval> {
            self.names
                .iter()
                .cloned()
                .zip(accs.iter().map(Running::estimate))
                .collect()
        };
        let partial = |p: &Partial| PartialInterval {
            estimate: p.defined.estimate(),
            undefined: p.undefined,
            share_undefined: p.undefined as f64 / self.replications.max(1) as f64,
        };
        let n = self.replications.max(1);
        let mean_output = self.output.means(n);
        ScenarioStudy {
            name: scenario.name.clone(),
            source: scenario.source.clone(),
            replications: self.replications,
            warmup_h: scenario.warmup / 3600.0,
            mser5_warmup_h: mser5_truncation(&mean_output).map(|h| h as f64),
            share_of_days_on_target: {
                let target = (scenario.target_per_hour() * 24.0).ceil() as u32;
                let days: u64 = self.daily.values().sum();
                (days > 0).then(|| {
                    self.daily.range(target..).map(|(_, n)| n).sum::<u64>() as f64 / days as f64
                })
            },
            figures: table(&self.figures),
            undisrupted_twin: self.twin_figures.as_deref().map(table),
            paired_differences: self.differences.as_deref().map(table),
            robots_lost_total: self
                .twin_figures
                .as_ref()
                .map(|_| self.robots_lost_total.estimate()),
            resilience: studied(scenario)
                .into_iter()
                .zip(&self.paired)
                .map(|(d, accs)| {
                    let spec = &scenario.disruptions[d];
                    PairedStudy {
                        disruption: spec.name.clone(),
                        random: matches!(spec.timing, Timing::Random { .. }),
                        figures: PAIRED
                            .iter()
                            .zip(accs)
                            .map(|(f, p)| (f.name.to_string(), partial(p)))
                            .collect(),
                    }
                })
                .collect(),
        }
    }
}

/// An estimate over the replications where a figure is defined, and how
/// many replications left it undefined ("survived", "not within the
/// horizon"): `estimate.n < replications` means it is over a subset.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PartialInterval {
    /// Mean and interval over the replications where the figure is defined.
    pub estimate: Interval,
    /// Replications that left the figure undefined.
    pub undefined: u64,
    /// `undefined` as a share of the replications (e.g. P(survived)).
    pub share_undefined: f64,
}

impl PartialInterval {
    /// Whether the estimate leaves some replications out.
    pub fn over_subset(&self) -> bool {
        self.undefined > 0
    }
}

/// Paired resilience figures of one disruption over replications, by
/// figure name ([`PAIRED`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairedStudy {
    /// The disruption's name.
    pub disruption: String,
    /// A random disruption: its figures cover all its occurrences in a run.
    pub random: bool,
    /// Each [`PAIRED`] figure by name.
    pub figures: BTreeMap<String, PartialInterval>,
}

impl PairedStudy {
    /// A figure by name.
    pub fn get(&self, key: Paired) -> Option<&PartialInterval> {
        self.figures.get(key.name())
    }
}

/// One scenario of a study, as written to `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioStudy {
    /// The scenario's name.
    pub name: String,
    /// Where the scenario was read from (`BASELINE_SOURCE` for the embedded baseline).
    pub source: String,
    /// Replications folded.
    pub replications: u64,
    /// The warm-up used [h].
    pub warmup_h: f64,
    /// MSER-5 truncation point of the mean hourly output [h].
    pub mser5_warmup_h: Option<f64>,
    /// Share of (replication, day) pairs after the warm-up that reached the
    /// takt's daily target; `None` without a whole day after the warm-up.
    #[serde(default)]
    pub share_of_days_on_target: Option<f64>,
    /// Each headline figure's estimate over replications, by name.
    pub figures: BTreeMap<String, Interval>,
    /// The twin's headline figures; `None` without disruptions.
    pub undisrupted_twin: Option<BTreeMap<String, Interval>>,
    /// Each headline figure's paired difference, disrupted minus twin.
    pub paired_differences: Option<BTreeMap<String, Interval>>,
    /// Twin's completions minus the disrupted run's, paired by replication.
    pub robots_lost_total: Option<Interval>,
    /// Paired figures per studied disruption, in scenario order.
    pub resilience: Vec<PairedStudy>,
}
