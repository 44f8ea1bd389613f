//! Why a report's files could not be written: one error for every product.

use crate::atomic_file::WriteError;
use crate::report::charts::ChartError;

/// A table, page or chart of a run, study, sweep or stress test could not
/// be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A table or page.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A chart.
    #[error(transparent)]
    Chart(#[from] ChartError),
}
