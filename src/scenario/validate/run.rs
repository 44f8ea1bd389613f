//! The run: horizon, warm-up and seed.

use super::Checker;
use super::path::field;
use super::ranges::Least;
use crate::scenario::file::RunFile;
use crate::scenario::limits::MIN_MEASURED;

impl Checker<'_> {
    pub(super) fn run(&mut self, r: &RunFile) -> (f64, f64, u64) {
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
        (horizon, warmup, r.seed.unwrap_or(1))
    }
}
