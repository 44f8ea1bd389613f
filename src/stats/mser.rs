//! MSER-5 (White 1997): where to truncate a series' warm-up.
//!
//! The series is cut into batches of 5 observations; the truncation d (in
//! batches) minimises the marginal standard error
//! MSER(d) = sum_{i>d} (Z_i - mean_{>d})^2 / (n - d)^2, over d up to n/2.

/// Batch size of MSER-5.
pub(crate) const BATCH: usize = 5;

/// The truncation point in observations (a multiple of 5), or `None` for a
/// series too short to judge (fewer than 4 batches).
pub(crate) fn mser5_truncation(series: &[f64]) -> Option<usize> {
    let z: Vec<f64> = series
        .chunks_exact(BATCH)
        .map(|c| c.iter().sum::<f64>() / BATCH as f64)
        .collect();
    let n = z.len();
    if n < 4 {
        return None;
    }
    // Suffix sums make every candidate O(1).
    let mut sum = vec![0.0; n + 1];
    let mut sq = vec![0.0; n + 1];
    for i in (0..n).rev() {
        sum[i] = sum[i + 1] + z[i];
        sq[i] = sq[i + 1] + z[i] * z[i];
    }
    let mut best = (f64::INFINITY, 0);
    for d in 0..=n / 2 {
        let m = (n - d) as f64;
        let ss = (sq[d] - sum[d] * sum[d] / m).max(0.0);
        let stat = ss / (m * m);
        if stat < best.0 {
            best = (stat, d);
        }
    }
    Some(best.1 * BATCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transient_start_is_cut_off() {
        // 40 observations far off, then 400 around 5 with a little noise.
        let mut s: Vec<f64> = vec![0.0; 40];
        s.extend((0..400).map(|i| 5.0 + if i % 2 == 0 { 0.1 } else { -0.1 }));
        let d = mser5_truncation(&s).unwrap();
        assert_eq!(d, 40);
    }

    #[test]
    fn a_stationary_series_is_not_cut() {
        let s: Vec<f64> = (0..500)
            .map(|i| 5.0 + ((i * 7919) % 13) as f64 / 13.0)
            .collect();
        assert!(mser5_truncation(&s).unwrap() <= 50);
        assert_eq!(mser5_truncation(&[1.0; 10]), None);
    }
}
