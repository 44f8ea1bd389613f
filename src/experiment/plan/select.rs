//! Ranking and selection: Kim and Nelson's (2001) fully sequential
//! procedure KN for the lowest mean among k systems observed under common
//! random numbers. With probability at least 1 - alpha it picks the best
//! wherever the best is at least `delta` better than every other.

use std::ops::Range;

use crate::experiment::error::BatchError;

/// How the procedure runs.
#[derive(Debug, Clone, Copy)]
pub struct KnSettings {
    /// The indifference zone: differences smaller than this do not matter.
    pub delta: f64,
    /// One minus the probability of correct selection.
    pub alpha: f64,
    /// Observations of every system before the first elimination (n0 >= 2).
    pub first_stage: usize,
    /// Most observations of a system; where several remain after as many,
    /// the lowest mean is taken and the selection says it was truncated.
    pub most: usize,
    /// Observations asked for at once (they are used one at a time, so the
    /// result does not depend on it).
    pub batch: usize,
}

/// What the procedure concluded.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The system selected (an index into the systems given).
    pub chosen: usize,
    /// Every system's observations used, in order; an eliminated system's
    /// stop where it was eliminated.
    pub observations: Vec<Vec<f64>>,
    /// The observation count at which each system was eliminated.
    pub eliminated_at: Vec<Option<usize>>,
    /// It reached `most` observations with several systems left.
    pub truncated: bool,
    /// The procedure's constant h^2 (from k, n0 and alpha).
    pub h2: f64,
}

/// Observations of systems: for each system in the first slice, its
/// observations with the numbers in the range (an error where they cannot
/// be made yet: a shard waiting for its peers).
pub type Sampler<'a> = dyn FnMut(&[usize], Range<usize>) -> Result<Vec<Vec<f64>>, BatchError> + 'a;

/// Runs KN on `k` systems; `sample(alive, range)` returns, for each system
/// in `alive`, its observations with the numbers in `range` (observation r
/// of every system under the same random numbers).
pub fn select(k: usize, s: KnSettings, sample: &mut Sampler) -> Result<Selection, BatchError> {
    let n0 = s.first_stage.max(2);
    let all: Vec<usize> = (0..k).collect();
    let mut obs = vec![Vec::new(); k];
    for (i, v) in all.iter().zip(sample(&all, 0..n0)?) {
        obs[*i] = v;
    }
    let h2 = if k > 1 {
        let eta = 0.5 * ((2.0 * s.alpha / (k - 1) as f64).powf(-2.0 / (n0 - 1) as f64) - 1.0);
        2.0 * eta * (n0 - 1) as f64
    } else {
        0.0
    };
    // Variance of each pair's differences over the first stage.
    let s2 = |i: usize, l: usize| {
        let d: Vec<f64> = (0..n0).map(|r| obs[i][r] - obs[l][r]).collect();
        let mean = d.iter().sum::<f64>() / n0 as f64;
        d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n0 - 1) as f64
    };
    let var: Vec<Vec<f64>> = (0..k).map(|i| (0..k).map(|l| s2(i, l)).collect()).collect();
    // Beyond this many observations every continuation region is empty.
    let last = var
        .iter()
        .flatten()
        .map(|v| (h2 * v / (s.delta * s.delta)).floor())
        .fold(0.0, f64::max);
    let mut alive = all.clone();
    let mut eliminated_at = vec![None; k];
    let mut truncated = false;
    let mut r = n0;
    loop {
        let out = if r as f64 > last {
            // KN's last stage: the lowest mean wins.
            let best = lowest(&alive, &obs, r);
            alive.iter().copied().filter(|&i| i != best).collect()
        } else {
            eliminated(&alive, &obs, &var, h2, s.delta, r)
        };
        for &i in &out {
            eliminated_at[i] = Some(r);
        }
        alive.retain(|i| !out.contains(i));
        if alive.len() <= 1 {
            break;
        }
        if r >= s.most {
            truncated = true;
            break;
        }
        // The systems alive all hold the same observations.
        if obs[alive[0]].len() <= r {
            let upto = (r + s.batch.max(1)).min(s.most);
            for (i, v) in alive.iter().zip(sample(&alive, r..upto)?) {
                obs[*i].extend(v);
            }
        }
        r += 1;
    }
    let chosen = lowest(&alive, &obs, r);
    for (i, o) in obs.iter_mut().enumerate() {
        o.truncate(eliminated_at[i].unwrap_or(r));
    }
    Ok(Selection {
        chosen,
        observations: obs,
        eliminated_at,
        truncated,
        h2,
    })
}

/// Mean of the first `r` observations.
fn mean(o: &[f64], r: usize) -> f64 {
    o[..r].iter().sum::<f64>() / r as f64
}

/// The system alive with the lowest mean after `r` observations (the
/// first of equals).
fn lowest(alive: &[usize], obs: &[Vec<f64>], r: usize) -> usize {
    *alive
        .iter()
        .min_by(|&&a, &&b| mean(&obs[a], r).total_cmp(&mean(&obs[b], r)))
        .expect("a system is alive")
}

/// The systems KN eliminates after `r` observations: those whose mean
/// exceeds another's by more than the continuation region's half-width
/// max(0, delta / (2r) (h^2 S^2 / delta^2 - r)).
fn eliminated(
    alive: &[usize],
    obs: &[Vec<f64>],
    var: &[Vec<f64>],
    h2: f64,
    delta: f64,
    r: usize,
) -> Vec<usize> {
    alive
        .iter()
        .copied()
        .filter(|&i| {
            alive.iter().any(|&l| {
                let w = (delta / (2.0 * r as f64) * (h2 * var[i][l] / (delta * delta) - r as f64))
                    .max(0.0);
                l != i && mean(&obs[i], r) - mean(&obs[l], r) > w
            })
        })
        .collect()
}
