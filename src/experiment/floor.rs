//! The floor `taktline bench` holds the engine against: an M/M/1 queue as
//! the barest event loop there is, a `BinaryHeap` of (time, seq, kind) and
//! one exponential draw per event, with nothing around it (no model, no
//! recorder, no calendars). Run in the same process as the engine's M/M/1,
//! the ratio of the two says how far the engine is from what a heap allows.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::time::Instant;

use rand::SeedableRng;
use rand::rngs::SmallRng;
use rand_distr::{Distribution, Exp};

use super::bench::Measurement;

/// What an event does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Arrival,
    Departure,
}

/// An event: earliest time first, then first scheduled.
#[derive(Clone, Copy)]
struct Event {
    t: f64,
    seq: u64,
    kind: Kind,
}

impl PartialEq for Event {
    fn eq(&self, other: &Event) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Event {}

impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Event) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Event {
    /// Reversed, so that the max-heap pops the earliest event.
    fn cmp(&self, other: &Event) -> Ordering {
        other
            .t
            .total_cmp(&self.t)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

/// One run of the bare loop to `horizon` [s] (arrival mean 60 s, service
/// mean 48 s, as the engine's M/M/1 benchmark): (events, completed).
fn run(horizon: f64, seed: u64) -> (u64, usize) {
    let mut rng = SmallRng::seed_from_u64(seed);
    let arrivals = Exp::new(1.0 / 60.0).expect("a positive rate");
    let service = Exp::new(1.0 / 48.0).expect("a positive rate");
    let mut heap = BinaryHeap::new();
    let mut seq = 0u64;
    let mut push = |heap: &mut BinaryHeap<Event>, t: f64, kind: Kind| {
        seq += 1;
        heap.push(Event { t, seq, kind });
    };
    push(&mut heap, arrivals.sample(&mut rng), Kind::Arrival);
    let (mut events, mut completed, mut waiting, mut busy) = (0u64, 0usize, 0u64, false);
    while let Some(e) = heap.pop() {
        if e.t > horizon {
            break;
        }
        events += 1;
        match e.kind {
            Kind::Arrival => {
                push(&mut heap, e.t + arrivals.sample(&mut rng), Kind::Arrival);
                if busy {
                    waiting += 1;
                } else {
                    busy = true;
                    push(&mut heap, e.t + service.sample(&mut rng), Kind::Departure);
                }
            }
            Kind::Departure => {
                completed += 1;
                if waiting > 0 {
                    waiting -= 1;
                    push(&mut heap, e.t + service.sample(&mut rng), Kind::Departure);
                } else {
                    busy = false;
                }
            }
        }
    }
    (events, completed)
}

/// Times the bare loop for about `customers` arrivals (best of `repeats`).
pub fn measure_floor(customers: u64, repeats: usize) -> Measurement {
    let horizon = customers as f64 * 60.0;
    let mut best: Option<Measurement> = None;
    for _ in 0..repeats.max(1) {
        let started = Instant::now();
        let (events, completed) = std::hint::black_box(run(std::hint::black_box(horizon), 1));
        let wall_s = started.elapsed().as_secs_f64();
        if best.as_ref().is_none_or(|b| wall_s < b.wall_s) {
            best = Some(Measurement {
                name: format!("floor: bare heap M/M/1, {customers} customers"),
                events,
                wall_s,
                completed,
            });
        }
    }
    best.expect("at least one repeat")
}

#[cfg(test)]
mod tests {
    use super::run;

    #[test]
    fn the_bare_queue_serves_about_as_many_as_arrive_at_load_0_8() {
        // 100,000 minutes: about 100,000 arrivals, each served, two events
        // a customer (the few left in the queue at the horizon aside).
        let (events, completed) = run(100_000.0 * 60.0, 1);
        let arrivals = events as usize - completed;
        assert!(
            (arrivals as f64 - 100_000.0).abs() < 5.0 * 100_000f64.sqrt(),
            "{arrivals}"
        );
        assert!(
            arrivals - completed < 200,
            "{arrivals} arrived, {completed} served"
        );
    }
}
