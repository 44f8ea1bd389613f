//! taktline: a discrete-event simulator of a robot production line fed by a
//! cross-region supply chain.
//!
//! Design priorities, in order: correct numbers (validated against queueing
//! theory), speed (a tight event loop, no per-event scheduling overhead),
//! reproducibility (one random stream per source), and a readable scenario
//! format. It is a library with a command line, not a framework.
//!
//! A run follows one direction:
//! [`scenario`] (RON file → validated [`scenario::Scenario`]) →
//! [`model::Simulation`] (a bevy `World` and an event calendar from [`sim`]) →
//! [`observe::Recorder`] → [`stats`] → [`report`].
//!
//! ```
//! let scenario = taktline::scenario::load_baseline().unwrap();
//! let short = taktline::scenario::Scenario { horizon: 3.0 * taktline::time::DAY, ..scenario };
//! let recorded = taktline::model::Simulation::new(&short, 0).run();
//! let summary = taktline::stats::RunSummary::new(&short, &recorded);
//! assert!(summary.throughput.per_day > 100.0);
//! ```

#![warn(missing_docs, unreachable_pub)]

pub mod atomic_file;
pub mod experiment;
pub mod font;
pub mod model;
pub mod observe;
pub mod output_dir;
pub mod report;
pub mod scenario;
pub mod sim;
pub mod stats;
pub mod time;
pub mod timings;
#[cfg(feature = "viewer")]
pub mod view;
