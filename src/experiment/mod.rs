//! Experiments over the model: single replications with their twins,
//! batches of replications (parallel, sharded, resumable), sweeps, and the
//! benchmark.

pub mod advice_plan;
pub mod aggregate;
mod batch;
pub mod bench;
pub mod compare;
mod error;
mod fingerprint;
pub mod floor;
pub mod hazards;
mod outages;
pub mod plan;
mod prefix;
mod progress;
pub mod record;
pub mod records;
pub mod reverse;
mod run;
mod shared_twins;
pub mod steps;
pub mod stress;
mod study;
pub mod sweep;
pub mod synthetic;
pub mod units;

pub use batch::{BatchPlan, Target, Warmup, run_batch};
pub use error::{BatchError, ExperimentError};
pub use prefix::Prefix;
pub use progress::{Progress, Silent};
pub use run::{
    Counted, RunOutcome, Twin, counted, run_replication, run_replication_showing,
    run_replication_with, simulate,
};
pub use study::{StudyInput, find_shards};
