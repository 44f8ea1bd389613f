//! The event calendar and the run's bookkeeping, held as a resource of the
//! World beside the model's state.

use bevy::ecs::prelude::Resource;

use crate::model::event::Event;
use crate::sim::Calendar;
use crate::time::Seconds;

/// Pending events, the clock, and how far the run has got.
#[derive(Resource, Debug, Clone)]
pub struct Kernel {
    /// Pending events, ordered by time (FIFO among equal times); holds the clock.
    pub calendar: Calendar<Event>,
    /// The run's horizon [s]: events at or after it are never handled.
    pub horizon: Seconds,
    /// Events handled so far.
    pub events: u64,
    /// Open intervals have been counted up to the horizon.
    pub finished: bool,
}

impl Kernel {
    /// An empty calendar at t = 0 for a run of `horizon` seconds.
    pub fn new(horizon: Seconds) -> Kernel {
        Kernel {
            calendar: Calendar::new(),
            horizon,
            events: 0,
            finished: false,
        }
    }

    /// Simulated time now [s].
    pub fn now(&self) -> Seconds {
        self.calendar.now()
    }

    /// Time of the next pending event, if before the horizon.
    pub fn next_event_time(&self) -> Option<Seconds> {
        self.calendar.peek_time().filter(|&t| t < self.horizon)
    }
}
