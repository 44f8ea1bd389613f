//! The design space of `taktline plan`, validated: the levers a search may
//! pull (each a parameter path and the values it may take), the
//! constraints a plan must meet and the indifference zone of the selection.

use serde::{Deserialize, Serialize};

/// Most levers of one design space.
pub const MAX_LEVERS: usize = 12;

/// Most values of one lever.
pub const MAX_LEVER_VALUES: usize = 1_000;

/// What `taktline plan` searches, from a scenario's `plan` block or a
/// `--space` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DesignSpace {
    /// The levers, in the order written; every value checked to apply.
    pub levers: Vec<Lever>,
    /// A difference of total annual cost smaller than this does not matter
    /// [money/year]: the indifference zone of the selection.
    pub delta: f64,
    /// Robots each named stress node's outage of its TTR may lose in 95% of
    /// replications; `None`: no such constraint.
    pub lose_at_most: Option<f64>,
    /// The stress nodes `lose_at_most` applies to, by name.
    pub nodes: Vec<String>,
    /// Largest running cost allowed [money/year]; `None`: no budget.
    pub running_at_most: Option<f64>,
}

/// A lever: a parameter path (as `sweep --vary` writes it) and its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lever {
    /// The parameter path.
    pub path: String,
    /// Its values, in order, as written (a range already expanded).
    pub values: Vec<String>,
}
