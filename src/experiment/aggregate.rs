//! Folding replication records into a scenario's aggregates, always in
//! replication order, so a result never depends on thread count, sharding
//! or resumption. Series are kept as integer sums and histograms: constant
//! memory, exact percentiles, exact merges.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::RepRecord;
use crate::scenario::{Scenario, Timing};
use crate::stats::interval::{Interval, Running};
use crate::stats::mser::mser5_truncation;
use crate::stats::series::{HourlyHistogram, StockBand};

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

/// Resilience figures over replications, paired against the twin.
#[derive(Debug, Clone, Default)]
struct PairedRunning {
    robots_lost: Running,
    tts: Partial,
    ttr: Partial,
    backlog: Partial,
    lowest: Running,
    loss: Running,
}

/// Everything a study keeps about one scenario, folded in replication order.
#[derive(Debug, Clone)]
pub struct Aggregate {
    pub names: Vec<String>,
    figures: Vec<Running>,
    twin_figures: Option<Vec<Running>>,
    paired: Vec<PairedRunning>,
    robots_lost_total: Running,
    pub replications: u64,
    pub output: HourlyHistogram,
    pub twin_output: Option<HourlyHistogram>,
    pub on_hand: Vec<StockBand>,
    /// Daily output value -> number of (replication, day) pairs.
    pub daily: BTreeMap<u32, u64>,
    pub twin_daily: BTreeMap<u32, u64>,
    /// The replication expected next.
    next: u64,
}

impl Aggregate {
    /// An empty aggregate for `scenario`.
    pub fn new(scenario: &Scenario) -> Aggregate {
        let names = super::record::figure_names(scenario);
        let disrupted = !scenario.disruptions.is_empty();
        let scheduled = scenario
            .disruptions
            .iter()
            .filter(
                |d| matches!(d.timing, Timing::Scheduled { start, .. } if start < scenario.horizon),
            )
            .count();
        Aggregate {
            figures: vec![Running::default(); names.len()],
            twin_figures: disrupted.then(|| vec![Running::default(); names.len()]),
            names,
            paired: vec![PairedRunning::default(); scheduled],
            robots_lost_total: Running::default(),
            replications: 0,
            output: HourlyHistogram::default(),
            twin_output: disrupted.then(HourlyHistogram::default),
            on_hand: vec![StockBand::default(); scenario.parts.len()],
            daily: BTreeMap::new(),
            twin_daily: BTreeMap::new(),
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
            let completed = self
                .names
                .iter()
                .position(|n| n == "completed")
                .expect("completed is a figure");
            self.robots_lost_total
                .push(tw[completed] - r.figures[completed]);
        }
        for (acc, res) in self.paired.iter_mut().zip(&r.resilience) {
            acc.robots_lost.push(res.robots_lost);
            acc.tts.push(res.time_to_survive_h);
            acc.ttr.push(res.time_to_recover_h);
            acc.backlog.push(res.backlog_recovery_h);
            acc.lowest.push(res.lowest_rolling_24h);
            acc.loss.push(res.resilience_loss_h);
        }
        self.output.push(&r.hourly_output);
        if let (Some(h), Some(s)) = (self.twin_output.as_mut(), r.twin_hourly_output.as_ref()) {
            h.push(s);
        }
        for (band, series) in self.on_hand.iter_mut().zip(&r.hourly_on_hand) {
            band.push(series);
        }
        for &d in &r.daily_output {
            *self.daily.entry(d).or_default() += 1;
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
        let scheduled: Vec<&crate::scenario::Disruption> = scenario
            .disruptions
            .iter()
            .filter(
                |d| matches!(d.timing, Timing::Scheduled { start, .. } if start < scenario.horizon),
            )
            .collect();
        let partial = |p: &Partial| PartialInterval {
            estimate: p.defined.estimate(),
            undefined: p.undefined,
        };
        let n = self.replications.max(1);
        let mean_output = self.output.means(n);
        ScenarioStudy {
            name: scenario.name.clone(),
            source: scenario.source.clone(),
            replications: self.replications,
            warmup_h: scenario.warmup / 3600.0,
            mser5_warmup_h: mser5_truncation(&mean_output).map(|h| h as f64),
            figures: table(&self.figures),
            undisrupted_twin: self.twin_figures.as_deref().map(table),
            robots_lost_total: self
                .twin_figures
                .as_ref()
                .map(|_| self.robots_lost_total.estimate()),
            resilience: scheduled
                .iter()
                .zip(&self.paired)
                .map(|(d, p)| PairedStudy {
                    disruption: d.name.clone(),
                    robots_lost: p.robots_lost.estimate(),
                    time_to_survive_h: partial(&p.tts),
                    time_to_recover_h: partial(&p.ttr),
                    backlog_recovery_h: partial(&p.backlog),
                    lowest_rolling_24h: p.lowest.estimate(),
                    resilience_loss_h: p.loss.estimate(),
                })
                .collect(),
        }
    }
}

/// An estimate over the replications where a figure is defined, and how
/// many replications left it undefined ("survived", "not within the horizon").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PartialInterval {
    pub estimate: Interval,
    pub undefined: u64,
}

/// Paired resilience figures of one disruption over replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairedStudy {
    pub disruption: String,
    pub robots_lost: Interval,
    /// `undefined` counts replications that survived.
    pub time_to_survive_h: PartialInterval,
    /// `undefined` counts replications not recovered within the horizon.
    pub time_to_recover_h: PartialInterval,
    pub backlog_recovery_h: PartialInterval,
    pub lowest_rolling_24h: Interval,
    pub resilience_loss_h: Interval,
}

/// One scenario of a study, as written to `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioStudy {
    pub name: String,
    pub source: String,
    pub replications: u64,
    pub warmup_h: f64,
    /// MSER-5 truncation point of the mean hourly output [h].
    pub mser5_warmup_h: Option<f64>,
    pub figures: BTreeMap<String, Interval>,
    pub undisrupted_twin: Option<BTreeMap<String, Interval>>,
    /// Twin's completions minus the disrupted run's, paired by replication.
    pub robots_lost_total: Option<Interval>,
    pub resilience: Vec<PairedStudy>,
}
