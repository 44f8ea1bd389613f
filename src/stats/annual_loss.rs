//! Expected annual loss and its tail, from the losses of hazard years: the
//! mean with its interval, the loss-exceedance curve, VaR 95 and CVaR 95.

use serde::Serialize;

use super::interval::{Estimate, LEVEL};

/// Share of the worst years that VaR and CVaR look past.
pub const TAIL: f64 = 0.05;

/// The annual loss of a plan over its hazard years [money/year].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualLoss {
    /// Hazard years simulated.
    pub years: usize,
    /// Expected annual loss: the mean loss, with its 95% interval.
    pub expected: Estimate,
    /// The 95% value at risk: the loss that 95% of years stay at or under
    /// (the empirical quantile, the ceil(0.95 n)-th smallest loss).
    pub var_95: f64,
    /// The mean of the worst 5% of years (at least the worst one).
    pub cvar_95: f64,
    /// Loss-exceedance curve: each year's loss, largest first, with the
    /// share of years whose loss is at least that [(money, share)].
    pub exceedance: Vec<(f64, f64)>,
}

impl AnnualLoss {
    /// The figures of `losses`, one per hazard year.
    pub fn new(losses: &[f64]) -> AnnualLoss {
        let n = losses.len();
        let mut sorted = losses.to_vec();
        sorted.sort_by(|a, b| b.total_cmp(a));
        let worst = ((n as f64 * TAIL).ceil() as usize).clamp(1, n.max(1));
        let var_at = ((n as f64 * (1.0 - TAIL)).ceil() as usize).clamp(1, n.max(1));
        AnnualLoss {
            years: n,
            expected: Estimate::new(losses, LEVEL),
            var_95: if n == 0 { f64::NAN } else { sorted[n - var_at] },
            cvar_95: if n == 0 {
                f64::NAN
            } else {
                sorted[..worst].iter().sum::<f64>() / worst as f64
            },
            exceedance: sorted
                .iter()
                .enumerate()
                .map(|(i, &x)| (x, (i + 1) as f64 / n as f64))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_of_twenty_years_is_the_worst_one_and_var_the_nineteenth() {
        let losses: Vec<f64> = (1..=20).map(|k| k as f64 * 1000.0).collect();
        let a = AnnualLoss::new(&losses);
        assert_eq!(a.expected.mean, 10_500.0);
        assert_eq!(a.var_95, 19_000.0);
        assert_eq!(a.cvar_95, 20_000.0);
        assert_eq!(a.exceedance[0], (20_000.0, 0.05));
        assert_eq!(a.exceedance[19], (1_000.0, 1.0));
    }

    #[test]
    fn years_without_loss_give_zero_everywhere() {
        let a = AnnualLoss::new(&[0.0; 10]);
        assert_eq!((a.expected.mean, a.var_95, a.cvar_95), (0.0, 0.0, 0.0));
    }
}
