//! The checks every section shares: durations and distributions a sampler
//! can always use, counts within their limits, shares, map coordinates.

use super::Checker;
use super::path::{FieldPath, field};
use crate::scenario::file::DistFile;
use crate::scenario::limits::*;
use crate::scenario::model::{Dist, Location};

/// The least a duration may be.
#[derive(Debug, Clone, Copy)]
pub(super) enum Least {
    /// Zero or more.
    Zero,
    /// More than zero.
    Positive,
    /// At least this many seconds.
    Span(f64),
}

impl Checker<'_> {
    pub(super) fn positive(&mut self, path: FieldPath, value: f64, what: &str) -> f64 {
        if !(value > 0.0 && value.is_finite()) {
            let kind = if value.is_finite() {
                "positive"
            } else {
                "a finite positive number"
            };
            self.error(path, None, format!("{what} must be {kind}, got {value}"));
        }
        value
    }

    /// A partial capacity: a share of the full rate or speed, in (0, 1].
    pub(super) fn fraction(&mut self, path: FieldPath, value: f64) -> f64 {
        if !(value > 0.0 && value <= 1.0) {
            self.error(
                path,
                None,
                format!(
                    "a capacity factor must be in (0, 1] (a share of the full rate), got {value}"
                ),
            );
        }
        value
    }

    /// A distribution of durations: its parameters positive as written, then
    /// in the range a sampler can always use.
    pub(super) fn dist(&mut self, path: FieldPath, d: &DistFile) -> Dist {
        let dist = self.dist_as_written(path.clone(), d);
        self.dist_ceiling(path, &dist);
        dist
    }

    /// The lower bounds of a distribution's parameters, as written.
    fn dist_as_written(&mut self, path: FieldPath, d: &DistFile) -> Dist {
        match *d {
            DistFile::Fixed(v) => {
                self.positive(path, v.secs(), "a fixed duration");
                Dist::Fixed(v.secs())
            }
            DistFile::Exponential { mean } => {
                self.positive(field!((path).mean), mean.secs(), "the mean");
                Dist::Exponential { mean: mean.secs() }
            }
            DistFile::LogNormal { mean, cv } => {
                self.positive(field!((path).mean), mean.secs(), "the mean");
                if !(cv >= 0.0 && cv.is_finite()) {
                    self.error(
                        field!((path).cv),
                        None,
                        format!("cv must be >= 0, got {cv}"),
                    );
                }
                if cv == 0.0 {
                    Dist::Fixed(mean.secs())
                } else {
                    Dist::LogNormal {
                        mean: mean.secs(),
                        cv,
                    }
                }
            }
            DistFile::Uniform { min, max } => {
                if min.secs() < 0.0 || max.secs() < min.secs() || max.secs() <= 0.0 {
                    self.error(
                        path,
                        None,
                        format!(
                            "uniform needs 0 <= min <= max and max > 0, got min {min}, max {max}"
                        ),
                    );
                }
                Dist::Uniform {
                    min: min.secs(),
                    max: max.secs(),
                }
            }
        }
    }

    /// `value` at most `max` (a count in `what`).
    pub(super) fn at_most(&mut self, path: FieldPath, value: u64, max: u64, what: &str) {
        if value > max {
            self.error(path, None, format!("at most {max} {what}, got {value}"));
        }
    }

    /// A duration [s]: finite, at most [`MAX_SPAN`] and at least `least`.
    pub(super) fn span(&mut self, path: FieldPath, value: f64, least: Least, what: &str) -> f64 {
        let shown = crate::time::format_span(value);
        let low = match least {
            Least::Zero => (value < 0.0).then(|| format!("{what} must be >= 0, got {shown}")),
            Least::Positive => {
                (value <= 0.0).then(|| format!("{what} must be positive, got {shown}"))
            }
            Least::Span(min) => (value < min).then(|| {
                format!(
                    "{what} must be at least {}, got {shown}",
                    crate::time::format_span(min)
                )
            }),
        };
        if !value.is_finite() || value > MAX_SPAN {
            self.error(
                path,
                None,
                format!(
                    "{what} is too large: at most {} days",
                    MAX_SPAN / crate::time::DAY
                ),
            );
        } else if let Some(message) = low {
            self.error(path, None, message);
        }
        value
    }

    /// The upper bounds of a distribution's parameters (its lower bounds
    /// are [`Checker::dist_as_written`]'s): no mean past [`MAX_SPAN`], no cv
    /// past [`MAX_CV`], so a sampler can always use it.
    fn dist_ceiling(&mut self, path: FieldPath, d: &Dist) {
        let at_most_span = |me: &mut Self, path: FieldPath, v: f64, what: &str| {
            if !v.is_finite() || v > MAX_SPAN {
                me.error(
                    path,
                    None,
                    format!(
                        "{what} is too large: at most {} days",
                        MAX_SPAN / crate::time::DAY
                    ),
                );
            }
        };
        match *d {
            Dist::Fixed(v) => at_most_span(self, path, v, "a fixed duration"),
            Dist::Exponential { mean } => at_most_span(self, field!((path).mean), mean, "the mean"),
            Dist::LogNormal { mean, cv } => {
                at_most_span(self, field!((path).mean), mean, "the mean");
                if cv > MAX_CV {
                    self.error(
                        field!((path).cv),
                        None,
                        format!("cv may be at most {MAX_CV}, got {cv}"),
                    );
                }
            }
            Dist::Uniform { min, max } => {
                at_most_span(self, field!((path).min), min, "the minimum");
                at_most_span(self, field!((path).max), max, "the maximum");
            }
        }
    }
    /// A `(latitude, longitude)` that must be finite and on the viewer's map.
    pub(super) fn location(&mut self, path: FieldPath, at: Option<(f64, f64)>) -> Option<Location> {
        let (lat, lon) = at?;
        let on_map = (MAP_SOUTH..=MAP_NORTH).contains(&lat) && (MAP_WEST..=MAP_EAST).contains(&lon);
        if !on_map {
            self.error(
                path,
                None,
                format!(
                    "location ({lat}, {lon}) must be (latitude, longitude) in degrees on the map: \
                     latitude {MAP_SOUTH} to {MAP_NORTH} N, longitude {MAP_WEST} to {MAP_EAST} E"
                ),
            );
            return None;
        }
        Some(Location { lat, lon })
    }
}

/// Whether shares sum to 1, up to rounding in their decimal writing.
pub(super) fn sums_to_one(sum: f64) -> bool {
    (sum - 1.0).abs() <= 1e-9
}
