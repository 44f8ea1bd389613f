//! Random streams: one independent, reproducible generator per source.
//!
//! A stream's seed is derived from (scenario seed, replication, source name)
//! with a stable hash, so removing a disruption or adding a station never
//! shifts the draws of any other source.

use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Exp, Exp1, LogNormal, Uniform};
use rand_pcg::Pcg64Mcg;

use crate::scenario::Dist;
use crate::time::Seconds;

/// One random stream (PCG-64 MCG: fast, small, reproducible on every platform).
#[derive(Debug, Clone)]
pub struct Stream(Pcg64Mcg);

impl Stream {
    /// The stream of `source` in replication `replication` of seed `seed`.
    pub fn new(seed: u64, replication: u64, source: &str) -> Stream {
        let mut h = splitmix(seed ^ 0x7a6b_746c_696e_6521);
        h = splitmix(h ^ replication);
        h = splitmix(h ^ fnv1a(source.as_bytes()));
        Stream(Pcg64Mcg::seed_from_u64(h))
    }

    /// A uniform draw in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// True with probability `p`.
    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// An exponential draw with the given mean.
    pub fn exponential(&mut self, mean: Seconds) -> Seconds {
        let e: f64 = Exp1.sample(&mut self.0);
        e * mean
    }
}

/// A distribution ready to draw from, built once from a scenario [`Dist`].
#[derive(Debug, Clone, Copy)]
pub enum Sampler {
    /// Always this value [s]; draws nothing. Also stands in, at the mean,
    /// for a distribution that cannot be built.
    Fixed(Seconds),
    /// Exponential, with rate 1 / mean.
    Exponential(Exp<f64>),
    /// Log-normal, built from the mean and coefficient of variation.
    LogNormal(LogNormal<f64>),
    /// Uniform on [min, max], both ends included.
    Uniform(Uniform<f64>),
}

impl Sampler {
    /// Prepares a validated distribution for sampling.
    pub fn new(d: &Dist) -> Sampler {
        match *d {
            Dist::Fixed(v) => Sampler::Fixed(v),
            // Validation keeps every parameter in range (scenario::limits); a
            // distribution that still cannot be built falls back to its mean
            // rather than stopping the run.
            Dist::Exponential { mean } => Exp::new(1.0 / mean)
                .map(Sampler::Exponential)
                .unwrap_or(Sampler::Fixed(mean)),
            Dist::LogNormal { mean, cv } => LogNormal::from_mean_cv(mean, cv)
                .map(Sampler::LogNormal)
                .unwrap_or(Sampler::Fixed(mean)),
            Dist::Uniform { min, max } => Uniform::new_inclusive(min, max)
                .map(Sampler::Uniform)
                .unwrap_or(Sampler::Fixed(0.5 * (min + max))),
        }
    }

    /// One draw; a fixed value consumes no randomness.
    #[inline]
    pub fn sample(&self, s: &mut Stream) -> Seconds {
        match self {
            Sampler::Fixed(v) => *v,
            Sampler::Exponential(d) => d.sample(&mut s.0),
            Sampler::LogNormal(d) => d.sample(&mut s.0),
            Sampler::Uniform(d) => d.sample(&mut s.0),
        }
    }
}

/// A stream together with the distribution it draws from.
#[derive(Debug, Clone)]
pub struct Source {
    /// The source's own stream, keyed by its name.
    pub stream: Stream,
    /// The distribution its draws follow.
    pub sampler: Sampler,
}

impl Source {
    /// The source named `name` drawing from `dist`.
    pub fn new(seed: u64, replication: u64, name: &str, dist: &Dist) -> Source {
        Source {
            stream: Stream::new(seed, replication, name),
            sampler: Sampler::new(dist),
        }
    }

    /// The next draw of this source.
    #[inline]
    pub fn draw(&mut self) -> Seconds {
        self.sampler.sample(&mut self.stream)
    }
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_source_same_draws() {
        let mut a = Stream::new(7, 3, "station/S1/process");
        let mut b = Stream::new(7, 3, "station/S1/process");
        for _ in 0..100 {
            assert_eq!(a.uniform(), b.uniform());
        }
    }

    #[test]
    fn sources_replications_and_seeds_are_independent() {
        let first = |seed, rep, name| Stream::new(seed, rep, name).uniform();
        let base = first(7, 3, "a");
        assert_ne!(base, first(7, 3, "b"));
        assert_ne!(base, first(7, 4, "a"));
        assert_ne!(base, first(8, 3, "a"));
    }

    #[test]
    fn lognormal_has_the_requested_mean() {
        let mut s = Source::new(
            1,
            0,
            "x",
            &Dist::LogNormal {
                mean: 10.0,
                cv: 0.3,
            },
        );
        let n = 200_000;
        let mean = (0..n).map(|_| s.draw()).sum::<f64>() / n as f64;
        // standard error = 10 * 0.3 / sqrt(n) ~ 0.0067; allow 5 standard errors
        assert!(
            (mean - 10.0).abs() < 5.0 * 3.0 / (n as f64).sqrt(),
            "mean {mean}"
        );
    }
}
