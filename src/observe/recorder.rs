//! The recorder: what a run observed, kept compact, for statistics to read.
//!
//! Steady-state accumulators (station states, WIP area, lead times,
//! stockouts) count only from the warm-up on; completion times, hourly rows
//! and disruption windows cover the whole run.

use bevy::ecs::prelude::Resource;
use serde::Serialize;

use super::hours::{HourRow, HourTotals, Hours, STATES};
use super::service::Service;
use super::state::ServerState;
use crate::scenario::limits::MAX_HOURLY_ROWS;
use crate::scenario::{DisruptionId, PartId, RouteId, Scenario, StationId};
use crate::time::{HOUR, Seconds};

/// A disruption occurrence as it happened.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DisruptionWindow {
    /// Index of the disruption in the scenario's list.
    pub disruption: usize,
    /// When the occurrence started [s].
    pub start: Seconds,
    /// Its planned end, start + duration [s]; may lie past the horizon.
    pub end: Seconds,
}

/// One part's stock over the run, kept so that its time integral after the
/// warm-up is exact at the cost of two additions per change: with levels
/// L(w) at the warm-up and each later change of `q` units at time `t`,
/// the integral to the horizon H is L(w)·(H − w) + Σ q·(H − t).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StockTrack {
    /// Levels when the warm-up ended (or at t = 0 without one).
    pub on_hand_at_warmup: u64,
    /// Units on trucks at that instant.
    pub in_transit_at_warmup: u64,
    /// Σ q and Σ q·t of on-hand changes after the warm-up (q signed).
    on_hand_changes: f64,
    on_hand_changes_t: f64,
    /// The same for in-transit stock.
    in_transit_changes: f64,
    in_transit_changes_t: f64,
}

impl StockTrack {
    /// ∫ on-hand and ∫ in-transit from the warm-up `w` to `horizon` [unit·s].
    pub fn areas(&self, w: Seconds, horizon: Seconds) -> (f64, f64) {
        let area =
            |at_w: u64, sum: f64, sum_t: f64| at_w as f64 * (horizon - w) + (sum * horizon - sum_t);
        (
            area(
                self.on_hand_at_warmup,
                self.on_hand_changes,
                self.on_hand_changes_t,
            ),
            area(
                self.in_transit_at_warmup,
                self.in_transit_changes,
                self.in_transit_changes_t,
            ),
        )
    }
}

/// Everything a run observed; a resource of the simulation world.
#[derive(Resource, Debug, Clone)]
pub struct Recorder {
    /// End of the warm-up [s]; steady-state figures count from here.
    pub warmup: Seconds,
    /// End of the run [s].
    pub horizon: Seconds,
    /// Completion instants, in order; kept only where a figure needs each
    /// one (a disrupted run and its twin, the viewer): see
    /// [`Recorder::keep_completions`]. The counts below are always kept.
    pub completions: Vec<Seconds>,
    keeps_completions: bool,
    /// Robots completed so far.
    pub completed: u64,
    /// Robots completed after the warm-up.
    pub completed_after_warmup: u64,
    /// The first and the latest completion after the warm-up [s]; NaN before one.
    pub after_warmup_span: (Seconds, Seconds),
    /// Robots completed on each day of the run, day d being [d, d + 1) days.
    pub per_day: Vec<u32>,
    /// The same per robot model; empty without models.
    pub per_day_by_model: Vec<Vec<u32>>,
    today: Today,
    /// Robots made due so far.
    pub due: u64,
    /// The instant each robot fell due, in order: the orders that the cost
    /// accounting matches with completions; kept with `completions`.
    pub due_instants: Vec<Seconds>,
    /// What became of each order due after the warm-up; always kept.
    pub service: Service,
    /// Robots that entered the line so far.
    pub entered: u64,
    /// Tests run and tests failed.
    pub tests: u64,
    /// Tests failed (robots sent to rework or scrapped).
    pub tests_failed: u64,
    /// Robots scrapped after failing their test.
    pub scrapped: u64,
    /// Sum of the lead times of robots completed after warm-up (there are
    /// `completed_after_warmup` of them) [s].
    pub lead_sum: f64,
    /// Longest of those lead times [s]; 0 with none.
    pub lead_max: f64,
    /// Robots in the line now, and its time integral since warm-up [robot·s].
    pub wip: u32,
    /// Time integral of `wip` from the warm-up [robot·s].
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
    /// Parts short now (those with `short_since`).
    parts_short: usize,
    /// Per part: what the time integral of its stock needs.
    pub stock: Vec<StockTrack>,
    /// Stock changes count once the warm-up has ended (its snapshot holds
    /// every change before, including those at the warm-up instant).
    measuring_stock: bool,
    /// Per route: trucks sent and units shipped.
    pub trucks: Vec<u64>,
    /// Per route, the departure instant of each truck, in order (kept with
    /// `completions`): what a disruption's accounting window counts.
    pub departures: Vec<Vec<Seconds>>,
    /// Units shipped per route [units].
    pub shipped: Vec<u64>,
    /// Trucks and units per route that left after the warm-up: what a year
    /// of running costs is scaled from.
    pub after_warmup: Vec<(u64, u64)>,
    /// Trucks of emergency and backup routes: (departure, route), to mark
    /// them on the charts.
    pub contingent: Vec<(Seconds, usize)>,
    /// The line's overtime: (start, length) of each stretch [s].
    pub overtime: Vec<(Seconds, Seconds)>,
    /// Per robot model; empty without models.
    pub models: Vec<ModelTrack>,
    /// Every disruption occurrence, in start order.
    pub disruptions: Vec<DisruptionWindow>,
    /// Per part, units received and consumed over the run (set at the end).
    pub received: Vec<u64>,
    /// Units of each part taken, by stations or by the supplier holding it.
    pub consumed: Vec<u64>,
    /// Hourly rows, the first [`MAX_HOURLY_ROWS`] hours of the run.
    pub hours: Hours,
    /// The latest row, once the run is longer than the hourly series kept.
    beyond: Hours,
    /// Hours closed so far (kept or not).
    pub hours_closed: u64,
    /// `completed` when the current hour began.
    completed_at_hour_start: u64,
    hour_due: u32,
}

impl Recorder {
    /// Whether to keep every completion instant (the default) or only the
    /// counts: a run that is not compared with a twin needs only those, so
    /// its memory does not grow with the robots it makes.
    pub fn keep_completions(&mut self, keep: bool) {
        self.keeps_completions = keep;
        if !keep {
            self.completions = Vec::new();
            self.due_instants = Vec::new();
        }
    }

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
            keeps_completions: true,
            completed: 0,
            completed_after_warmup: 0,
            after_warmup_span: (f64::NAN, f64::NAN),
            per_day: Vec::new(),
            per_day_by_model: vec![Vec::new(); scenario.line.models.len()],
            today: Today {
                index: 0,
                surely_until: f64::NEG_INFINITY,
            },
            due: 0,
            due_instants: Vec::new(),
            service: Service::new(
                &scenario.line,
                scenario.costs.as_ref().and_then(|c| c.lost_after),
                scenario.warmup,
            ),
            entered: 0,
            tests: 0,
            tests_failed: 0,
            scrapped: 0,
            lead_sum: 0.0,
            lead_max: 0.0,
            wip: 0,
            wip_area: 0.0,
            wip_since: scenario.warmup,
            wip_at_warmup: 0,
            station_time: vec![[0.0; STATES]; n],
            hour_station_time: vec![[0.0; STATES]; n],
            servers,
            stockout: vec![0.0; scenario.parts.len()],
            measuring_stock: scenario.warmup <= 0.0,
            stock: scenario
                .parts
                .iter()
                .map(|p| StockTrack {
                    on_hand_at_warmup: p.on_hand,
                    ..StockTrack::default()
                })
                .collect(),
            short_since: vec![None; scenario.parts.len()],
            parts_short: 0,
            trucks: vec![0; scenario.routes.len()],
            departures: vec![Vec::new(); scenario.routes.len()],
            shipped: vec![0; scenario.routes.len()],
            after_warmup: vec![(0, 0); scenario.routes.len()],
            contingent: Vec::new(),
            overtime: Vec::new(),
            models: vec![
                ModelTrack {
                    used: vec![0; scenario.parts.len()],
                    ..ModelTrack::default()
                };
                scenario.line.models.len()
            ],
            disruptions: Vec::new(),
            received: vec![0; scenario.parts.len()],
            consumed: vec![0; scenario.parts.len()],
            hours: Hours::with_capacity(
                ((scenario.horizon / HOUR).ceil() as usize).min(MAX_HOURLY_ROWS),
                scenario.parts.len(),
                scenario.suppliers.len(),
                n,
            ),
            beyond: Hours::with_capacity(1, scenario.parts.len(), scenario.suppliers.len(), n),
            hours_closed: 0,
            completed_at_hour_start: 0,
            hour_due: 0,
        }
    }

    /// Time from `from` to `to` spent by a server of `station` in `state`.
    #[inline]
    pub fn state_time(
        &mut self,
        station: StationId,
        state: ServerState,
        from: Seconds,
        to: Seconds,
    ) {
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
    pub fn robot_due(&mut self, now: Seconds) {
        self.due += 1;
        self.hour_due += 1;
        self.service.due(now);
        if self.keeps_completions {
            self.due_instants.push(now);
        }
    }

    /// A robot entered the line.
    #[inline]
    pub fn robot_entered(&mut self, now: Seconds) {
        self.wip_to(now);
        self.wip += 1;
        self.entered += 1;
    }

    /// A robot passed its final test and left the line. Not inlined: it
    /// runs once a robot, and kept out of line it leaves the hot hand-on
    /// path lean.
    #[inline(never)]
    pub fn robot_completed(&mut self, now: Seconds, entered: Seconds) {
        self.wip_to(now);
        self.wip -= 1;
        if self.keeps_completions {
            self.completions.push(now);
        }
        self.service.completed(now);
        self.completed += 1;
        if now >= self.today.surely_until {
            self.new_day(now);
        }
        self.per_day[self.today.index] += 1;
        if now >= self.warmup {
            if self.completed_after_warmup == 0 {
                self.after_warmup_span.0 = now;
            }
            self.completed_after_warmup += 1;
            self.after_warmup_span.1 = now;
            let lead = now - entered;
            self.lead_sum += lead;
            self.lead_max = self.lead_max.max(lead);
        }
    }

    /// The first completion at or after `today.surely_until`: finds its day
    /// and makes room for it in every per-day count.
    #[cold]
    fn new_day(&mut self, now: Seconds) {
        let d = self.today.at(now);
        for per_day in std::iter::once(&mut self.per_day).chain(&mut self.per_day_by_model) {
            if d >= per_day.len() {
                per_day.resize(d + 1, 0);
            }
        }
    }

    /// A robot failed its test and was scrapped.
    #[inline]
    pub fn robot_scrapped(&mut self, now: Seconds) {
        self.wip_to(now);
        self.wip -= 1;
        self.scrapped += 1;
    }

    /// A test was run.
    #[inline]
    pub fn test(&mut self, passed: bool) {
        self.tests += 1;
        self.tests_failed += u64::from(!passed);
    }

    /// Whether a waiting station is short of `part` from now on.
    pub fn part_short(&mut self, part: PartId, short: bool, now: Seconds) {
        match (self.short_since[part], short) {
            (None, true) => {
                self.short_since[part] = Some(now);
                self.parts_short += 1;
            }
            (Some(since), false) => {
                self.stockout[part] += (now - since.max(self.warmup)).max(0.0);
                self.short_since[part] = None;
                self.parts_short -= 1;
            }
            _ => {}
        }
    }

    /// Whether any part is short now.
    #[inline]
    pub fn any_part_short(&self) -> bool {
        self.parts_short > 0
    }

    /// A truck left on `route` with `quantity` units at `now`.
    pub fn truck(&mut self, route: RouteId, quantity: u64, now: Seconds) {
        self.trucks[route] += 1;
        self.shipped[route] += quantity;
        if self.keeps_completions {
            self.departures[route.index()].push(now);
        }
        if now >= self.warmup {
            let (trucks, units) = &mut self.after_warmup[route.index()];
            *trucks += 1;
            *units += quantity;
        }
    }

    /// A robot of `model` completed (with models).
    #[inline]
    pub fn model_completed(&mut self, model: u8, now: Seconds, entered: Seconds) {
        if let Some(m) = self.models.get_mut(usize::from(model)) {
            // `robot_completed` has just found the day and made room for it.
            self.per_day_by_model[usize::from(model)][self.today.index] += 1;
            m.completed += 1;
            if now >= self.warmup {
                m.after_warmup += 1;
                m.lead_sum += now - entered;
            }
        }
    }

    /// A robot of `model` took `n` units of part `p` (with models).
    #[inline]
    pub fn model_used(&mut self, model: u8, p: PartId, n: u32) {
        if let Some(m) = self.models.get_mut(usize::from(model)) {
            m.used[p] += u64::from(n);
        }
    }

    /// The line works on in overtime from `now` for `length` [s].
    pub fn overtime(&mut self, now: Seconds, length: Seconds) {
        self.overtime.push((now, length));
    }

    /// Hours of overtime worked (a stretch never runs past the horizon).
    pub fn overtime_hours(&self) -> f64 {
        self.overtime.iter().map(|&(_, len)| len).sum::<f64>() / HOUR
    }

    /// Hours of overtime worked within [from, to].
    pub fn overtime_hours_between(&self, from: Seconds, to: Seconds) -> f64 {
        self.overtime
            .iter()
            .map(|&(at, len)| ((at + len).min(to) - at.max(from)).max(0.0))
            .sum::<f64>()
            / HOUR
    }

    /// A truck of an emergency or backup route left at `now`.
    pub fn contingent_truck(&mut self, route: RouteId, now: Seconds) {
        self.contingent.push((now, route.index()));
    }

    /// A disruption occurrence, with its planned end.
    pub fn disruption(&mut self, disruption: DisruptionId, start: Seconds, end: Seconds) {
        self.disruptions.push(DisruptionWindow {
            disruption: disruption.index(),
            start,
            end,
        });
    }

    /// Part `p`'s on-hand stock changed by `on_hand` units and its
    /// in-transit stock by `in_transit` (signed).
    #[inline]
    pub fn stock_change(&mut self, p: PartId, on_hand: f64, in_transit: f64, now: Seconds) {
        if self.measuring_stock
            && let Some(t) = self.stock.get_mut(p.index())
        {
            t.on_hand_changes += on_hand;
            t.on_hand_changes_t += on_hand * now;
            t.in_transit_changes += in_transit;
            t.in_transit_changes_t += in_transit * now;
        }
    }

    /// The warm-up ends with these stock levels per part (on hand, in transit).
    pub fn warmup_ends(&mut self, levels: impl Iterator<Item = (u64, u64)>) {
        self.wip_at_warmup = self.wip;
        self.measuring_stock = true;
        for (t, (on_hand, in_transit)) in self.stock.iter_mut().zip(levels) {
            t.on_hand_at_warmup = on_hand;
            t.in_transit_at_warmup = in_transit;
        }
    }

    /// Closes the hour ending at `now` with a snapshot of stock and WIP.
    pub fn close_hour(
        &mut self,
        now: Seconds,
        on_hand: impl IntoIterator<Item = u64>,
        in_transit: impl IntoIterator<Item = u64>,
        supplier_stock: impl IntoIterator<Item = u64>,
    ) {
        let start = self.last_hour().map_or(0.0, |h| h.totals.end);
        let span = (now - start).max(f64::MIN_POSITIVE);
        let station_states =
            self.hour_station_time
                .iter_mut()
                .zip(&self.servers)
                .map(|(acc, &n)| {
                    let fractions = acc.map(|t| t / (span * n as f64));
                    *acc = [0.0; STATES];
                    fractions
                });
        let completed_total = self.completed;
        let totals = HourTotals {
            end: now,
            completed: (self.completed - self.completed_at_hour_start) as u32,
            due: self.hour_due,
            completed_total,
            due_total: self.due,
            backlog: self.due as i64 - completed_total as i64,
            wip: self.wip,
        };
        // Beyond the kept rows only the latest hour is kept, for the next
        // hour's start.
        let kept = if self.hours.len() < MAX_HOURLY_ROWS {
            &mut self.hours
        } else {
            self.beyond.clear();
            &mut self.beyond
        };
        kept.push(totals, on_hand, in_transit, supplier_stock, station_states);
        self.hours_closed += 1;
        self.completed_at_hour_start = self.completed;
        self.hour_due = 0;
    }

    /// The most recent hourly row, kept in the series or not.
    pub fn last_hour(&self) -> Option<HourRow<'_>> {
        self.beyond.last().or_else(|| self.hours.last())
    }

    /// Closes the books at the horizon: open intervals are counted up to it.
    pub fn finish(&mut self, now: Seconds) {
        self.wip_to(now);

        for p in (0..self.short_since.len()).map(PartId::new) {
            if self.short_since[p].is_some() {
                self.part_short(p, false, now);
            }
        }
    }
}

/// Which day completions fall on, found once per day: completions come in
/// time order, so until just before the day's end (a millisecond, far more
/// than any rounding of the division) the day is the one found last.
#[derive(Debug, Clone, Copy)]
struct Today {
    /// Day d is [d, d + 1) days: `floor(t / 1 d)`.
    index: usize,
    /// Below this instant it is still day `index`.
    surely_until: Seconds,
}

impl Today {
    fn at(&mut self, now: Seconds) -> usize {
        if now >= self.surely_until {
            let day = 24.0 * HOUR;
            let d = (now / day).floor();
            self.index = d as usize;
            self.surely_until = (d + 1.0) * day - 1e-3;
        }
        self.index
    }
}

/// What one robot model did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelTrack {
    /// Robots completed, all run and after the warm-up.
    pub completed: u64,
    /// Of those, robots completed after the warm-up.
    pub after_warmup: u64,
    /// Lead times of those after the warm-up, summed [s].
    pub lead_sum: Seconds,
    /// Units of each part its robots took.
    pub used: Vec<u64>,
}
