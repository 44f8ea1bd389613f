//! The validated scenario: names resolved to indices, spans in seconds, every
//! number checked. The simulation reads only this.

use serde::{Deserialize, Serialize};

use super::ids::{PartId, RouteId, StationId, SupplierId};
use super::shifts::WorkCalendar;
use crate::time::Seconds;

/// A checked, self-contained scenario ready to simulate.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    /// Where it was read from ("<embedded baseline>" for the built-in one).
    pub source: String,
    /// Simulated time [s]; completions before it count.
    pub horizon: Seconds,
    /// Steady-state figures start here [s].
    pub warmup: Seconds,
    /// Base seed of every random stream.
    pub seed: u64,
    pub parts: Vec<Part>,
    pub suppliers: Vec<Supplier>,
    pub routes: Vec<Route>,
    pub line: Line,
    pub disruptions: Vec<Disruption>,
    /// Money; `None` when the scenario gives no costs.
    #[serde(default)]
    pub costs: Option<Costs>,
    /// The stress test's settings (defaults when the file gives none).
    #[serde(default)]
    pub stress: Stress,
    /// Working calendars of suppliers and routes, by index.
    #[serde(default)]
    pub calendars: Vec<WorkCalendar>,
}

/// Money, validated: per-part and per-route figures by index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Costs {
    pub currency: String,
    /// Per part [money/unit].
    pub part_values: Vec<f64>,
    /// [1/year]
    pub holding_rate_per_year: f64,
    pub hold_in_transit: bool,
    /// [money/robot]
    pub margin_per_robot: f64,
    /// [money/robot-h]
    pub lateness_per_robot_hour: f64,
    /// Per route [money/truck].
    pub per_truck: Vec<f64>,
    /// [money/h] of the line's overtime.
    #[serde(default)]
    pub overtime_per_hour: f64,
}

/// A node of the network for the stress test: what fails together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub name: String,
    /// The effects of its outage.
    pub effects: Vec<Effect>,
    /// Time to recover: how long the node takes to work again [s].
    pub ttr: Seconds,
}

impl Node {
    /// The same node keeping `factor` of its capacity instead of failing
    /// outright: a supplier at that share of its rate, a station at that
    /// share of its speed, a route's trucks taking 1 / `factor` as long.
    pub fn at_capacity(&self, factor: f64) -> Node {
        let effects = self
            .effects
            .iter()
            .map(|&e| match e {
                Effect::SupplierOutage(supplier) => Effect::SupplierSlowdown { supplier, factor },
                Effect::StationDown(station) => Effect::StationSlowdown { station, factor },
                Effect::RouteClosure(route) => Effect::RouteSlowdown {
                    route,
                    factor: 1.0 / factor,
                },
                other => other,
            })
            .collect();
        Node {
            effects,
            ..self.clone()
        }
    }
}

/// The stress test's settings, validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stress {
    /// When every outage starts [s].
    pub start: Seconds,
    /// Every node: suppliers, routes, line stations, then the groups.
    pub nodes: Vec<Node>,
}

impl Default for Stress {
    fn default() -> Self {
        Stress {
            start: 10.0 * crate::time::DAY,
            nodes: Vec::new(),
        }
    }
}
impl Scenario {
    /// The same scenario with one scheduled outage of `node` from `start`,
    /// lasting `duration`, and no other disruption.
    pub fn with_outage(&self, node: &Node, start: Seconds, duration: Seconds) -> Scenario {
        Scenario {
            disruptions: vec![Disruption {
                name: node.name.clone(),
                timing: Timing::Scheduled { start, duration },
                effects: node.effects.clone(),
            }],
            ..self.clone()
        }
    }

    /// The same scenario with every disruption removed: the undisrupted twin.
    pub fn undisrupted(&self) -> Scenario {
        Scenario {
            disruptions: Vec::new(),
            ..self.clone()
        }
    }

    /// The line's closed windows (off shift, planned downtime) within the
    /// horizon, as (start, end) [h].
    pub fn off_shift_hours(&self) -> Vec<(f64, f64)> {
        let Some(w) = &self.line.work else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut t = 0.0;
        while t < self.horizon {
            let next = w.next_change(t, self.horizon).unwrap_or(self.horizon);
            if !w.working(t) {
                out.push((t / crate::time::HOUR, next / crate::time::HOUR));
            }
            t = next;
        }
        out
    }

    /// The same scenario without overtime (what overtime recovered is
    /// measured against it).
    pub fn without_overtime(&self) -> Scenario {
        let mut s = self.clone();
        s.line.overtime = None;
        s
    }

    /// Names of the stations in simulation order: the line's, then rework.
    pub fn station_names(&self) -> impl Iterator<Item = &str> {
        self.line
            .stations
            .iter()
            .map(|s| s.name.as_str())
            .chain(self.line.test.as_ref().map(|t| t.rework_name.as_str()))
    }

    /// The name of the supplier that holds part `p` (a tier-2 input), or
    /// `None` for a part held at the factory.
    pub fn holder_of(&self, p: usize) -> Option<&str> {
        let h = self.parts[p].held_by?;
        Some(self.suppliers[h.index()].name.as_str())
    }

    /// Target completions per hour: 3600 / takt while the line works, so
    /// with a calendar (or planned downtime) the mean over the time after
    /// the warm-up.
    pub fn target_per_hour(&self) -> f64 {
        crate::time::HOUR / self.line.takt * self.working_share()
    }

    /// The share of the time after the warm-up in which the line works (1
    /// without a calendar or planned downtime).
    pub fn working_share(&self) -> f64 {
        match &self.line.work {
            Some(w) if self.horizon > self.warmup => {
                w.working_time(self.warmup, self.horizon) / (self.horizon - self.warmup)
            }
            _ => 1.0,
        }
    }
}

/// A part of the bill of materials.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    /// Units per robot (0 for a supplier's input).
    pub per_robot: u32,
    /// On-hand at t = 0 [units], where the part is held.
    pub on_hand: u64,
    /// The supplier that needs and holds this part (tier 2); `None` for a
    /// part of the robot, held at the factory.
    pub held_by: Option<SupplierId>,
}

/// A supplier making one part.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Supplier {
    pub name: String,
    pub part: PartId,
    /// Production rate [units/s].
    pub rate: f64,
    /// Finished-goods cap [units].
    pub fg_cap: u64,
    /// Finished-goods stock at t = 0 [units].
    pub fg_initial: u64,
    /// Where the site is on the map, if the scenario says.
    pub location: Option<Location>,
    /// Time to climb back to full rate after an outage [s], if not at once.
    pub ramp_up: Option<Seconds>,
    /// Inputs per unit made: (part, units); empty for a tier-2-free supplier.
    pub needs: Vec<(PartId, u32)>,
    /// Its working calendar (index into `Scenario::calendars`); `None`:
    /// always.
    #[serde(default)]
    pub calendar: Option<usize>,
}

/// A place on the map [degrees].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
}

/// A truck route from a supplier to the factory.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Route {
    pub name: String,
    pub supplier: SupplierId,
    /// The supplier's part.
    pub part: PartId,
    /// First departure instant [s].
    pub first_departure: Seconds,
    /// Departure period [s].
    pub every: Seconds,
    /// Truck capacity [units].
    pub truck_capacity: u64,
    pub transit: Dist,
    /// Order-up-to level on the part's inventory position [units].
    pub order_up_to: u64,
    pub policy: Policy,
    /// Its working calendar (index into `Scenario::calendars`); `None`:
    /// always.
    #[serde(default)]
    pub calendar: Option<usize>,
}

/// A route's replenishment policy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Policy {
    /// (R, S): every departure orders up to S.
    Periodic,
    /// (R, s, S): a departure orders up to S only at or below s.
    PeriodicReorder { reorder_point: u64 },
    /// (s, S): an order up to S whenever the position falls to s; the
    /// truck leaves `lead_time` [s] after the order.
    Continuous {
        reorder_point: u64,
        lead_time: Seconds,
    },
    /// Expediting: a truck at once when on-hand falls below `below`, at
    /// most once per `min_gap` [s].
    Emergency { below: u64, min_gap: Seconds },
    /// A contingent backup: ships only while `primary` is closed or its
    /// supplier out, or while the inventory position is below `trigger`.
    Backup { primary: RouteId, trigger: u64 },
    /// A share in [0, 1] of each order of the part, placed once for all its
    /// split routes (same timetable and S; shares sum to 1).
    Split { share: f64 },
}

impl Policy {
    /// Whether the route ships when stock tells it to, not on a timetable.
    pub fn on_demand(&self) -> bool {
        matches!(self, Policy::Continuous { .. } | Policy::Emergency { .. })
    }

    /// Whether the route ships only in trouble (emergency or backup), so
    /// its trucks are marked on the charts.
    pub fn contingent(&self) -> bool {
        matches!(self, Policy::Emergency { .. } | Policy::Backup { .. })
    }

    /// The reorder point s, if the policy has one.
    pub fn reorder_point(&self) -> Option<u64> {
        match *self {
            Policy::Periodic
            | Policy::Emergency { .. }
            | Policy::Backup { .. }
            | Policy::Split { .. } => None,
            Policy::PeriodicReorder { reorder_point }
            | Policy::Continuous { reorder_point, .. } => Some(reorder_point),
        }
    }
}

/// A distribution of durations [s].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Dist {
    Fixed(Seconds),
    Exponential { mean: Seconds },
    LogNormal { mean: Seconds, cv: f64 },
    Uniform { min: Seconds, max: Seconds },
}

impl Dist {
    /// The distribution's mean [s].
    pub fn mean(&self) -> Seconds {
        match *self {
            Dist::Fixed(v) => v,
            Dist::Exponential { mean } | Dist::LogNormal { mean, .. } => mean,
            Dist::Uniform { min, max } => 0.5 * (min + max),
        }
    }
}

/// How robots enter the line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Release {
    /// The n-th robot is due at n x takt.
    Takt,
    /// Random inter-arrival times.
    Random(Dist),
    /// Constant work in process: each completion releases the next robot.
    Conwip { wip: u32 },
}

/// The integration line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Line {
    /// Target time between completions [s].
    pub takt: Seconds,
    pub release: Release,
    /// Synchronous paced line: all stations index together.
    pub paced: bool,
    pub stations: Vec<Station>,
    pub test: Option<Test>,
    pub planned_downtime: Vec<Window>,
    /// Where the factory is on the map, if the scenario says.
    pub location: Option<Location>,
    /// When the line works: its calendar less its planned downtime; `None`
    /// when it always works.
    #[serde(default)]
    pub work: Option<WorkCalendar>,
    #[serde(default)]
    pub overtime: Option<Overtime>,
    /// Robot models; empty for one model, the stations as written.
    #[serde(default)]
    pub models: Vec<Model>,
    /// How models are released (`None` without models).
    #[serde(default)]
    pub mix: Option<Mix>,
}

/// A robot model: its parts and process time at each line station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub name: String,
    /// Per line station, (part, units) taken at start.
    pub consumes: Vec<Vec<(PartId, u32)>>,
    /// Per line station, its processing time.
    pub process: Vec<Dist>,
}

impl Model {
    /// Units of each part one robot of this model takes [units per part].
    pub fn bill_of_materials(&self, parts: usize) -> Vec<u64> {
        let mut bom = vec![0u64; parts];
        for &(p, n) in self.consumes.iter().flatten() {
            bom[p.index()] += u64::from(n);
        }
        bom
    }
}

/// Which model each released robot is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Mix {
    /// Robot n is model `sequence[n mod len]`.
    Sequence(Vec<usize>),
    /// Each robot drawn independently with these shares (by model).
    Shares(Vec<f64>),
}

/// Overtime, validated.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Overtime {
    /// Backlog above which the line works on [robots].
    pub backlog_above: u64,
    /// Longest stretch of overtime [s].
    pub up_to: Seconds,
}

/// One station of the line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Station {
    pub name: String,
    pub title: String,
    /// Input buffer slots; `None` = unbounded.
    pub buffer: Option<usize>,
    /// Parallel identical servers.
    pub servers: usize,
    /// (part, units) taken at start.
    pub consumes: Vec<(PartId, u32)>,
    pub process: Dist,
    pub failures: Option<Failures>,
}

/// Exponential failures counted in operating time, exponential repairs.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Failures {
    /// Mean operating time between failures [s].
    pub mtbf: Seconds,
    /// Mean time to repair [s].
    pub mttr: Seconds,
}

/// The test station and rework.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Test {
    /// The testing station.
    pub station: StationId,
    /// Probability of passing one test.
    pub first_pass_yield: f64,
    /// Probability that a failing robot is scrapped rather than reworked.
    pub scrap: f64,
    pub rework_name: String,
    pub rework_process: Dist,
}

/// A (possibly repeating) window of time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Window {
    pub start: Seconds,
    pub duration: Seconds,
    /// Repeat period; `None` = once.
    pub every: Option<Seconds>,
}

/// A disruption with its effects.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Disruption {
    pub name: String,
    pub timing: Timing,
    pub effects: Vec<Effect>,
}

/// When a disruption happens.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub enum Timing {
    /// A known window [s].
    Scheduled { start: Seconds, duration: Seconds },
    /// Poisson arrivals with mean gap [s] and a duration distribution.
    Random {
        mean_between: Seconds,
        duration: Dist,
    },
}

/// One effect of a disruption, on the item it names.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    SupplierOutage(SupplierId),
    RouteClosure(RouteId),
    RouteSlowdown {
        route: RouteId,
        factor: f64,
    },
    StationDown(StationId),
    /// Production at `factor` of the rate.
    SupplierSlowdown {
        supplier: SupplierId,
        factor: f64,
    },
    /// Processing at `factor` of the speed.
    StationSlowdown {
        station: StationId,
        factor: f64,
    },
}

/// What an effect hits: a supplier, a route or a station.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Supplier(SupplierId),
    Route(RouteId),
    Station(StationId),
}

impl Effect {
    /// The item the effect stops or slows.
    pub fn target(&self) -> Target {
        match *self {
            Effect::SupplierOutage(s) | Effect::SupplierSlowdown { supplier: s, .. } => {
                Target::Supplier(s)
            }
            Effect::RouteClosure(r) | Effect::RouteSlowdown { route: r, .. } => Target::Route(r),
            Effect::StationDown(k) | Effect::StationSlowdown { station: k, .. } => {
                Target::Station(k)
            }
        }
    }
}
