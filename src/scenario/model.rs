//! The validated scenario: names resolved to indices, spans in seconds, every
//! number checked. The simulation reads only this.

use serde::{Deserialize, Serialize};

use super::closed::Window;
use super::design::DesignSpace;
use super::ids::{PartId, RouteId, StationId, SupplierId};
use super::shifts::WorkCalendar;
use crate::time::Seconds;

/// A checked, self-contained scenario ready to simulate.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scenario {
    /// Name shown in reports (default: the file's name without extension).
    pub name: String,
    /// Free text shown in reports (default empty).
    pub description: String,
    /// Where it was read from ("<embedded baseline>" for the built-in one).
    pub source: String,
    /// Simulated time [s]; completions before it count.
    pub horizon: Seconds,
    /// Steady-state figures start here [s].
    pub warmup: Seconds,
    /// Base seed of every random stream.
    pub seed: u64,
    /// Longest accounting window of a disruption [s]; `None`: to the horizon.
    #[serde(default)]
    pub accounting_window: Option<Seconds>,
    /// Parts of the bill of materials, indexed by `PartId`.
    pub parts: Vec<Part>,
    /// Suppliers, indexed by `SupplierId`.
    pub suppliers: Vec<Supplier>,
    /// Truck routes, indexed by `RouteId`.
    pub routes: Vec<Route>,
    /// The integration line.
    pub line: Line,
    /// Disruptions, those of `add_disruptions` included.
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
    /// What may strike in a hazard year.
    #[serde(default)]
    pub hazards: Vec<Hazard>,
    /// The design space `taktline plan` searches, where the file gives one.
    #[serde(default)]
    pub plan: Option<DesignSpace>,
}

/// A hazard, validated: effects arriving as a Poisson process, seasonal
/// where the file gives monthly weights.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hazard {
    /// Name shown in reports; its random streams are named after it.
    pub name: String,
    /// The node it strikes, by name.
    pub node: String,
    /// Expected events per year.
    pub per_year: f64,
    /// Each month's share of the year's events (sum 1), January first;
    /// `None`: in proportion to the month's length.
    pub monthly_shares: Option<[f64; 12]>,
    /// Length of each event [s].
    pub duration: Dist,
    /// What each event does while it lasts.
    pub effects: Vec<Effect>,
}

/// When in the year random arrivals come: the month shares of a hazard,
/// the year starting (1 January) at `year_start`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Season {
    /// The instant of 1 January [s].
    pub year_start: Seconds,
    /// Expected events in each month, January first [events].
    pub per_month: [f64; 12],
}

/// Money, validated: per-part and per-route figures by index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Costs {
    /// Label shown beside every amount.
    pub currency: String,
    /// Per part [money/unit].
    pub part_values: Vec<f64>,
    /// [1/year]
    pub holding_rate_per_year: f64,
    /// Whether stock on trucks is held too (else factory on-hand only).
    pub hold_in_transit: bool,
    /// [money/robot]
    pub margin_per_robot: f64,
    /// [money/robot-h]
    pub lateness_per_robot_hour: f64,
    /// An order not completed this long after it fell due is lost [s];
    /// `None`: never.
    #[serde(default)]
    pub lost_after: Option<Seconds>,
    /// Per route [money/truck].
    pub per_truck: Vec<f64>,
    /// [money/h] of the line's overtime.
    #[serde(default)]
    pub overtime_per_hour: f64,
    /// Per supplier [money/unit] (0 where not given).
    #[serde(default)]
    pub unit_price: Vec<f64>,
    /// Standby fees of contingent routes or suppliers: (name, money/year),
    /// in name order.
    #[serde(default)]
    pub standby_per_year: Vec<(String, f64)>,
}

/// A node of the network for the stress test: what fails together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Name of the supplier, route, line station or group.
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
    /// The same scenario with only outages of several nodes, all from
    /// `start`, each lasting its own duration (the reverse stress test's
    /// failures together).
    pub fn with_outages(&self, outages: &[(&Node, Seconds)], start: Seconds) -> Scenario {
        Scenario {
            disruptions: outages
                .iter()
                .map(|&(node, duration)| Disruption {
                    name: node.name.clone(),
                    timing: Timing::Scheduled { start, duration },
                    effects: node.effects.clone(),
                })
                .collect(),
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

    /// What its undisrupted twin simulates, as text: equal for two
    /// scenarios exactly when their twins are the same run (the names,
    /// description and source file do not enter a run).
    pub fn twin_key(&self) -> String {
        let twin = Scenario {
            name: String::new(),
            description: String::new(),
            source: String::new(),
            // What a plan search may change does not change a run.
            plan: None,
            ..self.undisrupted()
        };
        // A scenario that cannot be written out shares with nothing.
        serde_json::to_string(&twin).unwrap_or_else(|e| format!("unwritable: {e}: {self:p}"))
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

    /// The currency its costs are in ("" without costs).
    pub fn currency(&self) -> &str {
        self.costs.as_ref().map_or("", |c| c.currency.as_str())
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
    /// Name, as in the file.
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
    /// Name, as in the file.
    pub name: String,
    /// The one part it makes.
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
    /// Latitude, north [degrees].
    pub lat: f64,
    /// Longitude, east [degrees].
    pub lon: f64,
}

/// A truck route from a supplier to the factory.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Route {
    /// Name, as in the file.
    pub name: String,
    /// The supplier the trucks load at.
    pub supplier: SupplierId,
    /// The supplier's part.
    pub part: PartId,
    /// First departure instant [s].
    pub first_departure: Seconds,
    /// Departure period [s].
    pub every: Seconds,
    /// Truck capacity [units].
    pub truck_capacity: u64,
    /// Transit time, one draw per departure [s].
    pub transit: Dist,
    /// Order-up-to level on the part's inventory position [units].
    pub order_up_to: u64,
    /// When the route ships, and how much.
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
    PeriodicReorder {
        /// Reorder point s [units].
        reorder_point: u64,
    },
    /// (s, S): an order up to S whenever the position falls to s; the
    /// truck leaves `lead_time` [s] after the order.
    Continuous {
        /// Reorder point s [units].
        reorder_point: u64,
        /// From the order to the truck's departure [s].
        lead_time: Seconds,
    },
    /// Expediting: a truck at once when on-hand falls below `below`, at
    /// most once per `min_gap` [s].
    Emergency {
        /// On-hand stock of the part below which a truck leaves [units].
        below: u64,
        /// Shortest time between two emergency trucks [s].
        min_gap: Seconds,
    },
    /// A contingent backup: ships only while `primary` is closed or its
    /// supplier out, or while the inventory position is below `trigger`.
    Backup {
        /// The route it backs up (same part).
        primary: RouteId,
        /// Inventory position below which it ships anyway [units]; 0: only
        /// while the primary is down.
        trigger: u64,
    },
    /// A share in [0, 1] of each order of the part, placed once for all its
    /// split routes (same timetable and S; shares sum to 1).
    Split {
        /// Share of each order this route carries, in [0, 1].
        share: f64,
    },
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
    /// Always this value [s].
    Fixed(Seconds),
    /// Exponential with this mean.
    Exponential {
        /// Mean [s].
        mean: Seconds,
    },
    /// Lognormal by its mean and coefficient of variation (cv 0 is `Fixed`).
    LogNormal {
        /// Mean [s].
        mean: Seconds,
        /// Coefficient of variation: standard deviation / mean.
        cv: f64,
    },
    /// Uniform between `min` and `max`.
    Uniform {
        /// Lower bound [s].
        min: Seconds,
        /// Upper bound [s].
        max: Seconds,
    },
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
    Conwip {
        /// Robots kept in the line [robots].
        wip: u32,
    },
}

/// The integration line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Line {
    /// Target time between completions [s].
    pub takt: Seconds,
    /// How robots enter the line.
    pub release: Release,
    /// Synchronous paced line: all stations index together.
    pub paced: bool,
    /// Stations in series, first to last (rework is not one of them).
    pub stations: Vec<Station>,
    /// The test station and rework; `None`: no test.
    pub test: Option<Test>,
    /// Planned downtime windows [s], as validated; the simulation follows
    /// `work`, which already includes them.
    pub planned_downtime: Vec<Window>,
    /// Where the factory is on the map, if the scenario says.
    pub location: Option<Location>,
    /// When the line works: its calendar less its planned downtime; `None`
    /// when it always works.
    #[serde(default)]
    pub work: Option<WorkCalendar>,
    /// Overtime when behind at the end of working time; `None`: none.
    #[serde(default)]
    pub overtime: Option<Overtime>,
    /// The lead time promised to the customer [s], as the scenario says;
    /// `None`: the line's touch time (see [`Line::promised_lead_time`]).
    #[serde(default)]
    pub promise: Option<Seconds>,
    /// Robot models; empty for one model, the stations as written.
    #[serde(default)]
    pub models: Vec<Model>,
    /// How models are released (`None` without models).
    #[serde(default)]
    pub mix: Option<Mix>,
}

impl Line {
    /// The lead time promised to the customer [s]: the scenario's, or the
    /// line's touch time (its stations' mean process times summed), the
    /// least a robot can take through an empty line.
    pub fn promised_lead_time(&self) -> Seconds {
        self.promise
            .unwrap_or_else(|| self.stations.iter().map(|s| s.process.mean()).sum())
    }
}

/// A robot model: its parts and process time at each line station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Name, as in the file.
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
    /// Name, as in the file.
    pub name: String,
    /// What the station does, for reports.
    pub title: String,
    /// Input buffer slots; `None` = unbounded.
    pub buffer: Option<usize>,
    /// Parallel identical servers.
    pub servers: usize,
    /// (part, units) taken at start.
    pub consumes: Vec<(PartId, u32)>,
    /// Processing time per robot [s].
    pub process: Dist,
    /// Operation-dependent failures; `None`: it never fails.
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
    /// Name of the off-line rework station.
    pub rework_name: String,
    /// Rework time per robot [s].
    pub rework_process: Dist,
}

/// A disruption with its effects.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Disruption {
    /// Name shown in reports.
    pub name: String,
    /// When it happens.
    pub timing: Timing,
    /// What it does while it lasts.
    pub effects: Vec<Effect>,
}

/// When a disruption happens.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub enum Timing {
    /// A known window [s].
    Scheduled {
        /// Start instant [s].
        start: Seconds,
        /// How long it lasts [s] (zero allowed).
        duration: Seconds,
    },
    /// Poisson arrivals with mean gap [s] and a duration distribution.
    Random {
        /// Mean time between arrivals [s].
        mean_between: Seconds,
        /// Length of each occurrence [s].
        duration: Dist,
        /// For a hazard: arrivals by month instead of at a constant rate.
        #[serde(default)]
        season: Option<Season>,
    },
}

/// One effect of a disruption, on the item it names.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// The supplier produces nothing.
    SupplierOutage(SupplierId),
    /// No truck departs on the route; departures wait for the end.
    RouteClosure(RouteId),
    /// Transit times of departures inside the window are multiplied by `factor`.
    RouteSlowdown {
        /// The route slowed.
        route: RouteId,
        /// Transit-time multiplier (> 0).
        factor: f64,
    },
    /// The station is down (a forced repair window).
    StationDown(StationId),
    /// Production at `factor` of the rate.
    SupplierSlowdown {
        /// The supplier slowed.
        supplier: SupplierId,
        /// Share of its rate kept, in (0, 1].
        factor: f64,
    },
    /// Processing at `factor` of the speed.
    StationSlowdown {
        /// The station slowed.
        station: StationId,
        /// Share of its speed kept, in (0, 1].
        factor: f64,
    },
}

/// What an effect hits: a supplier, a route or a station.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A supplier.
    Supplier(SupplierId),
    /// A route.
    Route(RouteId),
    /// A station.
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
