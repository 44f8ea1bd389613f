//! The scenario file exactly as written in RON, before names are resolved and
//! numbers checked. Every field is documented in `scenarios/README.md`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::time::Span;

/// A whole scenario file. With `extends`, every top-level field given here
/// replaces the base file's field of the same name; `add_disruptions` is
/// appended to the base's disruptions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct ScenarioFile {
    /// Path of a base scenario, relative to this file.
    #[serde(default)]
    pub extends: Option<String>,
    /// Human-readable name shown in reports.
    #[serde(default)]
    pub name: Option<String>,
    /// Free text shown in reports.
    #[serde(default)]
    pub description: Option<String>,
    /// Horizon, warm-up and seed.
    #[serde(default)]
    pub run: Option<RunFile>,
    /// Parts with their bill-of-materials quantity and factory stock at t = 0.
    #[serde(default)]
    pub parts: Option<Vec<PartFile>>,
    /// Suppliers, one part each.
    #[serde(default)]
    pub suppliers: Option<Vec<SupplierFile>>,
    /// Truck routes from suppliers to the factory.
    #[serde(default)]
    pub routes: Option<Vec<RouteFile>>,
    /// Working calendars, named, for the line, suppliers and routes.
    #[serde(default)]
    pub calendars: Option<Vec<CalendarFile>>,
    /// The integration line.
    #[serde(default)]
    pub line: Option<LineFile>,
    /// Disruptions (replaces the base's list when given).
    #[serde(default)]
    pub disruptions: Option<Vec<DisruptionFile>>,
    /// Disruptions appended to the base's list.
    #[serde(default)]
    pub add_disruptions: Vec<DisruptionFile>,
    /// Money: part values, holding rate, margin, lateness penalty, freight.
    #[serde(default)]
    pub costs: Option<CostsFile>,
    /// The stress test's settings: outage start, each node's time to
    /// recover, and named groups of nodes.
    #[serde(default)]
    pub stress: Option<StressFile>,
    /// Hazards: what may strike in a year, how often and when; simulated
    /// only in hazard years (`taktline compare`).
    #[serde(default)]
    pub hazards: Option<Vec<HazardFile>>,
    /// The design space `taktline plan` searches: levers, constraints and
    /// the indifference zone of its selection.
    #[serde(default)]
    pub plan: Option<PlanFile>,
    /// Parameters set by path (as `sweep --vary` writes them) on top of
    /// this file and its bases, in order: how a plan found by `taktline
    /// plan` extends the scenario it was found for.
    #[serde(default)]
    pub set: Vec<(String, String)>,
}

/// The design space of `taktline plan` (also a file of its own, `--space`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Plan")]
pub struct PlanFile {
    /// What the search may change.
    pub levers: Vec<LeverFile>,
    /// The indifference zone of the selection: a difference of total
    /// annual cost smaller than this does not matter [money/year].
    pub delta: f64,
    /// Every stress node's outage of its TTR may lose at most this many
    /// robots in 95% of replications (default: no such constraint).
    #[serde(default)]
    pub lose_at_most: Option<f64>,
    /// The nodes `lose_at_most` applies to (default: every stress node).
    #[serde(default)]
    pub nodes: Option<Vec<String>>,
    /// The running cost may be at most this [money/year].
    #[serde(default)]
    pub running_at_most: Option<f64>,
}

/// One lever of a design space: a parameter path and its values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeverFile {
    /// A parameter path as `taktline sweep --vary` takes it.
    pub path: String,
    /// Its values: a list `a,b,c` or a range `FROM..TO:STEP`, as for `--vary`.
    pub values: String,
}

/// A hazard: a node's outage arriving at random, so many times a year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HazardFile {
    /// Name shown in reports; also names its random streams.
    pub name: String,
    /// The supplier, route, station or stress group it strikes.
    pub node: String,
    /// Expected events per year [1/year]; 0 allowed (it never strikes).
    pub per_year: f64,
    /// Relative weight of each month, January first (12 numbers >= 0, not
    /// all 0); default: every day alike.
    #[serde(default)]
    pub monthly_weights: Option<Vec<f64>>,
    /// How long each event lasts.
    pub duration: DistFile,
    /// Share of its capacity the node keeps while struck, in [0, 1)
    /// (default 0: an outage, a closure, a station down).
    #[serde(default)]
    pub capacity: Option<f64>,
}

/// Money, all optional figures in one currency.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostsFile {
    /// Shown beside every amount (default "").
    #[serde(default)]
    pub currency: String,
    /// Value of one unit of each part [money/unit].
    #[serde(default, deserialize_with = "unique_keys")]
    pub part_values: BTreeMap<String, f64>,
    /// Holding cost per year, as a share of the stock's value [1/year].
    #[serde(default)]
    pub holding_rate_per_year: f64,
    /// Whether stock on trucks is held too (default false: factory on-hand only).
    #[serde(default)]
    pub hold_in_transit: bool,
    /// Margin of one robot: what a lost sale costs [money].
    #[serde(default)]
    pub margin_per_robot: f64,
    /// Penalty per robot-hour of an order's lateness [money/robot-h].
    #[serde(default)]
    pub lateness_per_robot_hour: f64,
    /// An order not completed this long after it fell due is a lost sale
    /// (default: never lost).
    #[serde(default)]
    pub lost_after: Option<Span>,
    /// Cost of each truck that leaves, per route [money/truck].
    #[serde(default, deserialize_with = "unique_keys")]
    pub per_truck: BTreeMap<String, f64>,
    /// Cost of an hour of the line's overtime [money/h].
    #[serde(default)]
    pub overtime_per_hour: f64,
    /// Purchase price of a unit from each supplier [money/unit]; default 0
    /// (a dearer second source costs its premium on what it ships).
    #[serde(default, deserialize_with = "unique_keys")]
    pub unit_price: BTreeMap<String, f64>,
    /// Standby fee per year of a contingent route or supplier, by name
    /// [money/year]: what keeping the option open costs, used or not.
    #[serde(default, deserialize_with = "unique_keys")]
    pub standby_per_year: BTreeMap<String, f64>,
}

/// The stress test's settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StressFile {
    /// When every node's outage starts (default "10d").
    #[serde(default)]
    pub start: Option<Span>,
    /// Time to recover of a node not listed in `ttr` (default "72h").
    #[serde(default)]
    pub default_ttr: Option<Span>,
    /// Time to recover per node name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub ttr: BTreeMap<String, Span>,
    /// Named groups of nodes that fail together (a region: its supplier
    /// and its route).
    #[serde(default)]
    pub groups: Vec<GroupFile>,
}

/// A named group of nodes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    /// The group's node name; must differ from every other node's.
    pub name: String,
    /// Names of suppliers, routes and stations.
    pub members: Vec<String>,
}

/// A working calendar: daily shifts on some weekdays, less holidays.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    /// Name, referenced by the line's, a supplier's or a route's `calendar`.
    pub name: String,
    /// Daily working windows, "HH:MM-HH:MM" (an end at or before the start
    /// runs past midnight); default the whole day.
    #[serde(default)]
    pub shifts: Option<Vec<String>>,
    /// Working weekdays; default every day.
    #[serde(default)]
    pub days: Option<Vec<Weekday>>,
    /// Closed windows (holidays), whatever the shifts say.
    #[serde(default)]
    pub holidays: Vec<WindowFile>,
}

/// A day of the week (t = 0 is Monday 00:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

/// Overtime: the line works on past the end of its working time when the
/// schedule is behind.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OvertimeFile {
    /// Overtime starts at the end of working time when the backlog (robots
    /// due but not completed) is above this [robots].
    pub backlog_above: u64,
    /// How long the line works on at most each time.
    pub up_to: Span,
}

/// Run length and randomness.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunFile {
    /// Simulated time; what completes before it counts.
    pub horizon: Span,
    /// Per-day and steady-state figures start here (default 1d).
    #[serde(default)]
    pub warmup: Option<Span>,
    /// Base seed of every random stream (default 1).
    #[serde(default)]
    pub seed: Option<u64>,
    /// A disruption's counted figures (robots lost, delay, lost sales,
    /// cost) run from its start to the catch-up, and at most this long
    /// (default: to the horizon).
    #[serde(default)]
    pub accounting_window: Option<Span>,
}

/// A part of the robot's bill of materials.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartFile {
    /// Name, referenced by suppliers, stations, models and costs.
    pub name: String,
    /// Units per finished robot [units]; 0 for a supplier's input (tier 2).
    pub per_robot: u32,
    /// On-hand stock at t = 0 [units]: at the factory, or for a supplier's
    /// input at the supplier that needs it.
    #[serde(default)]
    pub on_hand: u64,
}

/// A supplier producing one part at a constant rate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierFile {
    /// Name, referenced by routes and disruptions; a node of the stress test.
    pub name: String,
    /// The one part it makes (a name in `parts`).
    pub part: String,
    /// Production rate while up and below the cap [units/h].
    pub rate_per_h: f64,
    /// Finished-goods stock cap [units].
    pub fg_cap: u64,
    /// Finished-goods stock at t = 0 [units].
    #[serde(default)]
    pub fg_initial: u64,
    /// Where the site is, `(latitude, longitude)` in degrees (the viewer's
    /// map); without it the viewer places the site by its transit time.
    #[serde(default)]
    pub location: Option<(f64, f64)>,
    /// After an outage, production climbs linearly from zero back to the
    /// full rate over this time (default: at once).
    #[serde(default)]
    pub ramp_up: Option<Span>,
    /// The supplier's working calendar (a name in `calendars`): it
    /// produces only in working time. Default: always.
    #[serde(default)]
    pub calendar: Option<String>,
    /// Tier-2 inputs: units of each part one unit of this supplier's part
    /// takes. The supplier holds that part's stock (the part's `on_hand`)
    /// and stops when it runs out; routes of that part deliver here.
    #[serde(default, deserialize_with = "unique_keys")]
    pub needs: BTreeMap<String, u32>,
}

/// A truck route with periodic order-up-to replenishment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteFile {
    /// Name, referenced by disruptions, costs and backup routes.
    pub name: String,
    /// The supplier the trucks load at.
    pub from: String,
    /// First departure (an instant, e.g. "8h" for Monday 08:00).
    pub first_departure: Span,
    /// Time between departures.
    pub every: Span,
    /// Most units one truck carries [units].
    pub truck_capacity: u64,
    /// Transit time distribution.
    pub transit: DistFile,
    /// Order-up-to level S on the part's inventory position [units].
    pub order_up_to: u64,
    /// How the route reviews the inventory position (default `Periodic`).
    #[serde(default)]
    pub policy: PolicyFile,
    /// The route's working calendar: a departure outside working time
    /// leaves at the next working instant. Default: always.
    #[serde(default)]
    pub calendar: Option<String>,
}

/// A route's replenishment policy.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum PolicyFile {
    /// (R, S): at every departure, order up to S.
    #[default]
    Periodic,
    /// (R, s, S): at a departure, order up to S only if the inventory
    /// position is at or below the reorder point s.
    PeriodicReorder {
        /// Reorder point s [units].
        reorder_point: u64,
    },
    /// (s, S): whenever the inventory position falls to s or below, order
    /// up to S; the truck leaves `lead_time` later (no fixed schedule).
    Continuous {
        /// Reorder point s [units].
        reorder_point: u64,
        /// From the order to the truck's departure.
        lead_time: Span,
    },
    /// Emergency orders (expediting): whenever factory on-hand falls below
    /// `below`, at most once per `min_gap`, a truck leaves at once (the
    /// route's own, faster transit; its cost per truck carries the premium).
    Emergency {
        /// On-hand stock of the part below which a truck leaves [units].
        below: u64,
        /// Shortest time between two emergency trucks.
        min_gap: Span,
    },
    /// A contingent backup: on its timetable it ships (as (R, S)) only
    /// while the `primary` route is closed or its supplier is out, or while
    /// the part's inventory position is below `trigger`.
    Backup {
        /// Name of the route it backs up (same part).
        primary: String,
        /// Inventory position below which it ships anyway [units]; 0: only
        /// while the primary is down.
        trigger: u64,
    },
    /// A split of each order between suppliers: on the common timetable of
    /// the part's split routes, the gap up to S is ordered once and this
    /// route carries `share` of it (the shares of a part sum to 1).
    Split {
        /// Share of each order this route carries, in [0, 1].
        share: f64,
    },
}

/// A distribution of durations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum DistFile {
    /// Always the same value.
    Fixed(Span),
    /// Exponential with the given mean.
    Exponential {
        /// The mean.
        mean: Span,
    },
    /// Lognormal given by its mean and coefficient of variation (cv 0 = fixed).
    LogNormal {
        /// The mean.
        mean: Span,
        /// Coefficient of variation: standard deviation / mean (>= 0).
        cv: f64,
    },
    /// Uniform between min and max.
    Uniform {
        /// Lower bound.
        min: Span,
        /// Upper bound.
        max: Span,
    },
}

/// The integration line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineFile {
    /// Target time between completed robots; also the takt release interval.
    pub takt: Span,
    /// How robots enter the line (default `Takt`).
    #[serde(default)]
    pub release: Option<ReleaseFile>,
    /// All stations index together each takt (default false).
    #[serde(default)]
    pub paced: bool,
    /// Stations in series, first to last.
    pub stations: Vec<StationFile>,
    /// The test station, its yield and the off-line rework station.
    #[serde(default)]
    pub test: Option<TestFile>,
    /// Planned downtime windows in which the whole line stops.
    #[serde(default)]
    pub planned_downtime: Vec<WindowFile>,
    /// Where the factory is, `(latitude, longitude)` in degrees.
    #[serde(default)]
    pub location: Option<(f64, f64)>,
    /// The line's working calendar: it works, and robots fall due, only in
    /// working time. Default: always (less planned downtime).
    #[serde(default)]
    pub calendar: Option<String>,
    /// Overtime when behind schedule at the end of working time.
    #[serde(default)]
    pub overtime: Option<OvertimeFile>,
    /// The lead time promised to the customer: an order due to start at t
    /// is promised for t plus this (working time under a calendar).
    /// Default: the line's touch time (its stations' mean process times).
    #[serde(default)]
    pub promised_lead_time: Option<Span>,
    /// Robot models sharing the line (default: one, the stations as written).
    #[serde(default)]
    pub models: Vec<ModelFile>,
    /// Which model each released robot is (required with models).
    #[serde(default)]
    pub mix: Option<MixFile>,
}

/// A robot model: what it takes and how long it takes at the stations it
/// names; the others as the stations are written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    /// Name, referenced by `mix`.
    pub name: String,
    /// Per station name: this model's parts and process time there.
    #[serde(default, deserialize_with = "unique_keys")]
    pub stations: BTreeMap<String, ModelStationFile>,
}

/// A model's work at one station.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelStationFile {
    /// Parts taken at start (replaces the station's `consumes`).
    #[serde(default, deserialize_with = "unique_keys_opt")]
    pub consumes: Option<BTreeMap<String, u32>>,
    /// Processing time (replaces the station's `process`).
    #[serde(default)]
    pub process: Option<DistFile>,
}

/// How models are released.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum MixFile {
    /// A repeating sequence of model names: robot n is `sequence[n mod len]`.
    Sequence(Vec<String>),
    /// Random, each robot independently, with these shares (summing to 1).
    Shares(#[serde(deserialize_with = "unique_keys")] BTreeMap<String, f64>),
}

/// How robots are released into the line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ReleaseFile {
    /// The n-th robot is due at n x takt.
    Takt,
    /// Inter-arrival times drawn from a distribution.
    Random(DistFile),
    /// A fixed number of robots in the line: each completion releases one.
    Conwip {
        /// Robots kept in the line [robots].
        wip: u32,
    },
}

/// One station of the line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StationFile {
    /// Name, referenced by the test, models and disruptions.
    pub name: String,
    /// What the station does, for reports.
    #[serde(default)]
    pub title: String,
    /// Slots in the input buffer before this station: a number or "unbounded"
    /// (default 0: a robot goes straight from the previous station).
    #[serde(default)]
    pub buffer: BufferFile,
    /// Identical servers working in parallel (default 1).
    #[serde(default)]
    pub servers: Option<u32>,
    /// Parts taken from factory stock when a robot starts here [units];
    /// a part named twice is an error, not "the last one wins".
    #[serde(default, deserialize_with = "unique_keys")]
    pub consumes: BTreeMap<String, u32>,
    /// Processing time per robot.
    pub process: DistFile,
    /// Operation-dependent failures.
    #[serde(default)]
    pub failures: Option<FailuresFile>,
}

/// Exponential time between failures (counted in processing time) and repair.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailuresFile {
    /// Mean operating time between failures.
    pub mtbf: Span,
    /// Mean time to repair.
    pub mttr: Span,
}

/// Input buffer capacity: a slot count or `"unbounded"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BufferFile {
    /// A buffer of this many slots [robots].
    Slots(u64),
    /// No limit (written `"unbounded"`).
    Unbounded,
}

impl Default for BufferFile {
    fn default() -> Self {
        BufferFile::Slots(0)
    }
}

impl<'de> Deserialize<'de> for BufferFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = BufferFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of slots or \"unbounded\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<BufferFile, E> {
                Ok(BufferFile::Slots(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<BufferFile, E> {
                u64::try_from(v)
                    .map(BufferFile::Slots)
                    .map_err(|_| E::custom(format!("buffer size {v} is negative")))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<BufferFile, E> {
                match v {
                    "unbounded" => Ok(BufferFile::Unbounded),
                    _ => Err(E::custom(format!(
                        "buffer {v:?}: expected a number of slots or \"unbounded\""
                    ))),
                }
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The test station and what happens to robots that fail it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestFile {
    /// Name of the station that tests.
    pub station: String,
    /// Probability that a robot passes a test.
    pub first_pass_yield: f64,
    /// Probability that a robot failing the test is scrapped instead of
    /// reworked (default 0).
    #[serde(default)]
    pub scrap: f64,
    /// The off-line rework station.
    pub rework: ReworkFile,
}

/// The off-line rework station (unbounded FIFO queue, one server, no failures).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReworkFile {
    /// Name of the rework station; must differ from every line station's.
    pub name: String,
    /// Rework time per robot.
    pub process: DistFile,
}

/// A time window, optionally repeating.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowFile {
    /// Start of the first occurrence (an instant).
    pub start: Span,
    /// Length of each occurrence.
    pub duration: Span,
    /// Repeat period (e.g. "1d"); none = once.
    #[serde(default)]
    pub every: Option<Span>,
}

/// A disruption of the supply chain or the line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum DisruptionFile {
    /// Known start and duration.
    Scheduled {
        /// Name shown in reports; unique among disruptions.
        name: String,
        /// Start (an instant).
        start: Span,
        /// How long it lasts (zero allowed).
        duration: Span,
        /// What it does while it lasts.
        effects: Vec<EffectFile>,
    },
    /// Poisson arrivals with a random duration.
    Random {
        /// Name shown in reports; unique among disruptions.
        name: String,
        /// Mean time between arrivals.
        mean_between: Span,
        /// Length of each occurrence.
        duration: DistFile,
        /// What it does while it lasts.
        effects: Vec<EffectFile>,
    },
}

/// What a disruption does while it lasts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EffectFile {
    /// The supplier produces nothing.
    SupplierOutage(String),
    /// No truck departs on the route; departures wait for the end.
    RouteClosure(String),
    /// Transit times of departures inside the window are multiplied.
    RouteSlowdown {
        /// The route (a name in `routes`).
        route: String,
        /// Transit-time multiplier (> 0).
        factor: f64,
    },
    /// The station is down (a forced repair window).
    StationDown(String),
    /// The supplier produces at `factor` (in (0, 1]) of its rate.
    SupplierSlowdown {
        /// The supplier (a name in `suppliers`).
        supplier: String,
        /// Share of its rate kept, in (0, 1].
        factor: f64,
    },
    /// The station processes at `factor` (in (0, 1]) of its speed.
    StationSlowdown {
        /// The line station (a name in `line.stations`).
        station: String,
        /// Share of its speed kept, in (0, 1].
        factor: f64,
    },
}

/// A map whose keys must all differ: a name given twice is an error at its
/// place, not the last value silently kept.
fn unique_keys<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map of names to values, each name once")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            // The key is checked before its value is read, so the error
            // stands at the repeated key, not after its value.
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "{key:?} is named twice; give each once"
                    )));
                }
                let value = map.next_value::<V>()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(std::marker::PhantomData))
}

/// [`unique_keys`] for an optional map.
fn unique_keys_opt<'de, D, V>(d: D) -> Result<Option<BTreeMap<String, V>>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    unique_keys(d).map(Some)
}
