//! The headline figures of a run, in one table: the name each goes by in
//! replication records, `replications.csv`, `summary.json`, `--target` and
//! the study's index, its unit, and how it is read from a [`RunSummary`].
//! Adding a figure is one row here.

use super::resilience::Resilience;
use super::summary::{ModelSummary, PartSummary, RouteSummary, RunSummary, StationSummary};
use crate::observe::ServerState;
use crate::scenario::Scenario;

/// A figure of the whole run, by key: a misspelt figure does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Run {
    /// `robots_per_hour`.
    RobotsPerHour,
    /// `robots_per_day`.
    RobotsPerDay,
    /// `mean_time_between_completions_min`.
    MeanTimeBetweenCompletionsMin,
    /// `takt_attainment`.
    TaktAttainment,
    /// `completed`.
    Completed,
    /// `backlog_at_end`.
    BacklogAtEnd,
    /// `on_time_share`.
    OnTimeShare,
    /// `orders_late`.
    OrdersLate,
    /// `orders_lost`.
    OrdersLost,
    /// `lateness_p50_h`.
    LatenessP50H,
    /// `lateness_p95_h`.
    LatenessP95H,
    /// `lead_time_mean_h`.
    LeadTimeMeanH,
    /// `wip_mean`.
    WipMean,
    /// `holding_cost_per_day`.
    HoldingCostPerDay,
    /// `running_cost_per_year`.
    RunningCostPerYear,
    /// `overtime_h`.
    OvertimeH,
    /// `overtime_robots_recovered`.
    OvertimeRobotsRecovered,
    /// `overtime_delay_saved_robot_h`.
    OvertimeDelaySavedRobotH,
    /// `robots_scrapped`.
    RobotsScrapped,
}

impl Run {
    /// Its name in records, `summary.json`, the CSVs and `--target`.
    pub const fn name(self) -> &'static str {
        match self {
            Run::RobotsPerHour => "robots_per_hour",
            Run::RobotsPerDay => "robots_per_day",
            Run::MeanTimeBetweenCompletionsMin => "mean_time_between_completions_min",
            Run::TaktAttainment => "takt_attainment",
            Run::Completed => "completed",
            Run::BacklogAtEnd => "backlog_at_end",
            Run::OnTimeShare => "on_time_share",
            Run::OrdersLate => "orders_late",
            Run::OrdersLost => "orders_lost",
            Run::LatenessP50H => "lateness_p50_h",
            Run::LatenessP95H => "lateness_p95_h",
            Run::LeadTimeMeanH => "lead_time_mean_h",
            Run::WipMean => "wip_mean",
            Run::HoldingCostPerDay => "holding_cost_per_day",
            Run::RunningCostPerYear => "running_cost_per_year",
            Run::OvertimeH => "overtime_h",
            Run::OvertimeRobotsRecovered => "overtime_robots_recovered",
            Run::OvertimeDelaySavedRobotH => "overtime_delay_saved_robot_h",
            Run::RobotsScrapped => "robots_scrapped",
        }
    }
}

/// A paired resilience figure, by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paired {
    /// `robots_lost`.
    RobotsLost,
    /// `time_to_survive_h`.
    TimeToSurviveH,
    /// `peak_shortfall`.
    PeakShortfall,
    /// `time_to_recover_h`.
    TimeToRecoverH,
    /// `catch_up_h`.
    CatchUpH,
    /// `lowest_rolling_24h`.
    LowestRolling24h,
    /// `twin_lowest_rolling_24h`.
    TwinLowestRolling24h,
    /// `delay_robot_h`.
    DelayRobotH,
    /// `lost_sales`.
    LostSales,
    /// `lateness_robot_h`.
    LatenessRobotH,
    /// `extra_trucks`.
    ExtraTrucks,
    /// `cost`.
    Cost,
    /// `window_h`.
    WindowH,
    /// `caught_up`.
    CaughtUp,
    /// `catch_up_pace_per_day`.
    CatchUpPacePerDay,
}

impl Paired {
    /// Its name in records, `summary.json`, the CSVs and `--target`.
    pub const fn name(self) -> &'static str {
        match self {
            Paired::RobotsLost => "robots_lost",
            Paired::TimeToSurviveH => "time_to_survive_h",
            Paired::PeakShortfall => "peak_shortfall",
            Paired::TimeToRecoverH => "time_to_recover_h",
            Paired::CatchUpH => "catch_up_h",
            Paired::LowestRolling24h => "lowest_rolling_24h",
            Paired::TwinLowestRolling24h => "twin_lowest_rolling_24h",
            Paired::DelayRobotH => "delay_robot_h",
            Paired::LostSales => "lost_sales",
            Paired::LatenessRobotH => "lateness_robot_h",
            Paired::ExtraTrucks => "extra_trucks",
            Paired::Cost => "cost",
            Paired::WindowH => "window_h",
            Paired::CaughtUp => "caught_up",
            Paired::CatchUpPacePerDay => "catch_up_pace_per_day",
        }
    }
}

/// A figure of the whole run.
pub struct Figure {
    /// Name in records, `replications.csv`, `summary.json` and `--target`.
    pub name: &'static str,
    /// Unit as written beside it ("robots/h", "share", "money", ...).
    pub unit: &'static str,
    /// Column heading where the index and the batch printout show it.
    pub headline: Option<&'static str>,
    /// Shown multiplied by this (1 or 100 for a share shown in %).
    pub shown_scale: f64,
    /// Decimals where it is shown.
    pub digits: usize,
    /// Reads it from a run's summary; NaN where undefined.
    pub value: fn(&RunSummary) -> f64,
}

/// A figure of each item of a kind (part, station, route), named `name:item`.
pub struct ItemFigure<T> {
    /// Name before the `:item` suffix.
    pub name: &'static str,
    /// Unit as written beside it.
    pub unit: &'static str,
    /// Reads it from one item's summary; NaN where undefined.
    pub value: fn(&T) -> f64,
}

/// The service to the customer (docs/model.md, "Service to the customer"):
/// the run figures a study's workbook and a sweep show beside the headline.
pub const SERVICE: [Run; 5] = [
    Run::OnTimeShare,
    Run::OrdersLate,
    Run::OrdersLost,
    Run::LatenessP50H,
    Run::LatenessP95H,
];

/// Figures of the whole run, in record order.
pub const RUN: &[Figure] = &[
    Figure {
        name: Run::RobotsPerHour.name(),
        unit: "robots/h",
        headline: None,
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.per_hour,
    },
    Figure {
        name: Run::RobotsPerDay.name(),
        unit: "robots/day",
        headline: Some("robots per day"),
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.per_day,
    },
    Figure {
        name: Run::MeanTimeBetweenCompletionsMin.name(),
        unit: "min",
        headline: Some("mean time between completions [min]"),
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.mean_time_between_completions_min,
    },
    Figure {
        name: Run::TaktAttainment.name(),
        unit: "share",
        headline: Some("takt attainment [%]"),
        shown_scale: 100.0,
        digits: 1,
        value: |s| s.throughput.attainment,
    },
    Figure {
        name: Run::Completed.name(),
        unit: "robots",
        headline: None,
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.completed as f64,
    },
    Figure {
        name: Run::BacklogAtEnd.name(),
        unit: "robots",
        headline: None,
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.backlog_at_end as f64,
    },
    Figure {
        name: Run::OnTimeShare.name(),
        unit: "share",
        headline: None,
        shown_scale: 100.0,
        digits: 1,
        value: |s| s.service.on_time_share,
    },
    Figure {
        name: Run::OrdersLate.name(),
        unit: "orders",
        headline: None,
        shown_scale: 1.0,
        digits: 1,
        value: |s| s.service.late as f64,
    },
    Figure {
        name: Run::OrdersLost.name(),
        unit: "orders",
        headline: None,
        shown_scale: 1.0,
        digits: 1,
        value: |s| s.service.lost as f64,
    },
    Figure {
        name: Run::LatenessP50H.name(),
        unit: "h",
        headline: None,
        shown_scale: 1.0,
        digits: 1,
        value: |s| s.service.lateness_p50_h,
    },
    Figure {
        name: Run::LatenessP95H.name(),
        unit: "h",
        headline: None,
        shown_scale: 1.0,
        digits: 1,
        value: |s| s.service.lateness_p95_h,
    },
    Figure {
        name: Run::LeadTimeMeanH.name(),
        unit: "h",
        headline: Some("lead time [h]"),
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.lead_time.mean_h,
    },
    Figure {
        name: Run::WipMean.name(),
        unit: "robots",
        headline: Some("WIP [robots]"),
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.wip.mean,
    },
    Figure {
        name: Run::HoldingCostPerDay.name(),
        unit: "money/day",
        headline: None,
        shown_scale: 1.0,
        digits: 0,
        value: |s| s.holding_cost_per_day.unwrap_or(f64::NAN),
    },
    Figure {
        name: Run::RunningCostPerYear.name(),
        unit: "money/year",
        headline: None,
        shown_scale: 1.0,
        digits: 0,
        value: |s| s.running_cost.as_ref().map_or(f64::NAN, |c| c.total),
    },
    Figure {
        name: Run::OvertimeH.name(),
        unit: "h",
        headline: None,
        shown_scale: 1.0,
        digits: 1,
        value: |s| s.overtime.as_ref().map_or(f64::NAN, |o| o.hours),
    },
    Figure {
        name: Run::OvertimeRobotsRecovered.name(),
        unit: "robots",
        headline: None,
        shown_scale: 1.0,
        digits: 1,
        value: |s| {
            s.overtime
                .as_ref()
                .and_then(|o| o.robots_recovered)
                .map_or(f64::NAN, |r| r as f64)
        },
    },
    Figure {
        name: Run::OvertimeDelaySavedRobotH.name(),
        unit: "robot-h",
        headline: None,
        shown_scale: 1.0,
        digits: 0,
        value: |s| {
            s.overtime
                .as_ref()
                .and_then(|o| o.delay_saved_robot_h)
                .unwrap_or(f64::NAN)
        },
    },
    Figure {
        name: Run::RobotsScrapped.name(),
        unit: "robots",
        headline: None,
        shown_scale: 1.0,
        digits: 0,
        value: |s| s.test.scrapped as f64,
    },
];

/// Figures of each part.
pub const PART: &[ItemFigure<PartSummary>] = &[
    ItemFigure {
        name: "stockout_h",
        unit: "h",
        value: |p| p.stockout_h,
    },
    ItemFigure {
        name: "mean_on_hand",
        unit: "units",
        value: |p| p.mean_on_hand,
    },
    ItemFigure {
        name: "days_of_cover",
        unit: "days",
        value: |p| p.days_of_cover,
    },
    ItemFigure {
        name: "on_hand_value",
        unit: "money",
        value: |p| p.on_hand_value.unwrap_or(f64::NAN),
    },
];

/// Figures of each station (rework last): shares of server time after warm-up.
pub const STATION: &[ItemFigure<StationSummary>] = &[
    ItemFigure {
        name: ServerState::Busy.name(),
        unit: "share",
        value: |s| s.busy,
    },
    ItemFigure {
        name: ServerState::Blocked.name(),
        unit: "share",
        value: |s| s.blocked,
    },
    ItemFigure {
        name: ServerState::Starved.name(),
        unit: "share",
        value: |s| s.starved,
    },
    ItemFigure {
        name: ServerState::StarvedForParts.name(),
        unit: "share",
        value: |s| s.starved_for_parts,
    },
    ItemFigure {
        name: ServerState::Down.name(),
        unit: "share",
        value: |s| s.down,
    },
    ItemFigure {
        name: ServerState::OffShift.name(),
        unit: "share",
        value: |s| s.off_shift,
    },
];

/// Figures of each route.
pub const ROUTE: &[ItemFigure<RouteSummary>] = &[
    ItemFigure {
        name: "trucks",
        unit: "trucks",
        value: |r| r.trucks as f64,
    },
    ItemFigure {
        name: "shipped",
        unit: "units",
        value: |r| r.shipped as f64,
    },
];

/// A paired resilience figure of one disruption against its twin.
pub struct PairedFigure {
    /// Name in records, `summary.json` and `sweep.csv`.
    pub name: &'static str,
    /// Its key, for code that reads this figure.
    pub key: Paired,
    /// Unit as written beside it.
    pub unit: &'static str,
    /// Column heading in the index's cost table.
    pub heading: &'static str,
    /// What a replication without a value means ("survived"), for figures
    /// that can be undefined.
    pub undefined: Option<&'static str>,
    /// Reads it from a disruption's resilience figures; `None` where undefined.
    pub value: fn(&Resilience) -> Option<f64>,
}

impl PairedFigure {
    /// Its columns in a table of studies (`sweep.csv`, a study's workbook):
    /// the mean and the half-width, then the share of replications where it
    /// is undefined, for a figure that can be.
    pub fn columns(&self) -> Vec<String> {
        let mut c = vec![
            format!("{}_mean", self.name),
            format!("{}_half_width", self.name),
        ];
        if self.undefined.is_some() {
            c.push(format!("{}_share_undefined", self.name));
        }
        c
    }
}

/// The paired resilience figures, in record order (docs/model.md, "What a run
/// reports"): every one compares a run with its undisrupted twin.
pub const PAIRED: &[PairedFigure] = &[
    PairedFigure {
        name: Paired::RobotsLost.name(),
        key: Paired::RobotsLost,
        unit: "robots",
        heading: "robots lost",
        undefined: None,
        value: |r| Some(r.robots_lost as f64),
    },
    PairedFigure {
        name: Paired::TimeToSurviveH.name(),
        key: Paired::TimeToSurviveH,
        unit: "h",
        heading: "time to survive [h]",
        undefined: Some("survived"),
        value: |r| r.time_to_survive_h,
    },
    PairedFigure {
        name: Paired::PeakShortfall.name(),
        key: Paired::PeakShortfall,
        unit: "robots",
        heading: "peak shortfall",
        undefined: None,
        value: |r| Some(r.peak_shortfall as f64),
    },
    PairedFigure {
        name: Paired::TimeToRecoverH.name(),
        key: Paired::TimeToRecoverH,
        unit: "h",
        heading: "time to recover [h]",
        undefined: Some("not recovered within the horizon"),
        value: |r| r.time_to_recover_h,
    },
    PairedFigure {
        name: Paired::CatchUpH.name(),
        key: Paired::CatchUpH,
        unit: "h",
        heading: "catch-up [h]",
        undefined: Some("not caught up within the horizon"),
        value: |r| r.catch_up_h,
    },
    PairedFigure {
        name: Paired::LowestRolling24h.name(),
        key: Paired::LowestRolling24h,
        unit: "robots",
        heading: "lowest 24 h output",
        undefined: None,
        value: |r| Some(r.lowest_rolling_24h as f64),
    },
    PairedFigure {
        name: Paired::TwinLowestRolling24h.name(),
        key: Paired::TwinLowestRolling24h,
        unit: "robots",
        heading: "twin's lowest 24 h",
        undefined: None,
        value: |r| Some(r.twin_lowest_rolling_24h as f64),
    },
    PairedFigure {
        name: Paired::DelayRobotH.name(),
        key: Paired::DelayRobotH,
        unit: "robot-h",
        heading: "delay [robot-h]",
        undefined: None,
        value: |r| Some(r.delay_robot_h),
    },
    PairedFigure {
        name: Paired::LostSales.name(),
        key: Paired::LostSales,
        unit: "orders",
        heading: "lost sales",
        undefined: None,
        value: |r| Some(r.lost_sales as f64),
    },
    PairedFigure {
        name: Paired::LatenessRobotH.name(),
        key: Paired::LatenessRobotH,
        unit: "robot-h",
        heading: "order lateness [robot-h]",
        undefined: None,
        value: |r| Some(r.lateness_robot_h),
    },
    PairedFigure {
        name: Paired::ExtraTrucks.name(),
        key: Paired::ExtraTrucks,
        unit: "trucks",
        heading: "extra trucks",
        undefined: None,
        value: |r| Some(r.extra_trucks as f64),
    },
    PairedFigure {
        name: Paired::Cost.name(),
        key: Paired::Cost,
        unit: "money",
        heading: "cost",
        // Undefined only without a costs block: nothing to report as a share.
        undefined: None,
        value: |r| r.cost,
    },
    PairedFigure {
        name: Paired::WindowH.name(),
        key: Paired::WindowH,
        unit: "h",
        heading: "accounting window [h]",
        undefined: None,
        value: |r| Some(r.window_end_h - r.start_h),
    },
    PairedFigure {
        name: Paired::CaughtUp.name(),
        key: Paired::CaughtUp,
        unit: "share",
        heading: "caught up in the window",
        undefined: None,
        value: |r| Some(if r.caught_up { 1.0 } else { 0.0 }),
    },
    PairedFigure {
        name: Paired::CatchUpPacePerDay.name(),
        key: Paired::CatchUpPacePerDay,
        unit: "robots/day",
        heading: "catch-up pace [robots/day]",
        undefined: Some("caught up"),
        value: |r| r.catch_up_pace_per_day,
    },
];

/// The paired figures of one disruption, in [`PAIRED`] order.
pub fn paired_values(r: &Resilience) -> Vec<Option<f64>> {
    PAIRED.iter().map(|f| (f.value)(r)).collect()
}

/// Figures of each robot model.
pub const MODEL: &[ItemFigure<ModelSummary>] = &[
    ItemFigure {
        name: "robots_per_day",
        unit: "robots/day",
        value: |m| m.per_day,
    },
    ItemFigure {
        name: "completed",
        unit: "robots",
        value: |m| m.completed as f64,
    },
    ItemFigure {
        name: "lead_time_mean_h",
        unit: "h",
        value: |m| m.lead_time_mean_h,
    },
];

/// Names of the headline figures of a scenario, in record order.
pub fn names(s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = RUN.iter().map(|f| f.name.to_string()).collect();
    for p in &s.parts {
        out.extend(PART.iter().map(|f| format!("{}:{}", f.name, p.name)));
    }
    for st in s.station_names() {
        out.extend(STATION.iter().map(|f| format!("{}:{st}", f.name)));
    }
    for r in &s.routes {
        out.extend(ROUTE.iter().map(|f| format!("{}:{}", f.name, r.name)));
    }
    for m in &s.line.models {
        out.extend(MODEL.iter().map(|f| format!("{}:{}", f.name, m.name)));
    }
    out
}

/// The headline figures of one run, in [`names`] order.
pub fn values(s: &RunSummary) -> Vec<f64> {
    let mut out: Vec<f64> = RUN.iter().map(|f| (f.value)(s)).collect();
    for p in &s.parts {
        out.extend(PART.iter().map(|f| (f.value)(p)));
    }
    for st in &s.stations {
        out.extend(STATION.iter().map(|f| (f.value)(st)));
    }
    for r in &s.routes {
        out.extend(ROUTE.iter().map(|f| (f.value)(r)));
    }
    for m in &s.models {
        out.extend(MODEL.iter().map(|f| (f.value)(m)));
    }
    out
}

/// The unit of a figure named as in [`names`], if it is one.
pub fn unit(name: &str) -> Option<&'static str> {
    let kind = name.split(':').next()?;
    RUN.iter()
        .find(|f| f.name == name)
        .map(|f| f.unit)
        .or_else(|| PART.iter().find(|f| f.name == kind).map(|f| f.unit))
        .or_else(|| STATION.iter().find(|f| f.name == kind).map(|f| f.unit))
        .or_else(|| ROUTE.iter().find(|f| f.name == kind).map(|f| f.unit))
        .or_else(|| MODEL.iter().find(|f| f.name == kind).map(|f| f.unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_baseline;

    #[test]
    fn every_named_figure_has_a_value_and_a_unit() {
        let s = load_baseline().unwrap();
        let names = names(&s);
        assert_eq!(
            names.len(),
            RUN.len() + 3 * PART.len() + 6 * STATION.len() + 3 * ROUTE.len()
        );
        assert!(names.iter().all(|n| unit(n).is_some()), "{names:?}");
        assert_eq!(unit("stockout_h:bearing"), Some("h"));
        assert_eq!(unit("nonsense"), None);
    }
}
