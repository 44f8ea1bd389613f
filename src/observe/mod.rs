//! Recording what a run observes: completions, state times, hourly series.

mod hours;
mod order_book;
mod recorder;
mod service;
mod state;

pub use hours::{HourRow, HourTotals, Hours};
pub use order_book::{OrderBook, Outcome, Settled};
pub use recorder::{DisruptionWindow, Recorder};
pub use service::{LATENESS_BIN, Service, Tally};
pub use state::ServerState;
