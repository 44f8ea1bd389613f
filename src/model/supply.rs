//! The supply chain at run time: suppliers, routes, trucks and factory stock.

use bevy::ecs::prelude::Resource;

use crate::scenario::{PartId, RouteId, Scenario};
use crate::sim::random::Source;
use crate::time::Seconds;

/// Factory stock of one part.
#[derive(Debug, Clone, Default)]
pub struct PartStock {
    /// Units on hand at the factory.
    pub on_hand: u64,
    /// Units on trucks heading to the factory.
    pub in_transit: u64,
    /// Units delivered by trucks so far.
    pub received: u64,
    /// Units taken by stations so far.
    pub consumed: u64,
}

/// A supplier: continuous production into a capped finished-goods stock.
#[derive(Debug, Clone)]
pub struct SupplierState {
    /// Production rate now [units/s]: the scenario's times the factors of
    /// active slowdowns (and, while ramping up, times the ramp).
    pub rate: f64,
    /// The scenario's rate [units/s].
    pub full_rate: f64,
    /// Factors of active slowdowns.
    pub slowdowns: Vec<f64>,
    /// Time to climb back to full rate after an outage [s], if any.
    pub ramp_up: Option<Seconds>,
    /// The ramp under way: when it started (the outage's end).
    pub ramp_from: Option<Seconds>,
    /// Finished-goods cap [units].
    pub cap: f64,
    /// Finished-goods stock, including the unit in progress [units].
    pub stock: f64,
    /// When `stock` was last brought up to date.
    pub updated: Seconds,
    /// Active outages.
    pub outages: u32,
}

impl SupplierState {
    /// Brings the stock up to `now` (production is continuous while up).
    pub fn update(&mut self, now: Seconds) {
        self.stock = self.stock_at(now);
        self.updated = now;
        if let (Some(from), Some(len)) = (self.ramp_from, self.ramp_up)
            && now >= from + len
        {
            self.ramp_from = None;
        }
    }

    /// The stock at `now` without changing state (for display).
    pub fn stock_at(&self, now: Seconds) -> f64 {
        if self.outages == 0 && self.stock < self.cap {
            (self.stock + self.produced(self.updated, now)).min(self.cap)
        } else {
            self.stock
        }
    }

    /// Units made between `a` and `b` while up: the rate, or during a ramp
    /// the rate times (t - start) / ramp-up, integrated.
    fn produced(&self, a: Seconds, b: Seconds) -> f64 {
        match (self.ramp_from, self.ramp_up) {
            (Some(from), Some(len)) => {
                // Time at full rate equivalent up to t since the ramp began.
                let g = |t: Seconds| {
                    let x = (t - from).max(0.0);
                    if x <= len {
                        x * x / (2.0 * len)
                    } else {
                        len / 2.0 + (x - len)
                    }
                };
                self.rate * (g(b) - g(a))
            }
            _ => self.rate * (b - a),
        }
    }

    /// Sets the rate from the full rate and the active slowdowns.
    pub fn rerate(&mut self) {
        self.rate = self.slowdowns.iter().fold(self.full_rate, |r, f| r * f);
    }

    /// Whole units ready to load (a tolerance absorbs floating-point drift).
    pub fn whole_units(&self) -> u64 {
        (self.stock + 1e-6).floor() as u64
    }
}

/// A route's run-time state: its transit-time source and what holds or
/// slows its trucks (its schedule and levels are the scenario's).
#[derive(Debug, Clone)]
pub struct RouteState {
    /// Transit times, one draw per scheduled departure.
    pub transit: Source,
    /// Scheduled departures so far.
    pub departures: u64,
    /// Active closures.
    pub closures: u32,
    /// Departures held by a closure: their transit draws, in order.
    pub deferred: std::collections::VecDeque<Seconds>,
    /// Factors of active slowdowns.
    pub slowdowns: Vec<f64>,
    /// A continuous-review order is placed and its truck not yet gone.
    pub ordered: bool,
    /// When the route last sent an emergency truck.
    pub last_emergency: Option<Seconds>,
}

/// A truck on the road.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Truck {
    pub id: u32,
    pub route: RouteId,
    pub part: PartId,
    pub quantity: u64,
    pub departed: Seconds,
    pub arrives: Seconds,
}

/// Supply-chain state, a singleton resource of the simulation world.
#[derive(Resource, Debug, Clone)]
pub struct Supply {
    pub parts: Vec<PartStock>,
    pub suppliers: Vec<SupplierState>,
    pub routes: Vec<RouteState>,
    /// Trucks on the road, in order of departure.
    pub trucks: Vec<Truck>,
    pub next_truck: u32,
    /// Per part, its on-demand routes ((s, S) and emergency), which review
    /// the part's stock after each consumption.
    pub on_demand: Vec<Vec<RouteId>>,
    /// Whether any route is on demand (one test per consumption when none
    /// is).
    pub any_on_demand: bool,
}

impl Supply {
    /// Builds the supply chain of `scenario` for one replication.
    pub fn new(scenario: &Scenario, replication: u64) -> Supply {
        Supply {
            parts: scenario
                .parts
                .iter()
                .map(|p| PartStock {
                    on_hand: p.on_hand,
                    ..PartStock::default()
                })
                .collect(),
            suppliers: scenario
                .suppliers
                .iter()
                .map(|s| SupplierState {
                    rate: s.rate,
                    full_rate: s.rate,
                    slowdowns: Vec::new(),
                    ramp_up: s.ramp_up,
                    ramp_from: None,
                    cap: s.fg_cap as f64,
                    stock: s.fg_initial as f64,
                    updated: 0.0,
                    outages: 0,
                })
                .collect(),
            routes: scenario
                .routes
                .iter()
                .map(|r| RouteState {
                    transit: Source::new(
                        scenario.seed,
                        replication,
                        &format!("route/{}/transit", r.name),
                        &r.transit,
                    ),
                    departures: 0,
                    ordered: false,
                    last_emergency: None,
                    closures: 0,
                    deferred: Default::default(),
                    slowdowns: Vec::new(),
                })
                .collect(),
            trucks: Vec::new(),
            next_truck: 0,
            any_on_demand: scenario.routes.iter().any(|r| r.policy.on_demand()),
            on_demand: (0..scenario.parts.len())
                .map(|p| {
                    (0..scenario.routes.len())
                        .map(RouteId::new)
                        .filter(|&r| {
                            scenario.routes[r].part.index() == p
                                && scenario.routes[r].policy.on_demand()
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// On hand plus in transit for a part [units].
    pub fn inventory_position(&self, part: PartId) -> u64 {
        self.parts[part].on_hand + self.parts[part].in_transit
    }
}
