//! The simulation kernel: the event calendar and random streams. It knows
//! nothing about robots or trucks.

mod calendar;
pub(crate) mod random;

pub use calendar::Calendar;
pub use random::{Sampler, Source, Stream};
