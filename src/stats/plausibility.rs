//! How plausible a combination of failures is, for the reverse stress
//! test's ranking: where every node has hazards, the product over its nodes
//! of the yearly frequency of an event at least that long; else the sum of
//! the outages' lengths in units of each node's time to recover.

use crate::scenario::{Dist, Effect, Scenario};
use crate::time::Seconds;

/// P(D >= d) for a duration drawn from `dist`.
pub fn at_least(dist: &Dist, d: Seconds) -> f64 {
    match *dist {
        Dist::Fixed(v) => f64::from(u8::from(v >= d)),
        Dist::Exponential { mean } => (-(d.max(0.0)) / mean).exp().min(1.0),
        Dist::Uniform { min, max } if max > min => ((max - d) / (max - min)).clamp(0.0, 1.0),
        Dist::Uniform { min, .. } => f64::from(u8::from(min >= d)),
        Dist::LogNormal { mean, cv } => {
            if d <= 0.0 {
                return 1.0;
            }
            if cv <= 0.0 {
                return f64::from(u8::from(mean >= d));
            }
            let s2 = (1.0 + cv * cv).ln();
            let mu = mean.ln() - 0.5 * s2;
            0.5 * erfc((d.ln() - mu) / (2.0 * s2).sqrt())
        }
    }
}

/// The complementary error function, to about 1e-7 (Numerical Recipes'
/// Chebyshev fit, `erfcc`).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// Events per year of `node`'s hazards lasting at least `d`, summed over
/// the hazards that stop it outright (one that only slows it is a lesser
/// event); `None` where none does.
pub fn yearly(scenario: &Scenario, node: &str, d: Seconds) -> Option<f64> {
    let outright = |e: &Effect| {
        matches!(
            e,
            Effect::SupplierOutage(_) | Effect::RouteClosure(_) | Effect::StationDown(_)
        )
    };
    let mut hazards = scenario
        .hazards
        .iter()
        .filter(|h| h.node == node && h.effects.iter().all(outright))
        .peekable();
    hazards.peek()?;
    Some(hazards.map(|h| h.per_year * at_least(&h.duration, d)).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::HOUR;

    #[test]
    fn the_chance_of_lasting_at_least_a_duration_follows_each_distribution() {
        let h = HOUR;
        assert_eq!(at_least(&Dist::Fixed(4.0 * h), 4.0 * h), 1.0);
        assert_eq!(at_least(&Dist::Fixed(4.0 * h), 5.0 * h), 0.0);
        let u = Dist::Uniform {
            min: 24.0 * h,
            max: 96.0 * h,
        };
        assert_eq!(at_least(&u, 12.0 * h), 1.0);
        assert!((at_least(&u, 60.0 * h) - 0.5).abs() < 1e-12);
        assert_eq!(at_least(&u, 100.0 * h), 0.0);
        let e = Dist::Exponential { mean: 12.0 * h };
        assert!((at_least(&e, 12.0 * h) - (-1.0f64).exp()).abs() < 1e-12);
        // A lognormal's median is exp(mu): half the events last longer.
        let (mean, cv) = (10.0 * h, 0.5f64);
        let median = mean / (1.0 + cv * cv).sqrt();
        let l = Dist::LogNormal { mean, cv };
        assert!((at_least(&l, median) - 0.5).abs() < 1e-6);
        assert!(at_least(&l, 0.5 * median) > 0.9);
    }

    #[test]
    fn erfc_matches_known_values() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.0) - 0.157_299_207).abs() < 1e-7);
        assert!((erfc(-1.0) - 1.842_700_793).abs() < 1e-7);
        assert!((erfc(2.0) - 0.004_677_735).abs() < 1e-7);
    }
}
