//! Resilience figures of a disruption, from the completion times of the
//! disrupted run and its undisrupted twin (same seeds, same streams).
//!
//! Everything is computed exactly on the completion instants, never on a
//! sampled grid: cumulative output N(t) counts completions at or before t,
//! and the 24-hour rolling output R(t) = N(t) - N(t - 24 h).

use serde::Serialize;

use crate::time::{DAY, HOUR, Seconds};

/// What one disruption cost, against the undisrupted twin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resilience {
    pub disruption: String,
    /// Disruption window [h from t = 0].
    pub start_h: f64,
    pub end_h: f64,
    /// Twin's completions minus the disrupted run's, by the horizon.
    pub robots_lost: i64,
    /// Time to survive: from the start until the disrupted run's cumulative
    /// output first falls behind the twin's [h]; `None` = survived.
    pub time_to_survive_h: Option<f64>,
    /// Time to recover: from the end until the 24 h rolling output first
    /// reaches 95% of the twin's mean daily output [h]; `None` = not within
    /// the horizon.
    pub time_to_recover_h: Option<f64>,
    /// From the end until cumulative output has caught up with the twin's for
    /// good [h]; `None` = not within the horizon.
    pub backlog_recovery_h: Option<f64>,
    /// Lowest 24 h rolling output from the start to the horizon [robots].
    pub lowest_rolling_24h: u64,
    /// Integral from the start to the horizon of 1 - Q(t) [h], Q the rolling
    /// output relative to the twin's, capped at 1.
    pub resilience_loss_h: f64,
}

/// Completions at or before `t`.
fn count(x: &[Seconds], t: Seconds) -> usize {
    x.partition_point(|&c| c <= t)
}

/// Completions in (t - 24 h, t].
fn rolling(x: &[Seconds], t: Seconds) -> usize {
    count(x, t) - count(x, t - DAY)
}

/// Time points at or after `from` where either run completes, in order,
/// each once.
fn merged_after<'a>(
    d: &'a [Seconds],
    u: &'a [Seconds],
    from: Seconds,
) -> impl Iterator<Item = Seconds> + 'a {
    let mut i = count(d, from);
    let mut j = count(u, from);
    std::iter::from_fn(move || {
        let t = match (d.get(i), u.get(j)) {
            (Some(&a), Some(&b)) => a.min(b),
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => return None,
        };
        while d.get(i) == Some(&t) {
            i += 1;
        }
        while u.get(j) == Some(&t) {
            j += 1;
        }
        Some(t)
    })
}

/// Computes the resilience figures of a disruption window `[start, end)`.
///
/// `disrupted` and `twin` are sorted completion instants before `horizon`;
/// `warmup` starts the twin's steady state for its mean daily output.
pub fn resilience(
    name: &str,
    disrupted: &[Seconds],
    twin: &[Seconds],
    start: Seconds,
    end: Seconds,
    warmup: Seconds,
    horizon: Seconds,
) -> Resilience {
    let (d, u) = (disrupted, twin);
    let behind = |t: Seconds| count(d, t) < count(u, t);

    let tts = std::iter::once(start)
        .chain(merged_after(d, u, start).filter(|&t| t > start))
        .find(|&t| behind(t))
        .map(|t| (t - start) / HOUR);

    let mut caught = (!behind(end)).then_some(end);
    for t in merged_after(d, u, end).filter(|&t| t > end) {
        if behind(t) {
            caught = None;
        } else if caught.is_none() {
            caught = Some(t);
        }
    }
    let backlog = caught.map(|t| (t - end) / HOUR);

    let steady = (u.len() - u.partition_point(|&c| c < warmup)) as f64;
    let daily = steady / ((horizon - warmup) / DAY);
    let target = 0.95 * daily;
    let ttr = std::iter::once(end)
        .chain(d[count(d, end)..].iter().copied())
        .find(|&t| rolling(d, t) as f64 >= target)
        .map(|t| (t - end) / HOUR);

    let lowest = std::iter::once(start)
        .chain(
            d.iter()
                .map(|&c| c + DAY)
                .filter(|&t| t > start && t < horizon),
        )
        .map(|t| rolling(d, t))
        .min()
        .unwrap_or(0) as u64;

    let mut cuts: Vec<Seconds> = d
        .iter()
        .chain(u)
        .flat_map(|&c| [c, c + DAY])
        .filter(|&t| t > start && t < horizon)
        .chain([start, horizon])
        .collect();
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let loss: f64 = cuts
        .windows(2)
        .map(|w| {
            let (rd, ru) = (rolling(d, w[0]) as f64, rolling(u, w[0]) as f64);
            let q = if ru == 0.0 { 1.0 } else { (rd / ru).min(1.0) };
            (1.0 - q) * (w[1] - w[0])
        })
        .sum();

    Resilience {
        disruption: name.to_string(),
        start_h: start / HOUR,
        end_h: end / HOUR,
        robots_lost: u.len() as i64 - d.len() as i64,
        time_to_survive_h: tts,
        time_to_recover_h: ttr,
        backlog_recovery_h: backlog,
        lowest_rolling_24h: lowest,
        resilience_loss_h: loss / HOUR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One completion every `gap` seconds from `from` to `to`.
    fn steady(from: f64, to: f64, gap: f64) -> Vec<f64> {
        (0..)
            .map(|i| from + i as f64 * gap)
            .take_while(|&t| t < to)
            .collect()
    }

    #[test]
    fn identical_runs_cost_nothing() {
        let u = steady(0.0, 10.0 * DAY, 720.0);
        let r = resilience("x", &u, &u, 3.0 * DAY, 4.0 * DAY, DAY, 10.0 * DAY);
        assert_eq!(r.robots_lost, 0);
        assert_eq!(r.time_to_survive_h, None);
        assert_eq!(r.time_to_recover_h, Some(0.0));
        assert_eq!(r.backlog_recovery_h, Some(0.0));
        assert_eq!(r.resilience_loss_h, 0.0);
        assert_eq!(r.lowest_rolling_24h, 120);
    }

    #[test]
    fn a_stop_without_catch_up_loses_its_output_and_a_triangle() {
        // The line stops from day 3 to day 4, then runs at the same pace.
        let u = steady(0.0, 10.0 * DAY, 720.0);
        let d: Vec<f64> = u
            .iter()
            .copied()
            .filter(|&t| t < 3.0 * DAY)
            .chain(steady(4.0 * DAY, 10.0 * DAY, 720.0))
            .collect();
        let r = resilience("stop", &d, &u, 3.0 * DAY, 4.0 * DAY, DAY, 10.0 * DAY);
        assert_eq!(r.robots_lost, 120);
        // Behind at the twin's first completion at or after the start: t = 3 d.
        assert_eq!(r.time_to_survive_h, Some(0.0));
        assert_eq!(r.backlog_recovery_h, None);
        // Rolling output is back to 114 (95% of 120) after 114 completions.
        assert!((r.time_to_recover_h.unwrap() - 113.0 * 0.2).abs() < 1e-9);
        assert_eq!(r.lowest_rolling_24h, 0);
        // Q falls linearly from 1 to 0 over a day, stays 0 a step, and climbs
        // back over a day: the loss is close to 24 h (two 12 h triangles).
        assert!(
            (r.resilience_loss_h - 24.0).abs() < 0.5,
            "{}",
            r.resilience_loss_h
        );
    }

    #[test]
    fn stock_that_carries_the_line_is_time_survived() {
        let u = steady(0.0, 10.0 * DAY, 720.0);
        // Disrupted run matches the twin for 5 h after the start, then stops 2 h,
        // then catches up by producing twice as fast.
        let s = 3.0 * DAY;
        let mut d: Vec<f64> = u.iter().copied().filter(|&t| t < s + 5.0 * HOUR).collect();
        d.extend(steady(s + 7.0 * HOUR, s + 9.0 * HOUR, 360.0));
        d.extend(u.iter().copied().filter(|&t| t >= s + 9.0 * HOUR));
        let r = resilience("late", &d, &u, s, s + HOUR, DAY, 10.0 * DAY);
        assert_eq!(r.time_to_survive_h, Some(5.0));
        assert_eq!(r.robots_lost, 0);
        assert!(r.backlog_recovery_h.unwrap() > 0.0);
    }
}
