//! The event calendar: a binary heap keyed by (time, sequence number).
//!
//! Simultaneous events run in the order they were scheduled (first in, first
//! out), which makes every run's order of events stable and reproducible.
//! Events placed before the run starts carry a rank of their own instead
//! ([`Calendar::initial`]): they come first at their instant, in rank order,
//! and how many there are never shifts the order of the rest, so a fork can
//! add one later exactly where a fresh start would have put it.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::time::Seconds;

/// A scheduled entry: when and in what order (one integer), and what.
#[derive(Debug, Clone, Copy)]
struct Entry<E> {
    /// The time's bits above the sequence number: for times >= 0 the bits
    /// order as the times do, so one integer comparison orders entries.
    key: u128,
    event: E,
}

impl<E> Entry<E> {
    fn new(time: Seconds, seq: u64, event: E) -> Entry<E> {
        // + 0.0 turns -0.0 into 0.0, whose bits are the smallest.
        let bits = (time + 0.0).to_bits();
        Entry {
            key: u128::from(bits) << 64 | u128::from(seq),
            event,
        }
    }

    fn time(&self) -> Seconds {
        f64::from_bits((self.key >> 64) as u64)
    }
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    /// Reversed, so that the max-heap pops the earliest (time, seq) first.
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        other.key.cmp(&self.key)
    }
}

/// Sequence numbers of events scheduled once the run goes: every one after
/// every initial rank, whatever the number of initial events.
const RUNNING: u64 = 1 << 63;

/// Pending events in time order, FIFO among equal times.
#[derive(Debug, Clone)]
pub struct Calendar<E> {
    heap: BinaryHeap<Entry<E>>,
    next_seq: u64,
    now: Seconds,
}

impl<E: Copy> Default for Calendar<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Copy> Calendar<E> {
    /// An empty calendar at t = 0.
    pub fn new() -> Self {
        Calendar {
            heap: BinaryHeap::with_capacity(64),
            next_seq: RUNNING,
            now: 0.0,
        }
    }

    /// The time of the last event popped.
    pub fn now(&self) -> Seconds {
        self.now
    }

    /// Schedules `event` at absolute time `time` (never before now).
    pub fn at(&mut self, time: Seconds, event: E) {
        debug_assert!(time >= self.now, "event scheduled in the past");
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry::new(time, seq, event));
    }

    /// Places an initial event at `time` with `rank`: at its instant it
    /// comes before every event scheduled with [`Calendar::at`], and among
    /// initial events in rank order. Ranks must be unique and below 2^63.
    pub fn initial(&mut self, rank: u64, time: Seconds, event: E) {
        debug_assert!(rank < RUNNING, "an initial rank is below 2^63");
        debug_assert!(time >= self.now, "event placed in the past");
        self.heap.push(Entry::new(time, rank, event));
    }

    /// Schedules `event` after `delay` from now.
    pub fn after(&mut self, delay: Seconds, event: E) {
        self.at(self.now + delay, event);
    }

    /// Time of the next event, if any.
    pub fn peek_time(&self) -> Option<Seconds> {
        self.heap.peek().map(Entry::time)
    }

    /// Pops the next event if it is due strictly before `limit`, advancing now.
    pub fn pop_before(&mut self, limit: Seconds) -> Option<(Seconds, E)> {
        if self.heap.peek()?.time() >= limit {
            return None;
        }
        let e = self.heap.pop()?;
        let time = e.time();
        self.now = time;
        Some((time, e.event))
    }

    /// Moves the clock to `t` without an event (the end of a step).
    pub fn advance_to(&mut self, t: Seconds) {
        if t > self.now {
            self.now = t;
        }
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// True when nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_time_order_and_fifo_on_ties() {
        let mut c = Calendar::new();
        c.at(5.0, 'a');
        c.at(1.0, 'b');
        c.at(5.0, 'c');
        c.at(3.0, 'd');
        let order: Vec<char> =
            std::iter::from_fn(|| c.pop_before(f64::INFINITY).map(|(_, e)| e)).collect();
        assert_eq!(order, vec!['b', 'd', 'a', 'c']);
        assert_eq!(c.now(), 5.0);
    }

    #[test]
    fn initial_events_come_first_at_their_instant_in_rank_order() {
        let mut c = Calendar::new();
        c.at(1.0, 'x');
        c.initial(7, 1.0, 'b');
        c.initial(3, 1.0, 'a');
        c.initial(1, 2.0, 'z');
        let order: Vec<char> =
            std::iter::from_fn(|| c.pop_before(f64::INFINITY).map(|(_, e)| e)).collect();
        assert_eq!(order, vec!['a', 'b', 'x', 'z']);
    }

    #[test]
    fn pop_before_stops_at_the_limit() {
        let mut c = Calendar::new();
        c.at(2.0, 1);
        assert!(c.pop_before(2.0).is_none());
        assert_eq!(c.pop_before(2.1), Some((2.0, 1)));
    }
}
