//! The command line's one error type and its exit codes: 0 success, 2
//! invalid input (a scenario file or an argument), 1 an output that could
//! not be produced, 3 a merge of shards that have not finished their steps
//! (run them again with --resume). Every handler returns a [`CliError`]; only [`exit`]
//! prints it.

use std::process::ExitCode;

use taktline::atomic_file::WriteError;
use taktline::experiment::BatchError;
use taktline::experiment::ExperimentError;
use taktline::output_dir::OutputError;
use taktline::report::ReportError;
use taktline::report::study::FinishError;
use taktline::scenario::ScenarioError;

use super::output::tell;

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
    /// Invalid input: one problem per line, each printed as `error: ...`.
    Invalid(Vec<String>),
    /// Something could not be produced or written.
    Failed(String),
    /// Shards of a job of dependent steps are not done yet: running them
    /// again (with --resume) takes them further.
    Unfinished(String),
}

impl CliError {
    /// Invalid input with one message.
    pub fn invalid(message: impl std::fmt::Display) -> CliError {
        CliError::Invalid(vec![message.to_string()])
    }

    /// A failure with one message.
    pub fn failed(message: impl std::fmt::Display) -> CliError {
        CliError::Failed(message.to_string())
    }

    /// The process's exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Invalid(_) => 2,
            CliError::Failed(_) => 1,
            CliError::Unfinished(_) => 3,
        }
    }
}

impl From<ScenarioError> for CliError {
    fn from(e: ScenarioError) -> Self {
        CliError::Invalid(e.diagnostics())
    }
}

impl From<ExperimentError> for CliError {
    fn from(e: ExperimentError) -> Self {
        match e {
            ExperimentError::Invalid(m) => CliError::invalid(m),
            ExperimentError::Batch(b) => b.into(),
        }
    }
}

impl From<BatchError> for CliError {
    /// Records that cannot be written, or threads that cannot start, are
    /// failures; records and manifests that are missing, unreadable or of
    /// another batch are invalid input.
    fn from(e: BatchError) -> Self {
        match e {
            BatchError::Write(_) | BatchError::Threads(_) => CliError::failed(e),
            BatchError::Read { .. } | BatchError::Inconsistent(_) => CliError::invalid(e),
            BatchError::Waiting { .. } => CliError::Unfinished(e.to_string()),
        }
    }
}

impl From<FinishError> for CliError {
    fn from(e: FinishError) -> Self {
        match e {
            FinishError::Batch(b) => b.into(),
            FinishError::Output(s) => CliError::failed(s),
        }
    }
}

impl From<OutputError> for CliError {
    fn from(e: OutputError) -> Self {
        CliError::failed(e)
    }
}

impl From<ReportError> for CliError {
    fn from(e: ReportError) -> Self {
        CliError::failed(e)
    }
}

impl From<WriteError> for CliError {
    fn from(e: WriteError) -> Self {
        CliError::failed(e)
    }
}

/// Prints the error, if any, and gives the exit code.
pub fn exit(result: Result<(), CliError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match &e {
                CliError::Invalid(lines) => {
                    for line in lines {
                        tell!("error: {line}");
                    }
                }
                CliError::Failed(message) => tell!("error: {message}"),
                CliError::Unfinished(message) => tell!("not finished: {message}"),
            }
            ExitCode::from(e.exit_code())
        }
    }
}

/// A warning that does not stop the command.
pub fn warn(message: impl std::fmt::Display) {
    tell!("warning: {message}");
}
