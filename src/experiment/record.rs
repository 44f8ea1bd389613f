//! What one replication of a batch keeps: its headline figures (and its
//! twin's), its resilience figures, and the compact hourly series the
//! study's charts aggregate. One record per replication is written to disk
//! as soon as it finishes, so a killed batch loses nothing.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::run::RunOutcome;
use crate::scenario::Scenario;
use crate::stats::figures::paired_values;
use crate::time::HOUR;

pub use crate::stats::figures::names as figure_names;
use crate::stats::figures::values as figures;

/// The paired figures of one disruption in one replication, in
/// [`crate::stats::figures::PAIRED`] order (`null` where undefined).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RepResilience(pub Vec<Option<f64>>);

/// One replication's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepRecord {
    /// The digest of the batch's scenario (see [`super::records::digest`]),
    /// so a record copied in from another batch is refused; empty for a
    /// record kept only in memory.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub digest: String,
    /// The replication's number (0, 1, 2, ...).
    pub replication: u64,
    /// Fingerprint of the record's content (see [`RepRecord::sealed`]), so
    /// an edited or damaged record is refused; empty for one kept in memory.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seal: String,
    /// Headline figures in `figure_names` order; NaN (`null`) where undefined.
    #[serde(with = "nan_as_null")]
    pub figures: Vec<f64>,
    /// The twin's headline figures; `None` without disruptions.
    #[serde(default, with = "opt_nan_as_null")]
    pub twin_figures: Option<Vec<f64>>,
    /// One entry per studied disruption (scheduled, then random per run),
    /// in scenario order.
    pub resilience: Vec<RepResilience>,
    /// Robots completed in each hour.
    pub hourly_output: Vec<u32>,
    /// The twin's robots completed in each hour; `None` without disruptions.
    pub twin_hourly_output: Option<Vec<u32>>,
    /// Factory on-hand at each hour's end, per part.
    pub hourly_on_hand: Vec<Vec<u64>>,
    /// Finished goods at each hour's end, per supplier [whole units].
    #[serde(default)]
    pub hourly_supplier_stock: Vec<Vec<u64>>,
    /// Trucks of emergency and backup routes: (hour of departure, route);
    /// absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contingent_trucks: Vec<(u32, u32)>,
    /// Robots completed on each full day after the warm-up, per model;
    /// absent without models.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub daily_by_model: Vec<Vec<u32>>,
    /// The line's overtime: (start, end) [h]; absent when there was none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overtime: Vec<(f64, f64)>,
    /// Robots completed on each full day after the warm-up.
    pub daily_output: Vec<u32>,
    /// The twin's robots completed on each full day after the warm-up;
    /// `None` without disruptions.
    pub twin_daily_output: Option<Vec<u32>>,
}

/// Completions on each whole day from the warm-up (rounded up to a day) to
/// the horizon, from the run's count per day.
fn daily(per_day: &[u32], warmup: f64, horizon: f64) -> Vec<u32> {
    let day = 24.0 * HOUR;
    let first = (warmup / day).ceil() as usize;
    let last = (horizon / day).floor() as usize;
    (first..last.max(first))
        .map(|d| per_day.get(d).copied().unwrap_or(0))
        .collect()
}

impl RepRecord {
    /// The record with its seal set: the fingerprint of its JSON unsealed.
    pub fn sealed(self) -> RepRecord {
        let seal = self.content_seal();
        RepRecord { seal, ..self }
    }

    /// Whether the record carries a seal and it matches its content.
    pub fn seal_holds(&self) -> bool {
        !self.seal.is_empty() && self.seal == self.content_seal()
    }

    fn content_seal(&self) -> String {
        let unsealed = RepRecord {
            seal: String::new(),
            ..self.clone()
        };
        super::fingerprint::fingerprint(&serde_json::to_vec(&unsealed).unwrap_or_default())
    }

    /// Condenses a replication's outcome.
    pub fn new(scenario: &Scenario, outcome: &RunOutcome, replication: u64) -> RepRecord {
        let rec = &outcome.recorded;
        let resilience = outcome
            .twin
            .as_ref()
            .map(|twin| {
                twin.per_disruption
                    .iter()
                    .map(|r| RepResilience(paired_values(r)))
                    .collect()
            })
            .unwrap_or_default();
        let parts = scenario.parts.len();
        RepRecord {
            digest: String::new(),
            seal: String::new(),
            replication,
            figures: figures(&outcome.summary),
            twin_figures: outcome.twin.as_ref().map(|t| figures(&t.summary)),
            resilience,
            hourly_output: rec.hours.iter().map(|h| h.totals.completed).collect(),
            twin_hourly_output: outcome.twin.as_ref().map(|t| {
                t.recorded
                    .hours
                    .iter()
                    .map(|h| h.totals.completed)
                    .collect()
            }),
            hourly_on_hand: (0..parts)
                .map(|p| rec.hours.iter().map(|h| h.on_hand[p]).collect())
                .collect(),
            hourly_supplier_stock: (0..scenario.suppliers.len())
                .map(|i| rec.hours.iter().map(|h| h.supplier_stock[i]).collect())
                .collect(),
            contingent_trucks: rec
                .contingent
                .iter()
                .map(|&(t, r)| ((t / HOUR) as u32, r as u32))
                .collect(),
            daily_by_model: rec
                .per_day_by_model
                .iter()
                .map(|m| daily(m, scenario.warmup, scenario.horizon))
                .collect(),
            overtime: rec
                .overtime
                .iter()
                .map(|&(t, len)| (t / HOUR, (t + len) / HOUR))
                .collect(),
            daily_output: daily(&rec.per_day, scenario.warmup, scenario.horizon),
            twin_daily_output: outcome
                .twin
                .as_ref()
                .map(|t| daily(&t.recorded.per_day, scenario.warmup, scenario.horizon)),
        }
    }
}

/// JSON has no NaN: write it as null and read null back as NaN.
mod nan_as_null {
    use super::*;

    pub(super) fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
        let opt: Vec<Option<f64>> = v.iter().map(|x| x.is_finite().then_some(*x)).collect();
        opt.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        let opt: Vec<Option<f64>> = Vec::deserialize(d)?;
        Ok(opt.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
    }
}

mod opt_nan_as_null {
    use super::*;

    pub(super) fn serialize<S: Serializer>(v: &Option<Vec<f64>>, s: S) -> Result<S::Ok, S::Error> {
        let opt: Option<Vec<Option<f64>>> = v
            .as_ref()
            .map(|v| v.iter().map(|x| x.is_finite().then_some(*x)).collect());
        opt.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Vec<f64>>, D::Error> {
        let opt: Option<Vec<Option<f64>>> = Option::deserialize(d)?;
        Ok(opt.map(|v| v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect()))
    }
}
