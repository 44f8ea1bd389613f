//! The recorder: what a run observed, kept compact, for statistics to read.
//!
//! Steady-state accumulators (station states, WIP area, lead times,
//! stockouts) count only from the warm-up on; completion times, hourly rows
//! and disruption windows cover the whole run.

use bevy::ecs::prelude::Resource;
use serde::Serialize;

use super::state::ServerState;
use crate::scenario::Scenario;
use crate::scenario::limits::MAX_HOURLY_ROWS;
use crate::time::{HOUR, Seconds};

const STATES: usize = ServerState::ALL.len();

/// One hour of the run, recorded at the hour's end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HourRow {
    /// End of the hour [s].
    pub end: Seconds,
    /// Robots completed in the hour.
    pub completed: u32,
    /// Robots that became due in the hour.
    pub due: u32,
    /// Cumulative completions at the hour's end.
    pub completed_total: u64,
    /// Cumulative robots due at the hour's end.
    pub due_total: u64,
    /// Robots due but not yet completed.
    pub backlog: i64,
    /// Robots in the line.
    pub wip: u32,
    /// Factory on-hand per part [units].
    pub on_hand: Vec<u64>,
    /// In transit per part [units].
    pub in_transit: Vec<u64>,
    /// Finished-goods stock per supplier [whole units].
    pub supplier_stock: Vec<u64>,
    /// Per station, fraction of server time in each state during the hour.
    pub station_states: Vec<[f64; STATES]>,
}

/// A disruption occurrence as it happened.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DisruptionWindow {
    pub disruption: usize,
    pub start: Seconds,
    pub end: Seconds,
}

/// Everything a run observed; a resource of the simulation world.
#[derive(Resource, Debug, Clone)]
pub struct Recorder {
    pub warmup: Seconds,
    pub horizon: Seconds,
    /// Completion instants, in order.
    pub completions: Vec<Seconds>,
    /// Robots made due so far.
    pub due: u64,
    /// Robots that entered the line so far.
    pub entered: u64,
    /// Tests run and tests failed.
    pub tests: u64,
    pub tests_failed: u64,
    /// Sum, count and maximum of lead times of robots completed after warm-up [s].
    pub lead_sum: f64,
    pub lead_count: u64,
    pub lead_max: f64,
    /// Robots in the line now, and its time integral since warm-up [robot·s].
    pub wip: u32,
    pub wip_area: f64,
    wip_since: Seconds,
    /// WIP when the warm-up ended.
    pub wip_at_warmup: u32,
    /// Per station (rework last), seconds of server time in each state since warm-up.
    pub station_time: Vec<[f64; STATES]>,
    hour_station_time: Vec<[f64; STATES]>,
    /// Servers per station, to turn server time into fractions.
    pub servers: Vec<usize>,
    /// Per part: hours since warm-up during which a station waited for it.
    pub stockout: Vec<f64>,
    short_since: Vec<Option<Seconds>>,
    /// Per part: on-hand and in-transit units now, since when, and their
    /// time integrals since the warm-up [unit·s].
    stock_level: Vec<(u64, u64)>,
    stock_since: Vec<Seconds>,
    pub on_hand_area: Vec<f64>,
    pub in_transit_area: Vec<f64>,
    /// Per route: trucks sent and units shipped.
    pub trucks: Vec<u64>,
    pub shipped: Vec<u64>,
    pub disruptions: Vec<DisruptionWindow>,
    /// Per part, units received and consumed over the run (set at the end).
    pub received: Vec<u64>,
    pub consumed: Vec<u64>,
    /// Hourly rows, the first [`MAX_HOURLY_ROWS`] hours of the run.
    pub hours: Vec<HourRow>,
    /// The latest row, once the run is longer than the hourly series kept.
    beyond: Option<HourRow>,
    /// Hours closed so far (kept or not).
    pub hours_closed: u64,
    hour_completed: u32,
    hour_due: u32,
}

impl Recorder {
    /// An empty recorder for `scenario`, with `servers[i]` servers at station i.
    pub fn new(scenario: &Scenario, servers: Vec<usize>) -> Recorder {
        let n = servers.len();
        Recorder {
            warmup: scenario.warmup,
            horizon: scenario.horizon,
            // Room for the expected completions, but never allocated in
            // proportion to an absurd horizon: beyond this it grows as needed.
            completions: Vec::with_capacity(
                ((scenario.horizon / scenario.line.takt * 1.1) as usize + 16).min(1 << 20),
            ),
            due: 0,
            entered: 0,
            tests: 0,
            tests_failed: 0,
            lead_sum: 0.0,
            lead_count: 0,
            lead_max: 0.0,
            wip: 0,
            wip_area: 0.0,
            wip_since: scenario.warmup,
            wip_at_warmup: 0,
            station_time: vec![[0.0; STATES]; n],
            hour_station_time: vec![[0.0; STATES]; n],
            servers,
            stockout: vec![0.0; scenario.parts.len()],
            stock_level: scenario.parts.iter().map(|p| (p.on_hand, 0)).collect(),
            stock_since: vec![0.0; scenario.parts.len()],
            on_hand_area: vec![0.0; scenario.parts.len()],
            in_transit_area: vec![0.0; scenario.parts.len()],
            short_since: vec![None; scenario.parts.len()],
            trucks: vec![0; scenario.routes.len()],
            shipped: vec![0; scenario.routes.len()],
            disruptions: Vec::new(),
            received: vec![0; scenario.parts.len()],
            consumed: vec![0; scenario.parts.len()],
            hours: Vec::with_capacity(
                ((scenario.horizon / HOUR).ceil() as usize).min(MAX_HOURLY_ROWS),
            ),
            beyond: None,
            hours_closed: 0,
            hour_completed: 0,
            hour_due: 0,
        }
    }

    /// Time from `from` to `to` spent by a server of `station` in `state`.
    #[inline]
    pub fn state_time(&mut self, station: usize, state: ServerState, from: Seconds, to: Seconds) {
        self.hour_station_time[station][state.index()] += to - from;
        let from = from.max(self.warmup);
        if to > from {
            self.station_time[station][state.index()] += to - from;
        }
    }

    fn wip_to(&mut self, now: Seconds) {
        if now > self.wip_since {
            self.wip_area += f64::from(self.wip) * (now - self.wip_since);
            self.wip_since = now;
        }
    }

    /// A robot became due.
    #[inline]
    pub fn robot_due(&mut self) {
        self.due += 1;
        self.hour_due += 1;
    }

    /// A robot entered the line.
    #[inline]
    pub fn robot_entered(&mut self, now: Seconds) {
        self.wip_to(now);
        self.wip += 1;
        self.entered += 1;
    }

    /// A robot passed its final test and left the line.
    #[inline]
    pub fn robot_completed(&mut self, now: Seconds, entered: Seconds) {
        self.wip_to(now);
        self.wip -= 1;
        self.completions.push(now);
        self.hour_completed += 1;
        if now >= self.warmup {
            let lead = now - entered;
            self.lead_sum += lead;
            self.lead_count += 1;
            self.lead_max = self.lead_max.max(lead);
        }
    }

    /// A test was run.
    #[inline]
    pub fn test(&mut self, passed: bool) {
        self.tests += 1;
        self.tests_failed += u64::from(!passed);
    }

    /// Whether a waiting station is short of `part` from now on.
    pub fn part_short(&mut self, part: usize, short: bool, now: Seconds) {
        match (self.short_since[part], short) {
            (None, true) => self.short_since[part] = Some(now),
            (Some(since), false) => {
                self.stockout[part] += (now - since.max(self.warmup)).max(0.0);
                self.short_since[part] = None;
            }
            _ => {}
        }
    }

    /// A truck left on `route` with `quantity` units.
    pub fn truck(&mut self, route: usize, quantity: u64) {
        self.trucks[route] += 1;
        self.shipped[route] += quantity;
    }

    /// A disruption occurrence, with its planned end.
    pub fn disruption(&mut self, disruption: usize, start: Seconds, end: Seconds) {
        self.disruptions.push(DisruptionWindow {
            disruption,
            start,
            end,
        });
    }

    /// The warm-up ended at `now`.
    /// Part `p`'s on-hand and in-transit stock changed to these levels.
    #[inline]
    pub fn stock(&mut self, p: usize, on_hand: u64, in_transit: u64, now: Seconds) {
        self.stock_to(p, now);
        self.stock_level[p] = (on_hand, in_transit);
    }

    /// Adds part `p`'s levels since the last change (after the warm-up).
    fn stock_to(&mut self, p: usize, now: Seconds) {
        let from = self.stock_since[p].max(self.warmup);
        if now > from {
            let (on_hand, in_transit) = self.stock_level[p];
            self.on_hand_area[p] += on_hand as f64 * (now - from);
            self.in_transit_area[p] += in_transit as f64 * (now - from);
        }
        self.stock_since[p] = now;
    }

    pub fn warmup_ends(&mut self) {
        self.wip_at_warmup = self.wip;
    }

    /// Closes the hour ending at `now` with a snapshot of stock and WIP.
    pub fn close_hour(
        &mut self,
        now: Seconds,
        on_hand: Vec<u64>,
        in_transit: Vec<u64>,
        supplier_stock: Vec<u64>,
    ) {
        let start = self.last_hour().map_or(0.0, |h| h.end);
        let span = (now - start).max(f64::MIN_POSITIVE);
        let station_states = self
            .hour_station_time
            .iter_mut()
            .zip(&self.servers)
            .map(|(acc, &n)| {
                let fractions = acc.map(|t| t / (span * n as f64));
                *acc = [0.0; STATES];
                fractions
            })
            .collect();
        let completed_total = self.completions.len() as u64;
        let row = HourRow {
            end: now,
            completed: self.hour_completed,
            due: self.hour_due,
            completed_total,
            due_total: self.due,
            backlog: self.due as i64 - completed_total as i64,
            wip: self.wip,
            on_hand,
            in_transit,
            supplier_stock,
            station_states,
        };
        if self.hours.len() < MAX_HOURLY_ROWS {
            self.hours.push(row);
        } else {
            self.beyond = Some(row);
        }
        self.hours_closed += 1;
        self.hour_completed = 0;
        self.hour_due = 0;
    }

    /// The most recent hourly row, kept in the series or not.
    pub fn last_hour(&self) -> Option<&HourRow> {
        self.beyond.as_ref().or(self.hours.last())
    }

    /// Closes the books at the horizon: open intervals are counted up to it.
    pub fn finish(&mut self, now: Seconds) {
        self.wip_to(now);
        for p in 0..self.stock_since.len() {
            self.stock_to(p, now);
        }
        for p in 0..self.short_since.len() {
            if self.short_since[p].is_some() {
                self.part_short(p, false, now);
            }
        }
    }
}
