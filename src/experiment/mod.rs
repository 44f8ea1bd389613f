//! Experiments over the model: single replications with their twins,
//! batches of replications (parallel, sharded, resumable), sweeps, and the
//! benchmark.

pub mod aggregate;
pub mod batch;
pub mod bench;
pub mod error;
pub mod progress;
pub mod record;
pub mod records;
pub mod run;
pub mod stress;
pub mod study;
pub mod sweep;
pub mod values;

pub use batch::{BatchPlan, Target, Warmup, run_batch};
pub use error::{BatchError, ExperimentError};
pub use progress::{Progress, Silent};
pub use run::{RunOutcome, Twin, run_replication, run_replication_showing, simulate};
pub use study::{StudyInput, find_shards};
