//! The headline figures of a run, in one table: the name each goes by in
//! replication records, `replications.csv`, `summary.json`, `--target` and
//! the study's index, its unit, and how it is read from a [`RunSummary`].
//! Adding a figure is one row here.

use super::summary::{PartSummary, RouteSummary, RunSummary, StationSummary};
use crate::scenario::Scenario;

/// A figure of the whole run.
pub struct Figure {
    pub name: &'static str,
    pub unit: &'static str,
    /// Column heading where the index and the batch printout show it.
    pub headline: Option<&'static str>,
    /// Shown multiplied by this (1 or 100 for a share shown in %).
    pub shown_scale: f64,
    /// Decimals where it is shown.
    pub digits: usize,
    pub value: fn(&RunSummary) -> f64,
}

/// A figure of each item of a kind (part, station, route), named `name:item`.
pub struct ItemFigure<T> {
    pub name: &'static str,
    pub unit: &'static str,
    pub value: fn(&T) -> f64,
}

/// Figures of the whole run, in record order.
pub const RUN: &[Figure] = &[
    Figure {
        name: "robots_per_hour",
        unit: "robots/h",
        headline: None,
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.per_hour,
    },
    Figure {
        name: "robots_per_day",
        unit: "robots/day",
        headline: Some("robots per day"),
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.per_day,
    },
    Figure {
        name: "mean_time_between_completions_min",
        unit: "min",
        headline: Some("mean time between completions [min]"),
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.mean_time_between_completions_min,
    },
    Figure {
        name: "takt_attainment",
        unit: "share",
        headline: Some("takt attainment [%]"),
        shown_scale: 100.0,
        digits: 1,
        value: |s| s.throughput.attainment,
    },
    Figure {
        name: "completed",
        unit: "robots",
        headline: None,
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.completed as f64,
    },
    Figure {
        name: "backlog_at_end",
        unit: "robots",
        headline: None,
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.throughput.backlog_at_end as f64,
    },
    Figure {
        name: "lead_time_mean_h",
        unit: "h",
        headline: Some("lead time [h]"),
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.lead_time.mean_h,
    },
    Figure {
        name: "wip_mean",
        unit: "robots",
        headline: Some("WIP [robots]"),
        shown_scale: 1.0,
        digits: 2,
        value: |s| s.wip.mean,
    },
];

/// Figures of each part.
pub const PART: &[ItemFigure<PartSummary>] = &[ItemFigure {
    name: "stockout_h",
    unit: "h",
    value: |p| p.stockout_h,
}];

/// Figures of each station (rework last): shares of server time after warm-up.
pub const STATION: &[ItemFigure<StationSummary>] = &[
    ItemFigure {
        name: "busy",
        unit: "share",
        value: |s| s.busy,
    },
    ItemFigure {
        name: "blocked",
        unit: "share",
        value: |s| s.blocked,
    },
    ItemFigure {
        name: "starved",
        unit: "share",
        value: |s| s.starved,
    },
    ItemFigure {
        name: "starved_for_parts",
        unit: "share",
        value: |s| s.starved_for_parts,
    },
    ItemFigure {
        name: "down",
        unit: "share",
        value: |s| s.down,
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
