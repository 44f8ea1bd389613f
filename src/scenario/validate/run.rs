//! The run: horizon, warm-up, seed and the accounting window.

use super::Checker;
use super::path::field;
use super::ranges::Least;
use crate::scenario::file::RunFile;
use crate::scenario::limits::MIN_MEASURED;

/// The run's settings, checked [s].
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RunSettings {
    pub horizon: f64,
    pub warmup: f64,
    pub seed: u64,
    /// Longest accounting window of a disruption; `None`: to the horizon.
    pub accounting_window: Option<f64>,
}

impl Checker<'_> {
    pub(super) fn run(&mut self, r: &RunFile) -> RunSettings {
        self.anchor = None;
        let horizon = self.span(
            field!(run.horizon),
            r.horizon.secs(),
            Least::Positive,
            "the horizon",
        );
        let warmup = r.warmup.map_or(crate::time::DAY, |w| w.secs());
        if warmup < 0.0 || (horizon > 0.0 && warmup + MIN_MEASURED > horizon) {
            self.error(
                field!(run.warmup),
                None,
                format!(
                    "warm-up must be >= 0 and end at least {} before the horizon, got {}",
                    crate::time::format_span(MIN_MEASURED),
                    crate::time::format_span(warmup)
                ),
            );
        }
        let accounting_window = r.accounting_window.map(|w| {
            self.span(
                field!(run.accounting_window),
                w.secs(),
                Least::Positive,
                "the accounting window",
            )
        });
        RunSettings {
            horizon,
            warmup,
            seed: r.seed.unwrap_or(1),
            accounting_window,
        }
    }
}
