//! What a plan costs a year while nothing goes wrong: measured on a run
//! after its warm-up and scaled to 365 days, broken down by kind.

use serde::{Deserialize, Serialize};

use crate::observe::Recorder;
use crate::scenario::{Policy, Scenario};
use crate::time::DAY;

/// A year of running costs [money/year], from a run after its warm-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunningCost {
    /// Holding cost of the stock.
    pub holding: f64,
    /// Freight of the regular routes (every route but emergency ones).
    pub freight: f64,
    /// Freight of emergency routes: their trucks carry the premium.
    pub emergency: f64,
    /// Units bought times each supplier's unit price.
    pub purchases: f64,
    /// Standby fees of contingent routes and suppliers.
    pub standby: f64,
    /// The line's overtime.
    pub overtime: f64,
    /// The sum of the above.
    pub total: f64,
    /// The span it was counted over and scaled from: horizon - warm-up [days].
    pub counted_days: f64,
    /// Freight per route, in route order: (route, trucks a year, money a year).
    pub by_route: Vec<RouteFreight>,
}

/// One route's trucks and freight in a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteFreight {
    /// The route's name.
    pub route: String,
    /// Trucks a year.
    pub trucks: f64,
    /// Their cost [money/year].
    pub cost: f64,
}

impl RunningCost {
    /// The running cost of `scenario` from its run `rec`, with
    /// `holding_per_day` the run's holding cost; `None` without costs.
    pub fn new(scenario: &Scenario, rec: &Recorder, holding_per_day: f64) -> Option<RunningCost> {
        let c = scenario.costs.as_ref()?;
        let year = 365.0 * DAY / (rec.horizon - rec.warmup);
        let by_route: Vec<RouteFreight> = scenario
            .routes
            .iter()
            .zip(&rec.after_warmup)
            .zip(&c.per_truck)
            .map(|((r, &(trucks, _)), &per)| RouteFreight {
                route: r.name.clone(),
                trucks: trucks as f64 * year,
                cost: trucks as f64 * per * year,
            })
            .collect();
        let emergency_route =
            |i: usize| matches!(scenario.routes[i].policy, Policy::Emergency { .. });
        let freight_where = |emergency: bool| -> f64 {
            by_route
                .iter()
                .enumerate()
                .filter(|(i, _)| emergency_route(*i) == emergency)
                .map(|(_, f)| f.cost)
                .sum()
        };
        let purchases: f64 = scenario
            .routes
            .iter()
            .zip(&rec.after_warmup)
            .map(|(r, &(_, units))| {
                units as f64 * c.unit_price.get(r.supplier.index()).copied().unwrap_or(0.0)
            })
            .sum::<f64>()
            * year;
        let overtime_h: f64 = rec
            .overtime
            .iter()
            .map(|&(t, len)| (t + len - t.max(rec.warmup)).max(0.0))
            .sum::<f64>()
            / crate::time::HOUR;
        let mut cost = RunningCost {
            holding: holding_per_day * 365.0,
            freight: freight_where(false),
            emergency: freight_where(true),
            purchases,
            standby: c.standby_per_year.iter().map(|(_, fee)| fee).sum(),
            overtime: overtime_h * c.overtime_per_hour * year,
            total: 0.0,
            counted_days: (rec.horizon - rec.warmup) / DAY,
            by_route,
        };
        cost.total = cost.holding
            + cost.freight
            + cost.emergency
            + cost.purchases
            + cost.standby
            + cost.overtime;
        Some(cost)
    }
}
