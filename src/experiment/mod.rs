//! Experiments over the model: single replications with their twins, and
//! the benchmark.

pub mod bench;
pub mod run;

pub use run::{RunOutcome, Twin, run_replication, simulate};
