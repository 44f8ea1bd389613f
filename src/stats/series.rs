//! Series over replications kept as integer sums and histograms: constant
//! memory, exact percentiles, exact merges.

use std::collections::BTreeMap;

/// Per-hour counts of an integer series, for exact percentiles. Sparse:
/// memory follows the distinct values seen, never the size of a value.
#[derive(Debug, Clone, Default)]
pub struct HourlyHistogram {
    /// `counts[h][v]`: replications with value v in hour h.
    pub counts: Vec<BTreeMap<u32, u32>>,
    /// Sum over replications per hour.
    pub sums: Vec<u64>,
}

impl HourlyHistogram {
    /// Folds in one replication's series (a value per hour, or per day).
    pub fn push(&mut self, series: &[u32]) {
        if self.counts.len() < series.len() {
            self.counts.resize(series.len(), BTreeMap::new());
            self.sums.resize(series.len(), 0);
        }
        for (h, &v) in series.iter().enumerate() {
            *self.counts[h].entry(v).or_default() += 1;
            self.sums[h] = self.sums[h].saturating_add(u64::from(v));
        }
    }

    /// The nearest-rank `p` quantile in hour `h`.
    pub fn quantile(&self, h: usize, p: f64) -> f64 {
        let c = &self.counts[h];
        let n: u32 = c.values().sum();
        let rank = ((p * f64::from(n)).ceil() as u32).max(1);
        let mut seen = 0;
        for (&v, &k) in c {
            seen += k;
            if seen >= rank {
                return f64::from(v);
            }
        }
        c.keys().next_back().map_or(0.0, |&v| f64::from(v))
    }

    /// Mean per hour over `n` replications.
    pub fn means(&self, n: u64) -> Vec<f64> {
        self.sums.iter().map(|&s| s as f64 / n as f64).collect()
    }
}

/// Per-hour sum, minimum and maximum of a stock level.
#[derive(Debug, Clone, Default)]
pub struct StockBand {
    /// Sum over replications per hour [units].
    pub sums: Vec<u64>,
    /// Lowest level per hour over replications [units].
    pub min: Vec<u64>,
    /// Highest level per hour over replications [units].
    pub max: Vec<u64>,
}

impl StockBand {
    /// Folds in one replication's hourly levels.
    pub fn push(&mut self, series: &[u64]) {
        if self.sums.len() < series.len() {
            self.sums.resize(series.len(), 0);
            self.min.resize(series.len(), u64::MAX);
            self.max.resize(series.len(), 0);
        }
        for (h, &v) in series.iter().enumerate() {
            self.sums[h] = self.sums[h].saturating_add(v);
            self.min[h] = self.min[h].min(v);
            self.max[h] = self.max[h].max(v);
        }
    }
}
