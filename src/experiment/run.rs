//! One replication, and for a disrupted scenario its undisrupted twin under
//! common random numbers.

use serde::Serialize;

use super::prefix::{Instants, Prefix, simulate_showing, with_twin};
use super::progress::{Progress, Silent};
use crate::model::Simulation;
use crate::observe::Recorder;
use crate::scenario::{Scenario, Timing};
use crate::stats::{Orders, Resilience, RunSummary, orders, resilience};

/// A replication's results.
#[derive(Debug, Clone)]
pub struct RunOutcome {
    /// The run's headline figures.
    pub summary: RunSummary,
    /// Everything the run recorded.
    pub recorded: Recorder,
    /// Present when the scenario has disruptions.
    pub twin: Option<Twin>,
}

/// The undisrupted twin and what each disruption cost against it.
#[derive(Debug, Clone)]
pub struct Twin {
    /// The twin's headline figures.
    pub summary: RunSummary,
    /// Everything the twin recorded.
    pub recorded: Recorder,
    /// Each occurrence of a disruption in this run, in order: the first
    /// [`MAX_LISTED_OCCURRENCES`] of them.
    pub resilience: Vec<Resilience>,
    /// Occurrences after those, not measured one by one (each is measured
    /// to the horizon, so listing them all would cost occurrences x horizon).
    pub unlisted: usize,
    /// One entry per disruption of the scenario that a study aggregates
    /// ([`studied`]): a scheduled one's occurrence, or a random one's
    /// occurrences together (from the first start to the last end).
    pub per_disruption: Vec<Resilience>,
}

/// What `summary.json` holds.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryFile<'a> {
    /// Where the scenario was read from.
    pub source: &'a str,
    /// The run's headline figures.
    pub run: &'a RunSummary,
    /// The twin's headline figures; `None` without disruptions.
    pub undisrupted_twin: Option<&'a RunSummary>,
    /// Paired figures per disruption occurrence; `None` without disruptions.
    pub resilience: Option<&'a [Resilience]>,
    /// Occurrences beyond the listed ones; absent when every one is listed.
    #[serde(skip_serializing_if = "is_zero")]
    pub occurrences_not_listed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl RunOutcome {
    /// The JSON document of headline figures.
    pub fn summary_file<'a>(&'a self, scenario: &'a Scenario) -> SummaryFile<'a> {
        SummaryFile {
            source: &scenario.source,
            run: &self.summary,
            undisrupted_twin: self.twin.as_ref().map(|t| &t.summary),
            resilience: self.twin.as_ref().map(|t| t.resilience.as_slice()),
            occurrences_not_listed: self.twin.as_ref().map_or(0, |t| t.unlisted),
        }
    }
}

/// Simulates replication `replication` of `scenario` to its horizon.
pub fn simulate(scenario: &Scenario, replication: u64) -> Recorder {
    Simulation::new(scenario, replication).run()
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
    run_replication_with(scenario, replication, progress, Prefix::Shared)
}

/// [`run_replication_showing`], the twin's prefix shared as `prefix` says.
pub fn run_replication_with(
    scenario: &Scenario,
    replication: u64,
    progress: &dyn Progress,
    prefix: Prefix,
) -> RunOutcome {
    // Only a disrupted run and its twin are compared instant by instant.
    let (recorded, twin_rec) = if scenario.disruptions.is_empty() {
        let counted = Instants::Counted;
        let rec = simulate_showing(scenario, replication, &scenario.name, progress, counted);
        (rec, None)
    } else {
        let (rec, twin) = with_twin(scenario, replication, prefix, progress);
        (rec, Some(twin))
    };
    outcome(scenario, replication, recorded, twin_rec)
}

/// The outcome of replication `replication` of `scenario` from what its run
/// and, if disrupted, its twin recorded.
pub(super) fn outcome(
    scenario: &Scenario,
    replication: u64,
    recorded: Recorder,
    twin_rec: Option<Recorder>,
) -> RunOutcome {
    let mut summary = RunSummary::with_replication(scenario, &recorded, replication);
    if let Some(o) = summary.overtime.as_mut() {
        // What overtime recovered: the same replication without it.
        let without = Simulation::new(&scenario.without_overtime(), replication)
            .counting_completions()
            .run();
        o.robots_recovered = Some(recorded.completed as i64 - without.completed as i64);
        let late = |r: &Recorder| {
            r.hours
                .iter()
                .map(|h| h.totals.backlog.max(0) as f64)
                .sum::<f64>()
        };
        o.delay_saved_robot_h = Some(late(&without) - late(&recorded));
    }
    let twin = twin_rec.map(|twin_rec| {
        let undisrupted = scenario.undisrupted();
        Twin {
            summary: RunSummary::with_replication(&undisrupted, &twin_rec, replication),
            resilience: compare(scenario, &recorded, &twin_rec),
            unlisted: recorded
                .disruptions
                .len()
                .saturating_sub(MAX_LISTED_OCCURRENCES),
            per_disruption: per_disruption(scenario, &recorded, &twin_rec),
            recorded: twin_rec,
        }
    });
    RunOutcome {
        summary,
        recorded,
        twin,
    }
}

/// Most disruption occurrences of a run measured and listed one by one;
/// the rest are measured together, per disruption, in the records.
pub(super) const MAX_LISTED_OCCURRENCES: usize = 20;

/// Resilience of each of the first [`MAX_LISTED_OCCURRENCES`] disruption
/// occurrences of a run against its twin.
pub(super) fn compare(
    scenario: &Scenario,
    disrupted: &Recorder,
    twin: &Recorder,
) -> Vec<Resilience> {
    disrupted
        .disruptions
        .iter()
        .take(MAX_LISTED_OCCURRENCES)
        .map(|w| {
            paired(
                scenario,
                &scenario.disruptions[w.disruption].name,
                disrupted,
                twin,
                w.start,
                w.end,
            )
        })
        .collect()
}

/// The disruptions a study aggregates, in scenario order: scheduled ones
/// that start before the horizon, and every random one.
pub(super) fn studied(scenario: &Scenario) -> Vec<usize> {
    scenario
        .disruptions
        .iter()
        .enumerate()
        .filter(|(_, d)| match d.timing {
            Timing::Scheduled { start, .. } => start < scenario.horizon,
            Timing::Random { .. } => true,
        })
        .map(|(i, _)| i)
        .collect()
}

/// One paired figure set per [`studied`] disruption. A random disruption
/// is measured over all its occurrences in the run (from the first start to
/// the last end); one that never occurred changed nothing and scores zero.
pub(super) fn per_disruption(
    scenario: &Scenario,
    disrupted: &Recorder,
    twin: &Recorder,
) -> Vec<Resilience> {
    studied(scenario)
        .into_iter()
        .map(|d| {
            let windows = disrupted.disruptions.iter().filter(|w| w.disruption == d);
            let (start, end) = windows.fold((f64::INFINITY, f64::NEG_INFINITY), |(s, e), w| {
                (s.min(w.start), e.max(w.end))
            });
            let (start, end) = if start.is_finite() {
                (start, end)
            } else {
                (scenario.horizon, scenario.horizon)
            };
            paired(
                scenario,
                &scenario.disruptions[d].name,
                disrupted,
                twin,
                start,
                end,
            )
        })
        .collect()
}

/// The paired figures of a window and, over its accounting window, the
/// orders lost and late, the extra trucks and, where the scenario has
/// costs, what it cost: lateness + lost sales + extra freight + overtime.
pub(super) fn paired(
    scenario: &Scenario,
    name: &str,
    disrupted: &Recorder,
    twin: &Recorder,
    start: f64,
    end: f64,
) -> Resilience {
    let cap = scenario
        .accounting_window
        .map_or(scenario.horizon, |w| start + w);
    let mut r = resilience(
        name,
        &disrupted.completions,
        &twin.completions,
        start,
        end,
        scenario.horizon,
        cap,
    );
    let c = counted(scenario, disrupted, twin, start, r.window_end);
    r.lost_sales = c.lost_sales;
    r.lateness_robot_h = c.lateness_robot_h;
    r.extra_trucks = c.extra_trucks;
    r.cost = c.cost;
    r
}

/// What a disrupted run cost beyond its twin over [from, to].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counted {
    /// Orders lost beyond the twin's.
    pub lost_sales: i64,
    /// Order lateness beyond the twin's [robot-h].
    pub lateness_robot_h: f64,
    /// Trucks beyond the twin's, all routes.
    pub extra_trucks: i64,
    /// Lateness + lost sales + extra freight + extra overtime [money];
    /// `None` without costs.
    pub cost: Option<f64>,
}

/// The orders of `rec` over [`from`, `to`], lost after the scenario's
/// `lost_after`: one walk of its order book.
pub(crate) fn orders_within(scenario: &Scenario, rec: &Recorder, from: f64, to: f64) -> Orders {
    let lost_after = scenario.costs.as_ref().and_then(|c| c.lost_after);
    orders(&rec.due_instants, &rec.completions, lost_after, from, to)
}

/// The orders, trucks and overtime of `disrupted` beyond `twin`'s over
/// [`from`, `to`], priced with the scenario's costs (money v3).
pub fn counted(
    scenario: &Scenario,
    disrupted: &Recorder,
    twin: &Recorder,
    from: f64,
    to: f64,
) -> Counted {
    let twin_orders = orders_within(scenario, twin, from, to);
    counted_beyond(scenario, disrupted, twin, twin_orders, from, to)
}

/// [`counted`], given the twin's orders over the same window (walked once
/// by a caller that needs them too); a run that is its own twin is not
/// walked again.
pub(crate) fn counted_beyond(
    scenario: &Scenario,
    disrupted: &Recorder,
    twin: &Recorder,
    ou: Orders,
    from: f64,
    to: f64,
) -> Counted {
    let od = if std::ptr::eq(disrupted, twin) {
        ou
    } else {
        orders_within(scenario, disrupted, from, to)
    };
    let lost_sales = od.lost as i64 - ou.lost as i64;
    let lateness_robot_h = od.lateness_robot_h - ou.lateness_robot_h;
    let within = |times: &[f64]| {
        (times.partition_point(|&t| t <= to) - times.partition_point(|&t| t < from)) as i64
    };
    let extra: Vec<i64> = disrupted
        .departures
        .iter()
        .zip(&twin.departures)
        .map(|(d, u)| within(d) - within(u))
        .collect();
    let cost = scenario.costs.as_ref().map(|c| {
        let freight: f64 = extra
            .iter()
            .zip(&c.per_truck)
            .map(|(&n, &per)| n as f64 * per)
            .sum();
        let overtime =
            disrupted.overtime_hours_between(from, to) - twin.overtime_hours_between(from, to);
        c.margin_per_robot * lost_sales as f64
            + c.lateness_per_robot_hour * lateness_robot_h
            + freight
            + c.overtime_per_hour * overtime
    });
    Counted {
        lost_sales,
        lateness_robot_h,
        extra_trucks: extra.iter().sum(),
        cost,
    }
}
