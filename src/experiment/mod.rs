//! Experiments over the model: single replications with their twins,
//! batches of replications (parallel, sharded, resumable), sweeps, and the
//! benchmark.

pub mod aggregate;
pub mod batch;
pub mod bench;
pub mod progress;
pub mod record;
pub mod run;
pub mod stress;
pub mod study;
pub mod sweep;
pub mod values;

pub use progress::{Progress, Silent};
pub use run::{RunOutcome, Twin, run_replication, run_replication_showing, simulate};
pub use study::{BatchPlan, ExperimentError, Target, Warmup, run_batch};
