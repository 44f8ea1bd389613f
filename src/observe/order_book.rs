//! The order book (money v3): every robot due is an order, matched first in,
//! first out with completions. An order still open `lost_after` after its
//! due instant is lost (the customer has gone) and leaves the book, so the
//! robot later completed serves the next order; a completion with no order
//! open goes to stock and serves the next order the moment it falls due.
//! Each order settles exactly once. One book serves the run's own service
//! figures (kept as the run goes) and the paired windows (replayed from the
//! kept instants), so the two can never disagree on what became of an order.

use std::collections::VecDeque;

use crate::time::Seconds;

/// What became of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Completed at or before its due instant.
    OnTime,
    /// Completed after its due instant, within `lost_after`.
    Late,
    /// Not completed within `lost_after`: a lost sale.
    Lost,
}

/// One order settling: when it fell due, when it settled (its completion,
/// or its due instant + `lost_after`) and how.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settled {
    /// Its due instant [s].
    pub due: Seconds,
    /// When it settled [s].
    pub at: Seconds,
    /// How it settled.
    pub outcome: Outcome,
}

impl Settled {
    /// An order due at `due` served by a robot completed at `at`.
    #[inline]
    pub fn served(due: Seconds, at: Seconds) -> Settled {
        let outcome = if at <= due {
            Outcome::OnTime
        } else {
            Outcome::Late
        };
        Settled { due, at, outcome }
    }
}

/// The open orders, oldest first, and the robots completed ahead of any order.
#[derive(Debug, Clone)]
pub struct OrderBook {
    open: VecDeque<Seconds>,
    stock: u64,
    lost_after: Seconds,
}

impl OrderBook {
    /// An empty book; an order is lost `lost_after` after its due instant
    /// (never with `None`).
    pub fn new(lost_after: Option<Seconds>) -> OrderBook {
        OrderBook {
            open: VecDeque::new(),
            stock: 0,
            lost_after: lost_after.unwrap_or(f64::INFINITY),
        }
    }

    /// An order falls due at `now`; `Some` when a robot in stock serves it
    /// at once. (Losses wait for the next completion or the end: with a
    /// robot in stock no order is open, so none can be lost meanwhile.)
    #[inline]
    pub fn fall_due(&mut self, now: Seconds) -> Option<Settled> {
        if self.stock > 0 {
            self.stock -= 1;
            Some(Settled::served(now, now))
        } else {
            self.open.push_back(now);
            None
        }
    }

    /// Whether the oldest open order's time ran out strictly before `now`.
    #[inline]
    pub fn loses_before(&self, now: Seconds) -> bool {
        self.open
            .front()
            .is_some_and(|&due| due + self.lost_after < now)
    }

    /// The oldest open order whose time ran out strictly before `now`,
    /// taken out of the book as lost; call until `None` before
    /// [`Self::complete`].
    #[inline]
    pub fn lost_before(&mut self, now: Seconds) -> Option<Settled> {
        let due = *self.open.front()?;
        let at = due + self.lost_after;
        (at < now).then(|| {
            self.open.pop_front();
            Settled {
                due,
                at,
                outcome: Outcome::Lost,
            }
        })
    }

    /// A robot is completed at `now`: it serves the oldest open order (one
    /// still open exactly `lost_after` after falling due is in time), or
    /// goes to stock (`None`). Losses first: see [`Self::lost_before`].
    #[inline]
    pub fn complete(&mut self, now: Seconds) -> Option<Settled> {
        match self.open.pop_front() {
            Some(due) => Some(Settled::served(due, now)),
            None => {
                self.stock += 1;
                None
            }
        }
    }

    /// The orders still open at `end`, oldest first: each due instant, and
    /// the instant it was lost where its time had run out by `end`.
    pub fn open_at(&self, end: Seconds) -> impl Iterator<Item = (Seconds, Option<Seconds>)> + '_ {
        self.open.iter().map(move |&due| {
            let lost = due + self.lost_after;
            (due, (lost <= end).then_some(lost))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settle_all(book: &mut OrderBook, events: &[(char, f64)]) -> Vec<Settled> {
        let mut out = Vec::new();
        for &(kind, t) in events {
            match kind {
                'd' => out.extend(book.fall_due(t)),
                _ => {
                    while let Some(s) = book.lost_before(t) {
                        out.push(s);
                    }
                    out.extend(book.complete(t));
                }
            }
        }
        out
    }

    #[test]
    fn a_robot_completed_ahead_of_any_order_serves_the_next_on_time() {
        let mut book = OrderBook::new(None);
        let out = settle_all(&mut book, &[('c', 1.0), ('d', 5.0), ('d', 6.0), ('c', 8.0)]);
        let outcomes: Vec<_> = out.iter().map(|s| (s.due, s.at, s.outcome)).collect();
        assert_eq!(
            outcomes,
            [(5.0, 5.0, Outcome::OnTime), (6.0, 8.0, Outcome::Late)]
        );
    }

    #[test]
    fn an_order_lost_leaves_the_book_and_the_late_robot_serves_the_next() {
        let mut book = OrderBook::new(Some(2.0));
        let out = settle_all(&mut book, &[('d', 0.0), ('d', 1.0), ('c', 2.5)]);
        let outcomes: Vec<_> = out.iter().map(|s| (s.due, s.at, s.outcome)).collect();
        assert_eq!(
            outcomes,
            [(0.0, 2.0, Outcome::Lost), (1.0, 2.5, Outcome::Late)]
        );
        assert_eq!(book.open_at(10.0).count(), 0);
    }

    #[test]
    fn a_completion_exactly_when_time_runs_out_is_in_time() {
        let mut book = OrderBook::new(Some(2.0));
        let out = settle_all(&mut book, &[('d', 0.0), ('c', 2.0)]);
        assert_eq!(out[0].outcome, Outcome::Late);
        let mut open = OrderBook::new(Some(2.0));
        assert_eq!(open.fall_due(0.0), None);
        assert_eq!(open.open_at(1.9).collect::<Vec<_>>(), [(0.0, None)]);
        assert_eq!(open.open_at(2.0).collect::<Vec<_>>(), [(0.0, Some(2.0))]);
    }
}
