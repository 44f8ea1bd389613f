//! Resilience figures of a disruption, from the completion times of the
//! disrupted run and its undisrupted twin (same seeds, same streams).
//!
//! Everything is computed exactly on the completion instants, never on a
//! sampled grid: cumulative output N(t) counts completions at or before t,
//! and the 24-hour rolling output R(t) = N(t) - N(t - 24 h).

use serde::Serialize;

use crate::time::{DAY, HOUR, Seconds};

/// What one disruption cost, against the undisrupted twin. Every figure
/// compares the two runs (paired under common random numbers), so a
/// disruption that changes nothing scores exactly zero on every difference
/// and the twin's own level on the lowest 24 h output.
///
/// With C_u and C_d the twin's and the disrupted run's cumulative
/// completions, gap(t) = C_u(t) - C_d(t) robots behind, and a shortfall an
/// instant with gap >= 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resilience {
    /// Name of the disruption measured.
    pub disruption: String,
    /// Disruption window [h from t = 0].
    pub start_h: f64,
    /// End of the window, at the horizon at the latest [h from t = 0].
    pub end_h: f64,
    /// End of the accounting window that the counted figures (robots lost,
    /// delay, lost sales, lateness, extra trucks, cost) cover: the catch-up
    /// (the first instant, once behind, with gap <= 0), at most the window
    /// cap, at most the horizon [h from t = 0]. Without any shortfall it
    /// runs to the cap.
    pub window_end_h: f64,
    /// The same instant [s], exactly (what the experiment counts to).
    #[serde(skip)]
    pub window_end: Seconds,
    /// Whether the run had caught up with its twin (or never fell behind)
    /// when the window closed; false: the counted figures are only what
    /// the disruption had cost so far.
    pub caught_up: bool,
    /// Where the window closed before the catch-up: how fast the gap was
    /// closing, from the peak shortfall to the window's end [robots/day]
    /// (0 or less: not catching up); `None` when caught up.
    pub catch_up_pace_per_day: Option<f64>,
    /// gap at the window's end: robots the twin completed and this run had
    /// not (0 or less when caught up).
    pub robots_lost: i64,
    /// From the start to the first shortfall [h]; `None` = survived.
    pub time_to_survive_h: Option<f64>,
    /// The largest gap after the start [robots].
    pub peak_shortfall: u64,
    /// From the end to the start of the first one-hour window (at or after
    /// the end and the first shortfall) in which this run completes at least
    /// as many robots as its twin [h]: the line back at full pace; 0 without
    /// a shortfall; `None` = not within the horizon.
    pub time_to_recover_h: Option<f64>,
    /// From the end until gap <= 0 for good [h]; `None` = not within the horizon.
    pub catch_up_h: Option<f64>,
    /// Lowest 24 h rolling output from the start to the horizon [robots].
    pub lowest_rolling_24h: u64,
    /// The twin's lowest 24 h rolling output over the same span [robots].
    pub twin_lowest_rolling_24h: u64,
    /// The integral of max(gap, 0) over the window: the total lateness of
    /// the robots pushed back [robot-hours].
    pub delay_robot_h: f64,
    /// Orders lost (not completed within `costs.lost_after`) beyond the
    /// twin's, settled in the window (set by the experiment, as are the
    /// figures below).
    pub lost_sales: i64,
    /// Order lateness beyond the twin's, within the window [robot-h].
    pub lateness_robot_h: f64,
    /// Trucks this run sent beyond its twin's within the window, all
    /// routes [trucks].
    pub extra_trucks: i64,
    /// Lateness + lost sales + extra freight + extra overtime over the
    /// window, with the scenario's costs [money]; `None` without a `costs`
    /// block.
    pub cost: Option<f64>,
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
/// each once, with both runs' completions at or before it: (t, N_d(t), N_u(t)).
fn merged_after<'a>(
    d: &'a [Seconds],
    u: &'a [Seconds],
    from: Seconds,
) -> impl Iterator<Item = (Seconds, usize, usize)> + 'a {
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
        Some((t, i, j))
    })
}

/// Completions in [a, b).
fn between(x: &[Seconds], a: Seconds, b: Seconds) -> usize {
    x.partition_point(|&c| c < b) - x.partition_point(|&c| c < a)
}

/// The lowest 24 h rolling output at any instant from `start` to `horizon`:
/// the rolling count only falls when a completion leaves the window, so it
/// is enough to look at `start` and at each completion + 24 h. Both ends of
/// the window only move forward, so one pass with two cursors does it.
fn lowest_rolling(x: &[Seconds], start: Seconds, horizon: Seconds) -> u64 {
    let (mut upto, mut before) = (0, 0);
    let mut lowest = rolling(x, start);
    for t in x.iter().map(|&c| c + DAY) {
        if t <= start {
            continue;
        }
        if t >= horizon {
            break;
        }
        while x.get(upto).is_some_and(|&c| c <= t) {
            upto += 1;
        }
        while x.get(before).is_some_and(|&c| c <= t - DAY) {
            before += 1;
        }
        lowest = lowest.min(upto - before);
    }
    lowest as u64
}

/// The instants from `from` on where a one-hour window's counts change, in
/// order: each completion of either run, and each one an hour before it
/// (four sorted streams merged as they are read, so a search that stops
/// early reads little).
fn window_edges<'a>(
    d: &'a [Seconds],
    u: &'a [Seconds],
    from: Seconds,
) -> impl Iterator<Item = Seconds> + 'a {
    let streams: [(&'a [Seconds], Seconds); 4] = [(d, HOUR), (d, 0.0), (u, HOUR), (u, 0.0)];
    let mut at = streams.map(|(x, shift)| x.partition_point(|&c| c - shift < from));
    std::iter::from_fn(move || {
        let (k, t) = streams
            .iter()
            .enumerate()
            .filter_map(|(k, (x, shift))| x.get(at[k]).map(|&c| (k, c - shift)))
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        at[k] += 1;
        Some(t)
    })
}

/// Computes the paired resilience figures of a disruption window
/// `[start, end]` from the sorted completion instants before `horizon` of
/// the disrupted run and its twin, exactly on completion instants; the
/// counted figures cover the accounting window, closed at the catch-up or
/// at `cap` (an instant) at the latest.
pub fn resilience(
    name: &str,
    disrupted: &[Seconds],
    twin: &[Seconds],
    start: Seconds,
    end: Seconds,
    horizon: Seconds,
    cap: Seconds,
) -> Resilience {
    let (d, u) = (disrupted, twin);
    let end = end.min(horizon);
    let cap = cap.min(horizon).max(start);
    let gap_of = |nd: usize, nu: usize| nu as i64 - nd as i64;
    let gap = |t: Seconds| gap_of(count(d, t), count(u, t));
    // gap changes only at completion instants: these (and the start) are
    // every instant worth looking at, each with the gap from it on.
    let steps: Vec<(Seconds, i64)> = std::iter::once((start, gap(start)))
        .chain(
            merged_after(d, u, start)
                .filter(|&(t, _, _)| t > start)
                .map(|(t, nd, nu)| (t, gap_of(nd, nu))),
        )
        .collect();

    let first_shortfall = steps.iter().find(|&&(_, g)| g >= 1).map(|&(t, _)| t);
    let tts = first_shortfall.map(|t| (t - start) / HOUR);
    let peak = steps.iter().map(|&(_, g)| g).max().unwrap_or(0).max(0) as u64;

    let mut caught = (gap(end) <= 0).then_some(end);
    for (t, nd, nu) in merged_after(d, u, end).filter(|&(t, _, _)| t > end) {
        if gap_of(nd, nu) >= 1 {
            caught = None;
        } else if caught.is_none() {
            caught = Some(t);
        }
    }
    let catch_up = caught.map(|t| (t - end) / HOUR);

    // The accounting window closes at the first instant, once the run is
    // behind and the disruption over, with gap <= 0: it needs nothing after
    // that instant, so runs sharing it agree whatever their horizon.
    let first_back = first_shortfall.and_then(|short| {
        let from = end.max(short);
        if gap(from) <= 0 {
            return Some(from);
        }
        steps
            .iter()
            .find(|&&(t, g)| g <= 0 && t > from)
            .map(|&(t, _)| t)
    });
    let (close, caught_up) = match (first_shortfall, first_back) {
        (None, _) => (cap, true),
        (Some(_), Some(t)) if t <= cap => (t, true),
        _ => (cap, false),
    };
    // The pace from the (first) peak shortfall up to the window's end.
    let pace = (!caught_up).then(|| {
        let mut peak = (start, i64::MIN);
        for &(t, g) in steps.iter().take_while(|&&(t, _)| t <= close) {
            if g > peak.1 {
                peak = (t, g);
            }
        }
        let span = (close - peak.0) / DAY;
        if span > 0.0 {
            (peak.1 - gap(close)) as f64 / span
        } else {
            0.0
        }
    });

    // The one-hour window [t, t + 1 h) changes its counts only where a
    // completion enters (t = c - 1 h) or leaves (t just after c); the first
    // qualifying window starts at the first of these candidates (or at the
    // earliest allowed start) that qualifies.
    let ttr = match first_shortfall {
        None => Some(0.0),
        Some(short) => {
            let from = end.max(short);
            let counts = |t: Seconds, strict: bool| {
                if strict {
                    // Just after t: the window (t, t + 1 h].
                    (
                        count(d, t + HOUR) - count(d, t),
                        count(u, t + HOUR) - count(u, t),
                    )
                } else {
                    (between(d, t, t + HOUR), between(u, t, t + HOUR))
                }
            };
            std::iter::once((from, false))
                .chain(window_edges(d, u, from).map(|t| (t, true)))
                .take_while(|&(t, _)| t + HOUR <= horizon)
                .find(|&(t, strict)| {
                    let (nd, nu) = counts(t, strict);
                    nd >= nu
                })
                .map(|(t, _)| (t - end) / HOUR)
        }
    };

    let mut delay = 0.0;
    for (k, &(t, g)) in steps.iter().enumerate() {
        if t >= close {
            break;
        }
        let next = steps.get(k + 1).map_or(close, |&(t, _)| t.min(close));
        delay += g.max(0) as f64 * (next - t);
    }

    Resilience {
        disruption: name.to_string(),
        start_h: start / HOUR,
        end_h: end / HOUR,
        window_end_h: close / HOUR,
        window_end: close,
        caught_up,
        catch_up_pace_per_day: pace,
        robots_lost: gap(close),
        time_to_survive_h: tts,
        peak_shortfall: peak,
        time_to_recover_h: ttr,
        catch_up_h: catch_up,
        lowest_rolling_24h: lowest_rolling(d, start, horizon),
        twin_lowest_rolling_24h: lowest_rolling(u, start, horizon),
        delay_robot_h: delay / HOUR,
        lost_sales: 0,
        lateness_robot_h: 0.0,
        extra_trucks: 0,
        cost: None,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// One completion every `gap` seconds from `from` to `to`.
    pub(in crate::stats) fn steady(from: f64, to: f64, gap: f64) -> Vec<f64> {
        (0..)
            .map(|i| from + i as f64 * gap)
            .take_while(|&t| t < to)
            .collect()
    }

    #[test]
    fn identical_runs_cost_nothing() {
        let u = steady(0.0, 10.0 * DAY, 720.0);
        let r = resilience("x", &u, &u, 3.0 * DAY, 4.0 * DAY, 10.0 * DAY, 10.0 * DAY);
        assert_eq!(r.robots_lost, 0);
        assert_eq!(r.time_to_survive_h, None);
        assert_eq!(r.peak_shortfall, 0);
        assert_eq!(r.time_to_recover_h, Some(0.0));
        assert_eq!(r.catch_up_h, Some(0.0));
        assert_eq!(r.delay_robot_h, 0.0);
        assert_eq!(r.lowest_rolling_24h, 120);
        assert_eq!(r.twin_lowest_rolling_24h, 120);
    }

    #[test]
    fn a_stop_without_catch_up_loses_its_output_and_is_late_until_the_horizon() {
        // The line stops from day 3 to day 4, then runs at the same pace.
        let u = steady(0.0, 10.0 * DAY, 720.0);
        let d: Vec<f64> = u
            .iter()
            .copied()
            .filter(|&t| t < 3.0 * DAY)
            .chain(steady(4.0 * DAY, 10.0 * DAY, 720.0))
            .collect();
        let r = resilience("stop", &d, &u, 3.0 * DAY, 4.0 * DAY, 10.0 * DAY, 10.0 * DAY);
        assert_eq!(r.robots_lost, 120);
        // The twin completes at t = 3 d and this run does not.
        assert_eq!(r.time_to_survive_h, Some(0.0));
        assert_eq!(r.peak_shortfall, 120);
        // From day 4 both complete 5 an hour: back at full pace at once.
        assert_eq!(r.time_to_recover_h, Some(0.0));
        assert_eq!(r.catch_up_h, None);
        assert_eq!(r.lowest_rolling_24h, 0);
        assert_eq!(r.twin_lowest_rolling_24h, 120);
        // 1 + 2 + ... + 120 robots for 12 min each, then 120 for 6 days.
        let expected = 7260.0 * 0.2 + 120.0 * 144.0;
        assert!(
            (r.delay_robot_h - expected).abs() < 1e-9,
            "{}",
            r.delay_robot_h
        );
    }

    #[test]
    fn stock_that_carries_the_line_is_time_survived_and_recovery_is_paced() {
        let u = steady(0.0, 10.0 * DAY, 720.0);
        // This run matches the twin for 5 h after the start, stops 2 h, then
        // catches up by producing twice as fast for 2 h.
        let s = 3.0 * DAY;
        let mut d: Vec<f64> = u.iter().copied().filter(|&t| t < s + 5.0 * HOUR).collect();
        d.extend(steady(s + 7.0 * HOUR, s + 9.0 * HOUR, 360.0));
        d.extend(u.iter().copied().filter(|&t| t >= s + 9.0 * HOUR));
        let r = resilience("late", &d, &u, s, s + HOUR, 10.0 * DAY, 10.0 * DAY);
        assert_eq!(r.time_to_survive_h, Some(5.0));
        assert_eq!(r.robots_lost, 0);
        assert_eq!(r.peak_shortfall, 10);
        assert!(r.catch_up_h.unwrap() > 0.0);
        // The first hour with at least the twin's 5 completions starts when
        // the fifth fast completion (s + 7 h + 24 min) enters it: s + 6.4 h,
        // 5.4 h after the end.
        assert!(
            (r.time_to_recover_h.unwrap() - 5.4).abs() < 1e-9,
            "{:?}",
            r.time_to_recover_h
        );
    }

    #[test]
    fn a_disruption_that_changes_nothing_scores_zero() {
        let u = steady(0.0, 10.0 * DAY, 720.0);
        for (start, end) in [(3.0 * DAY, 3.0 * DAY), (2.0 * DAY, 5.0 * DAY)] {
            let r = resilience("none", &u, &u, start, end, 10.0 * DAY, 10.0 * DAY);
            assert_eq!(
                (r.robots_lost, r.peak_shortfall, r.time_to_survive_h),
                (0, 0, None)
            );
            assert_eq!((r.time_to_recover_h, r.catch_up_h), (Some(0.0), Some(0.0)));
            assert_eq!(r.delay_robot_h, 0.0);
            assert_eq!(r.lowest_rolling_24h, r.twin_lowest_rolling_24h);
        }
    }

    #[test]
    fn the_window_closes_at_the_catch_up_and_needs_nothing_after_it() {
        let u = steady(0.0, 20.0 * DAY, 720.0);
        let s = 3.0 * DAY;
        // Stops 2 h, then makes up the 10 robots at twice the pace.
        let mut d: Vec<f64> = u.iter().copied().filter(|&t| t < s).collect();
        d.extend(steady(s + 2.0 * HOUR, s + 4.0 * HOUR, 360.0));
        d.extend(u.iter().copied().filter(|&t| t >= s + 4.0 * HOUR));
        let short = resilience("x", &d, &u, s, s + 2.0 * HOUR, 10.0 * DAY, 10.0 * DAY);
        let long = resilience("x", &d, &u, s, s + 2.0 * HOUR, 20.0 * DAY, 20.0 * DAY);
        assert!(short.caught_up);
        assert_eq!(short.window_end_h, long.window_end_h);
        assert!(short.window_end_h < (s + 5.0 * HOUR) / HOUR);
        assert_eq!(
            (short.robots_lost, short.delay_robot_h),
            (long.robots_lost, long.delay_robot_h)
        );
        assert_eq!(short.robots_lost, 0);
    }

    #[test]
    fn a_window_capped_before_the_catch_up_says_so_with_the_pace() {
        let u = steady(0.0, 10.0 * DAY, 720.0);
        let s = 3.0 * DAY;
        // Stops a day, then gains 10 robots a day on the twin.
        let mut d: Vec<f64> = u.iter().copied().filter(|&t| t < s).collect();
        d.extend(steady(s + DAY, 10.0 * DAY, DAY / 130.0));
        let r = resilience("x", &d, &u, s, s + DAY, 10.0 * DAY, s + 3.0 * DAY);
        assert!(!r.caught_up);
        assert_eq!(r.window_end_h, (s + 3.0 * DAY) / HOUR);
        let pace = r.catch_up_pace_per_day.unwrap();
        assert!((pace - 10.0).abs() < 0.6, "{pace}");
        assert!(
            r.robots_lost > 90 && r.robots_lost < 110,
            "{}",
            r.robots_lost
        );
    }
}
