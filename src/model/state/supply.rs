//! The supply chain at run time: suppliers, routes, trucks and factory stock.

use bevy::ecs::prelude::Resource;

use crate::scenario::{PartId, RouteId, Scenario, SupplierId};
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
    /// active slowdowns (a ramp-up scales it further as it is integrated,
    /// in `produced`).
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
    /// Closed by its working calendar.
    pub closed: bool,
    /// Tier-2 inputs per unit made: (part, units); empty for most.
    pub needs: Vec<(PartId, u64)>,
    /// Share of a unit whose inputs are taken but which is not yet made.
    pub prepaid: f64,
}

impl SupplierState {
    /// Brings the stock up to `now` (production is continuous while up);
    /// for a supplier with inputs, use [`Supply::update_supplier`].
    fn update(&mut self, now: Seconds) {
        self.stock = self.stock_at(now);
        self.now_updated(now);
    }

    /// The stock is up to date at `now`; a ramp-up that is over ends.
    fn now_updated(&mut self, now: Seconds) {
        self.updated = now;
        if let (Some(from), Some(len)) = (self.ramp_from, self.ramp_up)
            && now >= from + len
        {
            self.ramp_from = None;
        }
    }

    /// The stock at `now` without changing state, inputs not counted.
    fn stock_at(&self, now: Seconds) -> f64 {
        if self.outages == 0 && !self.closed && self.stock < self.cap {
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
    /// Closed by its working calendar.
    pub off_shift: bool,
    /// Departures held by a closure: their transit draws, in order.
    pub deferred: std::collections::VecDeque<Seconds>,
    /// Factors of active slowdowns.
    pub slowdowns: Vec<f64>,
    /// A continuous-review order is placed and its truck not yet gone.
    pub ordered: bool,
    /// When the route last sent an emergency truck.
    pub last_emergency: Option<Seconds>,
}

/// The order of a part's split routes placed at one instant, which each
/// route's departure at that instant takes its share of.
#[derive(Debug, Clone, Copy, Default)]
pub struct SplitOrder {
    /// When it was placed (`None` before the first).
    pub at: Option<Seconds>,
    /// The gap up to S when it was placed [units].
    pub gap: u64,
    /// Shares of the routes that have taken theirs.
    pub shares_taken: f64,
    /// Units those routes were given [units].
    pub given: u64,
}

/// A truck on the road.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Truck {
    /// Unique per run, in order of departure; its arrival event carries it.
    pub id: u32,
    /// The route it travels.
    pub route: RouteId,
    /// The part it carries.
    pub part: PartId,
    /// Units loaded [units].
    pub quantity: u64,
    /// When it left [s].
    pub departed: Seconds,
    /// When it unloads [s]: departure plus the slowed transit time.
    pub arrives: Seconds,
}

/// Supply-chain state, a singleton resource of the simulation world.
#[derive(Resource, Debug, Clone)]
pub struct Supply {
    /// Stock of each part, by part (a supplier's input is held at that supplier).
    pub parts: Vec<PartStock>,
    /// Each supplier's production and finished goods, by supplier.
    pub suppliers: Vec<SupplierState>,
    /// Each route's run-time state, by route.
    pub routes: Vec<RouteState>,
    /// Trucks on the road, in order of departure.
    pub trucks: Vec<Truck>,
    /// The id the next truck to leave gets.
    pub next_truck: u32,
    /// Per part, its on-demand routes ((s, S) and emergency), which review
    /// the part's stock after each consumption.
    pub on_demand: Vec<Vec<RouteId>>,
    /// Whether any route is on demand (one test per consumption when none
    /// is).
    pub any_on_demand: bool,
    /// Per part, the last order of its split routes.
    pub split_orders: Vec<SplitOrder>,
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
                    closed: false,
                    needs: s.needs.iter().map(|&(p, n)| (p, u64::from(n))).collect(),
                    prepaid: 0.0,
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
                    off_shift: false,
                    deferred: Default::default(),
                    slowdowns: Vec::new(),
                })
                .collect(),
            trucks: Vec::new(),
            next_truck: 0,
            split_orders: vec![SplitOrder::default(); scenario.parts.len()],
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

    /// Supplier `s`'s stock at `now` and the units it started since its
    /// last update: production as the rate allows, but a supplier with
    /// inputs starts a unit only when it can take the unit's inputs, so it
    /// stops when they run out.
    pub fn supplier_stock_at(&self, s: SupplierId, now: Seconds) -> (f64, u64) {
        let sup = &self.suppliers[s];
        let free = sup.stock_at(now);
        if sup.needs.is_empty() {
            return (free, 0);
        }
        let can_start = sup
            .needs
            .iter()
            .map(|&(p, n)| self.parts[p].on_hand / n)
            .min()
            .unwrap_or(0);
        let made = (free - sup.stock).min(sup.prepaid + can_start as f64);
        let short = made - sup.prepaid;
        let started = if short > 0.0 {
            (short - 1e-9).ceil().max(0.0) as u64
        } else {
            0
        };
        (sup.stock + made, started.min(can_start))
    }

    /// Brings supplier `s` up to `now`, taking the inputs of the units it
    /// started; returns the units started (0 for a supplier without inputs).
    pub fn update_supplier(&mut self, s: SupplierId, now: Seconds) -> u64 {
        if self.suppliers[s].needs.is_empty() {
            self.suppliers[s].update(now);
            return 0;
        }
        let (stock, started) = self.supplier_stock_at(s, now);
        let sup = &mut self.suppliers[s];
        sup.prepaid += started as f64 - (stock - sup.stock);
        sup.stock = stock;
        sup.now_updated(now);
        for &(p, n) in &sup.needs {
            self.parts[p].on_hand -= started * n;
            self.parts[p].consumed += started * n;
        }
        started
    }

    /// Units a split route with `share` carries of the part's order at
    /// `now`: the order is the gap up to S at the first such departure of
    /// the instant, and each route gets its share of it, rounded so the
    /// routes' units add up to the whole order.
    pub fn split_share(&mut self, part: PartId, share: f64, gap: u64, now: Seconds) -> u64 {
        let order = &mut self.split_orders[part];
        if order.at != Some(now) {
            *order = SplitOrder {
                at: Some(now),
                gap,
                shares_taken: 0.0,
                given: 0,
            };
        }
        order.shares_taken += share;
        let due = ((order.shares_taken * order.gap as f64).round() as u64).min(order.gap);
        let mine = due.saturating_sub(order.given);
        order.given += mine;
        mine
    }

    /// On hand plus in transit for a part [units].
    pub fn inventory_position(&self, part: PartId) -> u64 {
        self.parts[part].on_hand + self.parts[part].in_transit
    }
}
