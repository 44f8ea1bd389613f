//! A calendar's closed windows (holidays, planned downtime), indexed: the
//! one-off windows merged into sorted, disjoint intervals, so asking about
//! an instant costs a binary search however many are listed (a scan would
//! make a run's work grow with windows x changes). Repeating windows are
//! asked one by one: a calendar has a few.

use serde::{Deserialize, Serialize};

use crate::time::Seconds;

/// A (possibly repeating) window of time: a holiday, planned downtime.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Window {
    /// Start instant of the first occurrence [s].
    pub start: Seconds,
    /// Length of each occurrence [s].
    pub duration: Seconds,
    /// Repeat period; `None` = once.
    pub every: Option<Seconds>,
}

/// Closed windows as given, and their index.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(from = "Vec<Window>", into = "Vec<Window>")]
pub struct Closed {
    /// The windows as the scenario gives them, in its order.
    windows: Vec<Window>,
    /// The one-off windows' union: [start, end) intervals, sorted, neither
    /// overlapping nor touching.
    once: Vec<(Seconds, Seconds)>,
    /// The repeating windows, asked one by one.
    repeating: Vec<Window>,
}

impl From<Vec<Window>> for Closed {
    fn from(windows: Vec<Window>) -> Closed {
        let mut once: Vec<(Seconds, Seconds)> = windows
            .iter()
            .filter(|w| w.every.is_none() && w.duration > 0.0)
            .map(|w| (w.start, w.start + w.duration))
            .collect();
        once.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(Seconds, Seconds)> = Vec::with_capacity(once.len());
        for (a, b) in once {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let repeating = windows
            .iter()
            .filter(|w| w.every.is_some())
            .copied()
            .collect();
        Closed {
            windows,
            once: merged,
            repeating,
        }
    }
}

impl From<Closed> for Vec<Window> {
    fn from(closed: Closed) -> Vec<Window> {
        closed.windows
    }
}

impl Closed {
    /// The windows as given.
    pub fn windows(&self) -> &[Window] {
        &self.windows
    }

    /// Whether `t` falls in an occurrence of any window.
    pub fn contains(&self, t: Seconds) -> bool {
        let i = self.once.partition_point(|&(a, _)| a <= t);
        (i > 0 && t < self.once[i - 1].1) || self.repeating.iter().any(|w| in_window(w, t))
    }

    /// The first instant after `from` at which closed-ness may change: a
    /// start or end of the one-off windows' union, or of an occurrence of
    /// a repeating window.
    pub fn edge_after(&self, from: Seconds) -> Option<Seconds> {
        let i = self.once.partition_point(|&(a, _)| a <= from);
        let once = match i.checked_sub(1).map(|k| self.once[k]) {
            Some((_, end)) if end > from => Some(end),
            _ => self.once.get(i).map(|&(a, _)| a),
        };
        self.repeating
            .iter()
            .filter_map(|w| window_edge_after(w, from))
            .chain(once)
            .reduce(f64::min)
    }
}

/// Whether `t` falls in an occurrence of window `w`.
pub(super) fn in_window(w: &Window, t: Seconds) -> bool {
    if t < w.start {
        return false;
    }
    match w.every {
        None => t < w.start + w.duration,
        // The occurrence that may hold `t`, in the arithmetic of
        // `window_edge_after`, so that the two agree on every instant (a
        // remainder rounds otherwise: an edge where nothing changes).
        Some(p) => {
            let k = ((t - w.start) / p).floor();
            [k - 1.0, k, k + 1.0].into_iter().any(|k| {
                let s = w.start + k * p;
                k >= 0.0 && s <= t && t < s + w.duration
            })
        }
    }
}

/// The first start or end of an occurrence of `w` after `from`, if any.
fn window_edge_after(w: &Window, from: Seconds) -> Option<Seconds> {
    match w.every {
        None => [w.start, w.start + w.duration]
            .into_iter()
            .find(|&c| c > from),
        Some(p) => {
            // From the occurrence that may still be open at `from` (with a
            // window shorter than its period, as validated, two at most).
            let mut k = ((from - w.start - w.duration) / p).floor().max(0.0) as u64;
            let mut end = f64::INFINITY;
            loop {
                let s = w.start + k as f64 * p;
                if s > from {
                    return Some(s.min(end));
                }
                if s + w.duration > from {
                    end = end.min(s + w.duration);
                }
                k += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{DAY, HOUR};

    fn once(start: f64, duration: f64) -> Window {
        Window {
            start,
            duration,
            every: None,
        }
    }

    /// The windows asked one by one: what the index must agree with.
    fn scanned(windows: &[Window], t: f64) -> bool {
        windows.iter().any(|w| in_window(w, t))
    }

    #[test]
    fn the_index_agrees_with_asking_every_window() {
        let windows = vec![
            once(10.0 * HOUR, 2.0 * HOUR),
            once(11.0 * HOUR, 3.0 * HOUR), // overlaps the first
            once(14.0 * HOUR, HOUR),       // touches the second's end
            once(DAY, 30.0 * 60.0),
            Window {
                start: 2.0 * HOUR,
                duration: HOUR,
                every: Some(DAY),
            },
            once(3.0 * DAY, 0.0), // empty: closes nothing
        ];
        let c = Closed::from(windows.clone());
        let mut t = 0.0;
        while t < 4.0 * DAY {
            assert_eq!(c.contains(t), scanned(&windows, t), "at {t} s");
            t += 15.0 * 60.0;
        }
        // Merged: one union 10:00-15:00, so its edges are 10:00 and 15:00.
        assert_eq!(c.edge_after(9.0 * HOUR), Some(10.0 * HOUR));
        assert_eq!(c.edge_after(10.0 * HOUR), Some(15.0 * HOUR));
        assert_eq!(c.edge_after(15.0 * HOUR), Some(DAY));
        // The repeating window's next start comes first.
        assert_eq!(c.edge_after(DAY + HOUR), Some(DAY + 2.0 * HOUR));
        assert_eq!(c.windows().len(), 6);
    }

    #[test]
    fn a_window_off_whole_seconds_opens_and_closes_at_each_of_its_edges() {
        // 420.3 + 300 rounds, and so did the remainder asked of 720.3: the
        // window seemed to stay closed past its end.
        for (start, duration, every) in [(420.3, 300.0, 1200.0), (0.1, 0.7, 60.3)] {
            let w = Window {
                start,
                duration,
                every: Some(every),
            };
            let c = Closed::from(vec![w]);
            let (mut t, mut closed) = (0.0, false);
            for _ in 0..2_000 {
                let edge = c.edge_after(t).expect("a repeating window has edges");
                closed = !closed;
                assert_eq!(c.contains(edge), closed, "at the edge {edge} s");
                t = edge;
            }
        }
    }

    #[test]
    fn closed_windows_read_and_write_as_the_list_given() {
        let windows = vec![once(5.0, 2.0), once(1.0, 1.0)];
        let c = Closed::from(windows.clone());
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(text, serde_json::to_string(&windows).unwrap());
        assert_eq!(serde_json::from_str::<Closed>(&text).unwrap(), c);
    }
}
