//! A sweep: `sweep.csv`, `sweep.json`, the curves of each figure against
//! the swept value and an `index.html`; here, what they share: where a grid
//! point sits on the axis and on which curve, and its paired figures.

mod charts;
mod page;
mod tables;

use std::fmt::Write as _;

pub use charts::write_curves;
pub use page::{render, write_index};
pub use tables::write_tables;

use crate::experiment::aggregate::{PartialInterval, ScenarioStudy};
use crate::experiment::sweep::{SweepRow, file_in_words};
use crate::stats::figures::Paired;
use crate::time::{HOUR, Span};

/// A swept value on a numeric axis: numbers as they are, durations in hours.
pub fn axis_value(v: &str) -> Option<f64> {
    v.trim()
        .parse::<f64>()
        .ok()
        .or_else(|| Span::parse(v).ok().map(|s| s.secs() / HOUR))
}

/// A sweep point's paired figure of its first disruption (robots lost
/// falls back to the run's total when there is no studied disruption).
pub fn paired(s: &ScenarioStudy, key: Paired) -> Option<PartialInterval> {
    match s.resilience.first().and_then(|r| r.get(key)) {
        Some(p) => Some(*p),
        None if key == Paired::RobotsLost => s.robots_lost_total.map(|estimate| PartialInterval {
            estimate,
            undefined: 0,
            share_undefined: 0.0,
        }),
        None => None,
    }
}

/// The curve a grid point belongs to: its scenario file (whose name may
/// describe a value the sweep changes) and the values of any further --vary.
pub fn curve_key(r: &SweepRow) -> String {
    let mut k = file_in_words(&r.source);
    for (p, v) in &r.settings[1..] {
        let _ = write!(k, ", {p}={v}");
    }
    k
}
