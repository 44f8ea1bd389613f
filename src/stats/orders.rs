//! Orders (money v3) over a window: the run's due and completion instants
//! replayed through the order book ([`OrderBook`]), counting what settled
//! within the window and what was still open at its end.

use serde::Serialize;

use crate::observe::{OrderBook, Outcome, Settled};
use crate::time::{HOUR, Seconds};

/// What became of the orders a window counts: those settled in it
/// (completed, or lost) and those still open at its end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Orders {
    /// Completed at or before their due instant.
    pub on_time: u64,
    /// Completed after their due instant, within `lost_after`.
    pub late: u64,
    /// Not completed within `lost_after`: lost sales.
    pub lost: u64,
    /// Due by the window's end and neither completed nor lost by then.
    pub open: u64,
    /// Lateness of the late orders and the open ones, counted within the
    /// window only [robot-h] (an open order's lateness so far).
    pub lateness_robot_h: f64,
}

impl Orders {
    /// Every order the window counts.
    pub fn counted(&self) -> u64 {
        self.on_time + self.late + self.lost + self.open
    }

    /// Counts one settled order if it settled within the window from `from`.
    fn count(&mut self, from: Seconds, lateness: &mut Seconds, s: Settled) {
        if s.at < from {
            return;
        }
        match s.outcome {
            Outcome::OnTime => self.on_time += 1,
            Outcome::Late => {
                self.late += 1;
                *lateness += s.at - s.due.max(from);
            }
            Outcome::Lost => self.lost += 1,
        }
    }
}

/// The orders of one run over the window [`from`, `to`]: `due` and
/// `completions` are the run's sorted due and completion instants, and an
/// order is lost `lost_after` after its due instant (never with `None`).
/// Orders settled before `from` are not counted; the part of an order's
/// lateness before `from` is not counted either (under common random
/// numbers it is the same in a run and its twin).
pub fn orders(
    due: &[Seconds],
    completions: &[Seconds],
    lost_after: Option<Seconds>,
    from: Seconds,
    to: Seconds,
) -> Orders {
    let mut book = OrderBook::new(lost_after);
    let mut out = Orders::default();
    let mut lateness = 0.0;
    let due = &due[..due.partition_point(|&t| t <= to)];
    let completions = &completions[..completions.partition_point(|&t| t <= to)];
    let (mut next, mut done) = (0, 0);
    // At one instant an order falls due before a completion serves it.
    while next < due.len() || done < completions.len() {
        match (due.get(next), completions.get(done)) {
            (Some(&d), c) if c.is_none_or(|&c| d <= c) => {
                if let Some(s) = book.fall_due(d) {
                    out.count(from, &mut lateness, s);
                }
                next += 1;
            }
            (_, Some(&c)) => {
                while let Some(s) = book.lost_before(c) {
                    out.count(from, &mut lateness, s);
                }
                if let Some(s) = book.complete(c) {
                    out.count(from, &mut lateness, s);
                }
                done += 1;
            }
            _ => unreachable!("the loop runs while either is left"),
        }
    }
    for (d, lost) in book.open_at(to) {
        match lost {
            Some(at) if at >= from => out.lost += 1,
            Some(_) => {}
            None => {
                out.open += 1;
                lateness += (to - d.max(from)).max(0.0);
            }
        }
    }
    out.lateness_robot_h = lateness / HOUR;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::resilience::tests::steady;
    use crate::time::DAY;

    #[test]
    fn each_order_is_counted_once() {
        let due = steady(0.0, 10.0 * DAY, 720.0);
        // Completions an hour after due, with a two-day stop on day 3.
        let done: Vec<f64> = due
            .iter()
            .map(|&d| d + HOUR)
            .filter(|&c| !(3.0 * DAY..5.0 * DAY).contains(&c))
            .collect();
        let o = orders(&due, &done, Some(DAY), 0.0, 10.0 * DAY);
        assert_eq!(o.counted(), due.len() as u64);
        assert!(o.lost > 0 && o.late > 0 && o.on_time == 0, "{o:?}");
    }

    #[test]
    fn a_late_order_costs_its_lateness_and_a_lost_one_none() {
        // Two orders due at 0 and 1 h; one completion at 3 h; lost after 2.5 h.
        let due = [0.0, HOUR];
        let done = [3.0 * HOUR];
        let o = orders(&due, &done, Some(2.5 * HOUR), 0.0, 10.0 * HOUR);
        // The first is lost at 2.5 h; the completion at 3 h serves the second,
        // 2 h late.
        assert_eq!((o.on_time, o.late, o.lost, o.open), (0, 1, 1, 0));
        assert!((o.lateness_robot_h - 2.0).abs() < 1e-12);
    }

    #[test]
    fn an_order_open_at_the_window_end_counts_its_lateness_so_far() {
        let o = orders(&[HOUR], &[], None, 0.0, 4.0 * HOUR);
        assert_eq!((o.open, o.lateness_robot_h), (1, 3.0));
    }

    #[test]
    fn what_settled_before_the_window_is_not_counted() {
        let due = [0.0, HOUR, 2.0 * HOUR];
        let done = [0.5 * HOUR, 2.5 * HOUR, 5.0 * HOUR];
        let o = orders(&due, &done, None, 2.0 * HOUR, 6.0 * HOUR);
        // The first settled at 0.5 h; the second is counted from 2 h (0.5 h),
        // the third 3 h.
        assert_eq!((o.late, o.counted()), (2, 2));
        assert!((o.lateness_robot_h - 3.5).abs() < 1e-12);
    }

    #[test]
    fn a_robot_made_after_its_order_was_lost_serves_the_next_order() {
        // Lost after 2 h: the order due at 0 is lost at 2 h; the robots
        // completed at 3 and 4 h serve the orders due at 5 and 6 h on time.
        let due = [0.0, 5.0 * HOUR, 6.0 * HOUR];
        let done = [3.0 * HOUR, 4.0 * HOUR];
        let o = orders(&due, &done, Some(2.0 * HOUR), 0.0, 10.0 * HOUR);
        assert_eq!((o.on_time, o.late, o.lost, o.open), (2, 0, 1, 0));
    }
}
