//! Headline figures of one run: pure functions of the scenario and what the
//! recorder kept.

use serde::Serialize;

use super::running_cost::RunningCost;
use super::service::ServiceSummary;
use crate::observe::Recorder;
use crate::observe::ServerState;
use crate::scenario::Scenario;
use crate::time::{DAY, HOUR, MINUTE};

/// Everything `taktline run` reports for one replication.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    /// Name of the scenario.
    pub scenario: String,
    /// Seed of the random streams.
    pub seed: u64,
    /// Replication number (0 for a single run).
    pub replication: u64,
    /// Horizon H [h].
    pub horizon_h: f64,
    /// Warm-up W [h].
    pub warmup_h: f64,
    /// Output against the takt.
    pub throughput: Throughput,
    /// Lead times of robots completed after warm-up.
    pub lead_time: LeadTime,
    /// Robots in the line.
    pub wip: Wip,
    /// What became of the orders due after the warm-up.
    pub service: ServiceSummary,
    /// Per station (rework last), shares of server time per state after warm-up.
    pub stations: Vec<StationSummary>,
    /// Stock figures per part.
    pub parts: Vec<PartSummary>,
    /// Trucks per route.
    pub routes: Vec<RouteSummary>,
    /// Holding cost of the stock per day after warm-up [money/day]; `None`
    /// without a `costs` block.
    pub holding_cost_per_day: Option<f64>,
    /// What the run costs a year by kind, scaled from after the warm-up;
    /// `None` without a `costs` block. The running cost of a plan is its
    /// undisrupted run's (a disrupted scenario's twin).
    pub running_cost: Option<RunningCost>,
    /// The test station's record.
    pub test: TestSummary,
    /// Released = completed + scrapped + in process, as a check.
    pub conservation: Conservation,
    /// The line's overtime; `None` when the scenario allows none.
    pub overtime: Option<OvertimeSummary>,
    /// Per robot model; empty without models.
    pub models: Vec<ModelSummary>,
}

/// What one robot model did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelSummary {
    /// Name of the model.
    pub name: String,
    /// Robots completed by the horizon.
    pub completed: u64,
    /// Completed after warm-up, per day of the time after it.
    pub per_day: f64,
    /// Mean lead time of those completed after warm-up [h].
    pub lead_time_mean_h: f64,
    /// Units of each part its robots took: (part, units).
    pub parts_used: Vec<(String, u64)>,
    /// Its bill of materials: (part, units per robot).
    pub per_robot: Vec<(String, u64)>,
}

/// Overtime used by the line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OvertimeSummary {
    /// Stretches of overtime worked.
    pub stretches: u64,
    /// Hours of overtime within the horizon.
    pub hours: f64,
    /// hours x `costs.overtime_per_hour`; `None` without costs.
    pub cost: Option<f64>,
    /// Robots completed by the horizon against the same replication
    /// without overtime (set by the experiment, which runs that too).
    pub robots_recovered: Option<i64>,
    /// Lateness avoided against that run: its backlog summed over the
    /// hours less this run's [robot-h].
    pub delay_saved_robot_h: Option<f64>,
}

/// Output against the takt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Throughput {
    /// Takt [min].
    pub takt_min: f64,
    /// Target robots per hour and per day.
    pub target_per_hour: f64,
    /// Target robots per day, 24 x per hour [robots/day].
    pub target_per_day: f64,
    /// Completed robots per hour and per day after warm-up.
    pub per_hour: f64,
    /// Robots per day after warm-up, 24 x per hour [robots/day].
    pub per_day: f64,
    /// Mean time between completions after warm-up [min].
    pub mean_time_between_completions_min: f64,
    /// Robots completed before the horizon, all run and after warm-up.
    pub completed: u64,
    /// Of those, robots completed after warm-up.
    pub completed_after_warmup: u64,
    /// Robots due before the horizon.
    pub due: u64,
    /// completed / due.
    pub attainment: f64,
    /// due - completed at the horizon.
    pub backlog_at_end: i64,
}

/// Release-to-completion time of robots completed after warm-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadTime {
    /// Mean lead time [h]; NaN with no robot completed after warm-up.
    pub mean_h: f64,
    /// Longest lead time [h]; 0 with none.
    pub max_h: f64,
    /// Robots these lead times cover.
    pub robots: u64,
}

/// Robots in the line, and Little's law as a check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wip {
    /// Time-average robots in the line after warm-up.
    pub mean: f64,
    /// Throughput [robots/h] x mean lead time [h]: Little's law says ~ `mean`.
    pub littles_law_estimate: f64,
    /// Robots in the line when the warm-up ended.
    pub at_warmup: u32,
    /// Robots in the line at the horizon.
    pub at_end: u32,
}

/// Fractions of server time per state after warm-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StationSummary {
    /// Name of the station.
    pub name: String,
    /// Share processing a robot, in [0, 1].
    pub busy: f64,
    /// Share holding a finished robot it could not hand on, in [0, 1].
    pub blocked: f64,
    /// Share idle with no robot to take, in [0, 1].
    pub starved: f64,
    /// Share holding a robot while waiting for its parts, in [0, 1].
    pub starved_for_parts: f64,
    /// Share under repair or forced down, in [0, 1].
    pub down: f64,
    /// Share outside working time, in [0, 1].
    pub off_shift: f64,
}

/// Stock figures per part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartSummary {
    /// Name of the part.
    pub name: String,
    /// Hours after warm-up during which a station waited for this part.
    pub stockout_h: f64,
    /// On hand at t = 0 [units] (at the factory, or at the supplier holding it).
    pub on_hand_at_start: u64,
    /// Units delivered by trucks over the whole run.
    pub received: u64,
    /// Units taken over the whole run, by stations or the supplier holding it.
    pub consumed: u64,
    /// On hand at the horizon [units].
    pub on_hand_at_end: u64,
    /// Units on trucks at the horizon.
    pub in_transit_at_end: u64,
    /// Time-weighted mean factory on-hand after warm-up [units].
    pub mean_on_hand: f64,
    /// Time-weighted mean on trucks after warm-up [units].
    pub mean_in_transit: f64,
    /// Mean on-hand over the line's use per day at its throughput [days];
    /// NaN (null) when nothing was completed.
    pub days_of_cover: f64,
    /// Mean on-hand times the part's unit value [money]; `None` without costs.
    pub on_hand_value: Option<f64>,
}

/// Trucks per route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteSummary {
    /// Name of the route.
    pub name: String,
    /// Trucks that left over the whole run.
    pub trucks: u64,
    /// Units those trucks carried.
    pub shipped: u64,
    /// Units per truck [units/truck]; 0 when none left.
    pub mean_load: f64,
}

/// The test station's record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestSummary {
    /// Tests run, retests of reworked robots included.
    pub tests: u64,
    /// Tests failed.
    pub failed: u64,
    /// Failed robots scrapped rather than reworked.
    pub scrapped: u64,
    /// Share of tests passed, 1 - failed / tests, in [0, 1]; NaN without tests.
    pub observed_yield: f64,
}

/// Robots released = completed + scrapped + in process.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conservation {
    /// Robots that entered the line (left the release backlog).
    pub released: u64,
    /// Robots completed by the horizon.
    pub completed: u64,
    /// Robots scrapped after failing their test.
    pub scrapped: u64,
    /// Robots still in the line at the horizon.
    pub in_process: u64,
}

impl RunSummary {
    /// Summarises one recorded run of `scenario`.
    pub fn new(scenario: &Scenario, rec: &Recorder) -> RunSummary {
        Self::with_replication(scenario, rec, 0)
    }

    /// Summarises replication `replication`.
    pub fn with_replication(scenario: &Scenario, rec: &Recorder, replication: u64) -> RunSummary {
        let span = rec.horizon - rec.warmup;
        let after = rec.completed_after_warmup;
        let per_hour = after as f64 / (span / HOUR);
        let mtbc = if after > 1 {
            let (first, last) = rec.after_warmup_span;
            (last - first) / (after - 1) as f64 / MINUTE
        } else {
            f64::NAN
        };
        let completed = rec.completed;
        let lead_mean_h = if rec.completed_after_warmup > 0 {
            rec.lead_sum / rec.completed_after_warmup as f64 / HOUR
        } else {
            f64::NAN
        };
        let wip_mean = rec.wip_area / span;
        let last = rec.last_hour();
        let stations = scenario
            .station_names()
            .enumerate()
            .map(|(k, name)| {
                let denom = span * rec.servers[k] as f64;
                let f = |s: ServerState| rec.station_time[k][s.index()] / denom;
                StationSummary {
                    name: name.to_string(),
                    busy: f(ServerState::Busy),
                    blocked: f(ServerState::Blocked),
                    starved: f(ServerState::Starved),
                    starved_for_parts: f(ServerState::StarvedForParts),
                    down: f(ServerState::Down),
                    off_shift: f(ServerState::OffShift),
                }
            })
            .collect();
        let parts = scenario
            .parts
            .iter()
            .enumerate()
            .map(|(p, part)| {
                let (on_hand_area, in_transit_area) = rec.stock[p].areas(rec.warmup, rec.horizon);
                let mean_on_hand = on_hand_area / span;
                // A supplier's input is used at its holder's pace, not the line's.
                let daily_use = match part.held_by {
                    None => f64::from(part.per_robot) * per_hour * DAY / HOUR,
                    Some(_) => rec.consumed[p] as f64 / (rec.horizon / DAY),
                };
                PartSummary {
                    name: part.name.clone(),
                    stockout_h: rec.stockout[p] / HOUR,
                    on_hand_at_start: part.on_hand,
                    received: rec.received[p],
                    consumed: rec.consumed[p],
                    on_hand_at_end: last.map_or(part.on_hand, |h| h.on_hand[p]),
                    in_transit_at_end: last.map_or(0, |h| h.in_transit[p]),
                    mean_on_hand,
                    mean_in_transit: in_transit_area / span,
                    days_of_cover: if daily_use > 0.0 {
                        mean_on_hand / daily_use
                    } else {
                        f64::NAN
                    },
                    on_hand_value: scenario
                        .costs
                        .as_ref()
                        .map(|c| mean_on_hand * c.part_values[p]),
                }
            })
            .collect::<Vec<_>>();
        let holding_cost_per_day = scenario.costs.as_ref().map(|c| {
            parts
                .iter()
                .zip(&c.part_values)
                .map(|(p, value)| {
                    let held = p.mean_on_hand
                        + if c.hold_in_transit {
                            p.mean_in_transit
                        } else {
                            0.0
                        };
                    held * value * c.holding_rate_per_year / 365.0
                })
                .sum()
        });
        let routes = scenario
            .routes
            .iter()
            .enumerate()
            .map(|(r, route)| RouteSummary {
                name: route.name.clone(),
                trucks: rec.trucks[r],
                shipped: rec.shipped[r],
                mean_load: if rec.trucks[r] > 0 {
                    rec.shipped[r] as f64 / rec.trucks[r] as f64
                } else {
                    0.0
                },
            })
            .collect();
        let target_per_hour = scenario.target_per_hour();
        RunSummary {
            scenario: scenario.name.clone(),
            seed: scenario.seed,
            replication,
            horizon_h: rec.horizon / HOUR,
            warmup_h: rec.warmup / HOUR,
            throughput: Throughput {
                takt_min: scenario.line.takt / MINUTE,
                target_per_hour,
                target_per_day: target_per_hour * DAY / HOUR,
                per_hour,
                per_day: per_hour * DAY / HOUR,
                mean_time_between_completions_min: mtbc,
                completed,
                completed_after_warmup: after,
                due: rec.due,
                attainment: if rec.due > 0 {
                    completed as f64 / rec.due as f64
                } else {
                    f64::NAN
                },
                backlog_at_end: rec.due as i64 - completed as i64,
            },
            lead_time: LeadTime {
                mean_h: lead_mean_h,
                max_h: rec.lead_max / HOUR,
                robots: rec.completed_after_warmup,
            },
            wip: Wip {
                mean: wip_mean,
                littles_law_estimate: per_hour * lead_mean_h,
                at_warmup: rec.wip_at_warmup,
                at_end: rec.wip,
            },
            service: ServiceSummary::new(rec),
            stations,
            parts,
            routes,
            holding_cost_per_day,
            running_cost: RunningCost::new(scenario, rec, holding_cost_per_day.unwrap_or(0.0)),
            models: scenario
                .line
                .models
                .iter()
                .zip(&rec.models)
                .map(|(m, t)| {
                    let named = |v: Vec<u64>| {
                        scenario
                            .parts
                            .iter()
                            .zip(v)
                            .map(|(p, n)| (p.name.clone(), n))
                            .collect()
                    };
                    ModelSummary {
                        name: m.name.clone(),
                        completed: t.completed,
                        per_day: t.after_warmup as f64 / (span / DAY),
                        lead_time_mean_h: if t.after_warmup > 0 {
                            t.lead_sum / t.after_warmup as f64 / HOUR
                        } else {
                            f64::NAN
                        },
                        parts_used: named(t.used.clone()),
                        per_robot: named(m.bill_of_materials(scenario.parts.len())),
                    }
                })
                .collect(),
            overtime: scenario.line.overtime.map(|_| {
                let hours = rec.overtime_hours();
                OvertimeSummary {
                    stretches: rec.overtime.len() as u64,
                    hours,
                    cost: scenario.costs.as_ref().map(|c| hours * c.overtime_per_hour),
                    robots_recovered: None,
                    delay_saved_robot_h: None,
                }
            }),
            test: TestSummary {
                tests: rec.tests,
                failed: rec.tests_failed,
                scrapped: rec.scrapped,
                observed_yield: if rec.tests > 0 {
                    1.0 - rec.tests_failed as f64 / rec.tests as f64
                } else {
                    f64::NAN
                },
            },
            conservation: Conservation {
                released: rec.entered,
                completed,
                scrapped: rec.scrapped,
                in_process: u64::from(rec.wip),
            },
        }
    }
}
