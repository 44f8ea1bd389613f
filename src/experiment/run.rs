//! One replication, and for a disrupted scenario its undisrupted twin under
//! common random numbers.

use serde::Serialize;

use super::progress::{Progress, Silent};
use crate::model::Simulation;
use crate::observe::Recorder;
use crate::scenario::Scenario;
use crate::stats::{Resilience, RunSummary, resilience};

/// A replication's results.
#[derive(Debug, Clone)]
pub struct RunOutcome {
    pub summary: RunSummary,
    pub recorded: Recorder,
    /// Present when the scenario has disruptions.
    pub twin: Option<Twin>,
}

/// The undisrupted twin and what each disruption cost against it.
#[derive(Debug, Clone)]
pub struct Twin {
    pub summary: RunSummary,
    pub recorded: Recorder,
    pub resilience: Vec<Resilience>,
}

/// What `summary.json` holds.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryFile<'a> {
    pub source: &'a str,
    pub run: &'a RunSummary,
    pub undisrupted_twin: Option<&'a RunSummary>,
    pub resilience: Option<&'a [Resilience]>,
}

impl RunOutcome {
    /// The JSON document of headline figures.
    pub fn summary_file<'a>(&'a self, scenario: &'a Scenario) -> SummaryFile<'a> {
        SummaryFile {
            source: &scenario.source,
            run: &self.summary,
            undisrupted_twin: self.twin.as_ref().map(|t| &t.summary),
            resilience: self.twin.as_ref().map(|t| t.resilience.as_slice()),
        }
    }
}

/// Simulates replication `replication` of `scenario` to its horizon.
pub fn simulate(scenario: &Scenario, replication: u64) -> Recorder {
    Simulation::new(scenario, replication).run()
}

/// Steps in which [`simulate_showing`] reports progress.
const STEPS: u64 = 100;

/// Like [`simulate`], telling `progress` as each hundredth of the horizon is
/// done (stepping in slices gives exactly the same run).
pub fn simulate_showing(
    scenario: &Scenario,
    replication: u64,
    label: &str,
    progress: &dyn Progress,
) -> Recorder {
    let mut sim = Simulation::new(scenario, replication);
    progress.start(label, STEPS);
    for k in 1..=STEPS {
        sim.step_until(scenario.horizon * k as f64 / STEPS as f64);
        progress.tick();
    }
    progress.finish();
    sim.run()
}

/// Runs a replication and, if the scenario is disrupted, its twin.
pub fn run_replication(scenario: &Scenario, replication: u64) -> RunOutcome {
    run_replication_showing(scenario, replication, &Silent)
}

/// [`run_replication`], showing the progress of each run (for long horizons).
pub fn run_replication_showing(
    scenario: &Scenario,
    replication: u64,
    progress: &dyn Progress,
) -> RunOutcome {
    let recorded = simulate_showing(scenario, replication, &scenario.name, progress);
    let summary = RunSummary::with_replication(scenario, &recorded, replication);
    let twin = (!scenario.disruptions.is_empty()).then(|| {
        let undisrupted = scenario.undisrupted();
        let twin_rec = simulate_showing(&undisrupted, replication, "undisrupted twin", progress);
        Twin {
            summary: RunSummary::with_replication(&undisrupted, &twin_rec, replication),
            resilience: compare(scenario, &recorded, &twin_rec),
            recorded: twin_rec,
        }
    });
    RunOutcome {
        summary,
        recorded,
        twin,
    }
}

/// Resilience of each disruption occurrence of a run against its twin.
pub fn compare(scenario: &Scenario, disrupted: &Recorder, twin: &Recorder) -> Vec<Resilience> {
    disrupted
        .disruptions
        .iter()
        .map(|w| {
            resilience(
                &scenario.disruptions[w.disruption].name,
                &disrupted.completions,
                &twin.completions,
                w.start,
                w.end,
                scenario.warmup,
                scenario.horizon,
            )
        })
        .collect()
}
