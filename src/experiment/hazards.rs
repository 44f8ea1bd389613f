//! Hazard years: one simulated year of a plan in which its hazards arrive
//! at random, against the same year without them (the twin, under common
//! random numbers); the year's loss is what they cost over the whole year.

use serde::{Deserialize, Serialize};

use super::prefix::{Prefix, with_twin};
use super::progress::Silent;
use super::run::{Counted, counted_beyond, orders_within, simulate};
use crate::scenario::Scenario;
use crate::stats::{Orders, RunSummary, RunningCost, ServiceSummary};

/// One hazard year of a plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HazardYear {
    /// Its number: the replication whose streams it uses.
    pub year: u64,
    /// Hazard events that struck in it.
    pub events: usize,
    /// Robots behind the twin at the year's end.
    pub robots_behind: i64,
    /// Orders lost beyond the twin's.
    pub lost_sales: i64,
    /// Order lateness beyond the twin's [robot-h].
    pub lateness_robot_h: f64,
    /// Trucks beyond the twin's.
    pub extra_trucks: i64,
    /// What the hazards cost in the year: lateness + lost sales + extra
    /// freight + extra overtime [money]; `None` without costs.
    pub loss: Option<f64>,
    /// The plan's running cost in the year, from the twin; `None` without costs.
    pub running: Option<RunningCost>,
    /// The twin's own orders in the year, where asked for
    /// ([`hazard_year_with_orders`]): what the plan itself costs in lost
    /// sales and lateness while nothing goes wrong, to weigh plans against
    /// today's (`taktline plan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normal: Option<Orders>,
    /// The share of the year's orders delivered by their promise, as the
    /// hazards left it (docs/model.md, "Service to the customer"); `None`
    /// with no order counted.
    #[serde(default)]
    pub on_time_share: Option<f64>,
}

/// Simulates hazard year `year` of `plan` and its twin.
pub fn hazard_year(plan: &Scenario, year: u64, prefix: Prefix) -> HazardYear {
    year_of(plan, year, prefix, false)
}

/// Like [`hazard_year`], with the twin's own orders ([`HazardYear::normal`]).
pub fn hazard_year_with_orders(plan: &Scenario, year: u64, prefix: Prefix) -> HazardYear {
    year_of(plan, year, prefix, true)
}

fn year_of(plan: &Scenario, year: u64, prefix: Prefix, with_orders: bool) -> HazardYear {
    let s = plan.hazard_year();
    let twin_s = s.undisrupted();
    // A year no hazard can strike is its twin, exactly.
    let (struck, twin) = if s.disruptions.is_empty() {
        (None, simulate(&twin_s, year))
    } else {
        let (struck, twin) = with_twin(&s, year, prefix, &Silent);
        (Some(struck), twin)
    };
    let running = RunSummary::with_replication(&twin_s, &twin, year).running_cost;
    // The twin's orders over the year, walked once: for its own figures
    // and for what the struck year lost beyond them.
    let twin_orders = orders_within(&s, &twin, s.warmup, s.horizon);
    let normal = with_orders.then_some(twin_orders);
    let disrupted = struck.as_ref().unwrap_or(&twin);
    let Counted {
        lost_sales,
        lateness_robot_h,
        extra_trucks,
        cost,
    } = counted_beyond(&s, disrupted, &twin, twin_orders, s.warmup, s.horizon);
    let on_time_share =
        Some(ServiceSummary::new(disrupted).on_time_share).filter(|v| v.is_finite());
    HazardYear {
        year,
        events: disrupted.disruptions.len(),
        robots_behind: twin.completed as i64 - disrupted.completed as i64,
        lost_sales,
        lateness_robot_h,
        extra_trucks,
        loss: cost,
        running,
        normal,
        on_time_share,
    }
}
