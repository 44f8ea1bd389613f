//! Recording what a run observes: completions, state times, hourly series.

mod order_book;
mod recorder;
mod service;
mod state;

pub use order_book::{OrderBook, Outcome, Settled};
pub use recorder::{DisruptionWindow, HourRow, Recorder};
pub use service::{LATENESS_BIN, Service, Tally};
pub use state::ServerState;
