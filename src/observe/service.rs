//! The run's service to its customers, kept as it goes: what became of
//! each order that fell due after the warm-up (delivered by its promised
//! instant, late and by how much, lost). Kept in every run, so it needs no
//! completion instants.

use std::sync::Arc;

use super::order_book::{OrderBook, Outcome, Settled};
use crate::scenario::{Line, Stretches, WorkCalendar};
use crate::time::Seconds;

/// When orders are promised for: a lead time after the instant an order
/// falls due, counted in working time under the line's calendar.
#[derive(Debug, Clone)]
struct Promise {
    lead_time: Seconds,
    work: Option<Arc<WorkCalendar>>,
    /// The calendar's stretches from the last order's due instant on:
    /// orders settle in due order, each promised past the next ones' dues.
    stretches: Stretches,
}

impl Promise {
    #[inline(always)]
    fn at(&mut self, due: Seconds) -> Seconds {
        match self.work {
            None => due + self.lead_time,
            Some(_) => self.in_working_time(due),
        }
    }

    /// The promise under a calendar: out of line, so that the common case
    /// stays a single addition where orders are counted.
    #[inline(never)]
    fn in_working_time(&mut self, due: Seconds) -> Seconds {
        let Some(w) = &self.work else {
            return due + self.lead_time;
        };
        self.stretches
            .advance(w, due, self.lead_time, f64::INFINITY)
            .unwrap_or(f64::INFINITY)
    }
}

/// Lateness is kept by the minute: a late order of lateness l counts in
/// minute floor(l / 60 s), so percentiles are exact to the minute and the
/// memory is that of the longest lateness, not of the orders.
pub const LATENESS_BIN: Seconds = 60.0;

/// Minutes kept one by one; a lateness beyond (about two years) counts in
/// the last.
const MOST_LATENESS_BINS: usize = 1 << 20;

/// What the orders due after the warm-up came to, so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Delivered by their promised instant.
    pub on_time: u64,
    /// Delivered after their promised instant.
    pub late: u64,
    /// Lost (not completed within `lost_after`).
    pub lost: u64,
    /// The late orders' lateness summed [s].
    pub lateness_sum: Seconds,
    /// Late orders by minute of lateness ([`LATENESS_BIN`]).
    pub lateness_by_minute: Vec<u32>,
}

impl Tally {
    /// Counts an order `lateness` late.
    #[inline]
    pub fn late_by(&mut self, lateness: Seconds) {
        self.late += 1;
        self.lateness_sum += lateness;
        // Lateness is positive and under the horizon: the cast is exact.
        let bin = (lateness * (1.0 / LATENESS_BIN)) as u32 as usize;
        match self.lateness_by_minute.get_mut(bin) {
            Some(n) => *n += 1,
            None => self.first_at(bin),
        }
    }

    /// The first order late by minute `bin` or more: room up to it (at
    /// most [`MOST_LATENESS_BINS`]; the last holds everything beyond).
    #[cold]
    fn first_at(&mut self, bin: usize) {
        let bin = bin.min(MOST_LATENESS_BINS - 1);
        if bin >= self.lateness_by_minute.len() {
            self.lateness_by_minute.resize(bin + 1, 0);
        }
        self.lateness_by_minute[bin] += 1;
    }
}

/// The order book of a run, when its orders are promised, and the tally
/// of the orders it counts.
#[derive(Debug, Clone)]
pub struct Service {
    book: OrderBook,
    promise: Promise,
    /// Orders due before this instant (the warm-up's end) are not counted.
    from: Seconds,
    /// The orders settled so far.
    pub tally: Tally,
}

impl Service {
    /// An empty book for `line`, counting the orders due from `from`; an
    /// order is lost `lost_after` after falling due (never with `None`).
    pub fn new(line: &Line, lost_after: Option<Seconds>, from: Seconds) -> Service {
        Service {
            book: OrderBook::new(lost_after),
            promise: Promise {
                lead_time: line.promised_lead_time(),
                work: line.work.clone().map(Arc::new),
                stretches: Stretches::default(),
            },
            from,
            tally: Tally::default(),
        }
    }

    /// An order fell due.
    #[inline]
    pub fn due(&mut self, now: Seconds) {
        if let Some(s) = self.book.fall_due(now) {
            self.count(s);
        }
    }

    /// A robot was completed.
    #[inline]
    pub fn completed(&mut self, now: Seconds) {
        if self.book.loses_before(now) {
            self.lose_before(now);
        }
        if let Some(s) = self.book.complete(now) {
            self.count(s);
        }
    }

    /// Counts the orders lost before `now` (rare: out of line).
    #[cold]
    fn lose_before(&mut self, now: Seconds) {
        while let Some(s) = self.book.lost_before(now) {
            self.count(s);
        }
    }

    /// Counts one settled order, if it fell due after the warm-up.
    #[inline]
    fn count(&mut self, s: Settled) {
        if s.due < self.from {
            return;
        }
        match s.outcome {
            Outcome::Lost => self.tally.lost += 1,
            Outcome::OnTime | Outcome::Late => {
                let promised = self.promise.at(s.due);
                if s.at <= promised {
                    self.tally.on_time += 1;
                } else {
                    self.tally.late_by(s.at - promised);
                }
            }
        }
    }

    /// The counted orders still open at `end`, oldest first: each one's
    /// promised instant, and the instant it was lost where its time had
    /// run out by then.
    pub fn open_at(&self, end: Seconds) -> Vec<(Seconds, Option<Seconds>)> {
        let mut promise = self.promise.clone();
        self.book
            .open_at(end)
            .filter(|&(due, _)| due >= self.from)
            .map(|(due, lost)| (promise.at(due), lost))
            .collect()
    }
}
