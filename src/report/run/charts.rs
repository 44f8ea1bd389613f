//! A run's charts: the study's charts of one scenario over one replication.

use std::path::Path;

use crate::experiment::RunOutcome;
use crate::experiment::aggregate::Aggregate;
use crate::experiment::record::RepRecord;
use crate::report::charts::{ChartError, Saved};
use crate::report::study::scenario_charts;
use crate::scenario::Scenario;

/// The charts of a single run (`taktline run`): the study's charts over one
/// replication, with its twin for a disrupted scenario.
pub fn run_charts(
    dir: &Path,
    s: &Scenario,
    outcome: &RunOutcome,
) -> Result<Vec<Saved>, ChartError> {
    let mut agg = Aggregate::new(s);
    agg.push(&RepRecord::new(s, outcome, 0));
    scenario_charts(dir, s, &agg)
}
