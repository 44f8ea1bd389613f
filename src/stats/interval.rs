//! Means and Student-t confidence intervals over replications: one running
//! accumulator and one interval formula for every figure.

use serde::{Deserialize, Serialize};

/// Confidence level of every interval a study reports.
pub const LEVEL: f64 = 0.95;

/// Welford's running mean and variance: values fold in one at a time, in a
/// fixed order, so a result never depends on how the values were produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct Running {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Running {
    /// Adds a value; NaN values are skipped (a figure undefined in that run).
    pub fn push(&mut self, x: f64) {
        if x.is_nan() {
            return;
        }
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    /// Values folded so far.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// Mean, standard deviation and the two-sided Student-t interval at
    /// `level` (e.g. 0.95); NaN where undefined (no values, or one value).
    pub fn estimate_at(&self, level: f64) -> Estimate {
        let n = self.n;
        let std_dev = if n > 1 {
            (self.m2 / (n - 1) as f64).sqrt()
        } else {
            f64::NAN
        };
        let half_width = if n > 1 {
            student_t_quantile(0.5 + level / 2.0, (n - 1) as f64) * std_dev / (n as f64).sqrt()
        } else {
            f64::NAN
        };
        let mean = if n > 0 { self.mean } else { f64::NAN };
        Estimate {
            n: n as usize,
            mean,
            std_dev,
            half_width,
            low: mean - half_width,
            high: mean + half_width,
        }
    }

    /// The estimate at [`LEVEL`], as written to `summary.json`.
    pub fn estimate(&self) -> Interval {
        let e = self.estimate_at(LEVEL);
        Interval {
            n: self.n,
            mean: (self.n > 0).then_some(self.mean),
            std_dev: finite(e.std_dev),
            half_width: finite(e.half_width),
            low: finite(self.mean - e.half_width),
            high: finite(self.mean + e.half_width),
        }
    }
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// An estimate as written to `summary.json` (null where undefined).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Values it is over (undefined ones left out).
    pub n: u64,
    /// Mean; null without values.
    pub mean: Option<f64>,
    /// Sample standard deviation; null with fewer than two values.
    pub std_dev: Option<f64>,
    /// Half-width of the [`LEVEL`] Student-t interval; null with fewer than two values.
    pub half_width: Option<f64>,
    /// Lower end, mean - half-width.
    pub low: Option<f64>,
    /// Upper end, mean + half-width.
    pub high: Option<f64>,
}

impl Interval {
    /// The same estimate in other units, every value times `k` (a share
    /// shown as a percentage).
    pub fn scaled(self, k: f64) -> Interval {
        let times = |v: Option<f64>| v.map(|v| v * k);
        Interval {
            n: self.n,
            mean: times(self.mean),
            std_dev: times(self.std_dev),
            half_width: times(self.half_width),
            low: times(self.low),
            high: times(self.high),
        }
    }
}

/// Mean, standard deviation and a two-sided confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// Values it is over (NaN ones left out).
    pub n: usize,
    /// Mean; NaN without values.
    pub mean: f64,
    /// Sample standard deviation; NaN with fewer than two values.
    pub std_dev: f64,
    /// Half-width of the interval (NaN with fewer than two values).
    pub half_width: f64,
    /// Lower end, mean - half-width.
    pub low: f64,
    /// Upper end, mean + half-width.
    pub high: f64,
}

impl Estimate {
    /// The mean of `values` with a `level` (e.g. 0.95) Student-t interval.
    pub fn new(values: &[f64], level: f64) -> Estimate {
        let mut acc = Running::default();
        for &v in values {
            acc.push(v);
        }
        acc.estimate_at(level)
    }

    /// Whether `value` lies inside the interval.
    pub fn covers(&self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }
}

/// The `p` quantile of the standard normal (Acklam's rational approximation,
/// relative error below 1.2e-9).
pub(super) fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.38357751867269e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e1,
        1.615858368580409e2,
        -1.556989798598866e2,
        6.680131188771972e1,
        -1.328068155288572e1,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-3,
        3.224671290700398e-1,
        2.445134137142996,
        3.754408661907416,
    ];
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The `p` quantile of Student's t with `df` degrees of freedom: exact for
/// 1 and 2, a fourth-order Cornish-Fisher expansion beyond (error < 1e-3
/// from 3 degrees of freedom on, for p up to 0.995).
pub(super) fn student_t_quantile(p: f64, df: f64) -> f64 {
    if df == 1.0 {
        return (std::f64::consts::PI * (p - 0.5)).tan();
    }
    if df == 2.0 {
        return (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
    }
    let z = normal_quantile(p);
    let (z2, n) = (z * z, df);
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + g1 / n + g2 / n.powi(2) + g3 / n.powi(3) + g4 / n.powi(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_tables() {
        assert!((normal_quantile(0.975) - 1.959964).abs() < 1e-6);
        assert!((student_t_quantile(0.975, 1.0) - 12.7062).abs() < 1e-3);
        assert!((student_t_quantile(0.975, 2.0) - 4.3027).abs() < 1e-3);
        assert!((student_t_quantile(0.975, 4.0) - 2.7764).abs() < 2e-3);
        assert!((student_t_quantile(0.975, 9.0) - 2.2622).abs() < 1e-3);
        assert!((student_t_quantile(0.975, 29.0) - 2.0452).abs() < 1e-3);
        assert!((student_t_quantile(0.995, 19.0) - 2.8609).abs() < 1e-3);
    }

    #[test]
    fn interval_of_known_values() {
        let e = Estimate::new(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.95);
        assert_eq!(e.mean, 3.0);
        assert!((e.std_dev - 2.5f64.sqrt()).abs() < 1e-12);
        assert!((e.half_width - 2.7764 * 2.5f64.sqrt() / 5f64.sqrt()).abs() < 5e-3);
        assert!(e.covers(3.0) && !e.covers(10.0));
    }
}
