//! Why an experiment could not run: the batch's records, or its settings.

use std::path::PathBuf;

use crate::atomic_file::WriteError;

/// Why a batch could not run or merge.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// An output file (a record, a manifest) could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A file (a record, a manifest) could not be read or parsed.
    #[error("cannot read {path}: {message}")]
    Read {
        /// The file (or folder) concerned.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Records, folders or settings that do not fit together (another
    /// scenario's records, missing replications, a foreign folder).
    #[error("{0}")]
    Inconsistent(String),
    /// A job of dependent steps that cannot go on yet: another shard has
    /// not made its tasks of this step.
    #[error(
        "step {step} needs the results of shard {shard}/{shards}, which are not there yet: run every shard again with --resume, then merge"
    )]
    Waiting {
        /// The step, counted from 1.
        step: u64,
        /// The shard whose results are missing.
        shard: u64,
        /// Shards of the job.
        shards: u64,
    },
    /// The pool of worker threads could not be built.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// Why an experiment could not run.
#[derive(Debug, thiserror::Error)]
pub enum ExperimentError {
    /// The plan asks for something that cannot be done (invalid input).
    #[error("{0}")]
    Invalid(String),
    /// Records could not be written, read or reconciled.
    #[error(transparent)]
    Batch(#[from] BatchError),
}
