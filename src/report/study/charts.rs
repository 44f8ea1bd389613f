//! A study's charts: those of each scenario (output, stock, station states,
//! shortfall against the twin, days) and the resilience chart across them.

use std::path::Path;

use super::StudyEntry;
use crate::experiment::aggregate::{Aggregate, PairedStudy};
use crate::experiment::records::slug;
use crate::observe::ServerState;
use crate::report::ChartId;
use crate::report::charts::daily::{DailyOutput, DailyOverTime};
use crate::report::charts::fewest::{MOST_GROUPS, MOST_PANELS, lowest, shown};
use crate::report::charts::hourly::{Band, CumulativeOutput, HourlyOutput};
use crate::report::charts::inventory::{Inventory, PartPanel, TruckMarks};
use crate::report::charts::resilience::{BarPanel, Bars, Point};
use crate::report::charts::shortfall::Shortfall;
use crate::report::charts::states::StationStates;
use crate::report::charts::{self, ChartError, Saved};
use crate::scenario::{Policy, Scenario, Timing};
use crate::stats::Interval;
use crate::stats::figures::Paired;
use crate::stats::series::HourlyHistogram;
use crate::time::HOUR;

/// Scheduled disruption windows within the horizon [h].
fn windows(s: &Scenario) -> Vec<(f64, f64)> {
    s.disruptions
        .iter()
        .filter_map(|d| match d.timing {
            Timing::Scheduled { start, duration } if start < s.horizon => {
                Some((start / HOUR, (start + duration).min(s.horizon) / HOUR))
            }
            _ => None,
        })
        .collect()
}

fn band(name: &str, h: &HourlyHistogram, n: u64) -> Band {
    let hours = h.sums.len();
    Band {
        name: name.to_string(),
        mean: h.means(n),
        band: (n >= 2).then(|| {
            (
                (0..hours).map(|i| h.quantile(i, 0.05)).collect(),
                (0..hours).map(|i| h.quantile(i, 0.95)).collect(),
            )
        }),
    }
}

/// Mean stock per part and its days of cover (the twin beside a disrupted run).
fn stock_levels_chart(
    dir: &Path,
    s: &Scenario,
    agg: &Aggregate,
    reps: &str,
) -> Result<Saved, ChartError> {
    let series = |kind: &str, twin: bool| -> Vec<Option<Point>> {
        s.parts
            .iter()
            .map(|p| {
                let name = format!("{kind}:{}", p.name);
                let i = if twin {
                    agg.twin_figure(&name)
                } else {
                    agg.figure(&name)
                };
                i.and_then(|i| point(&i))
            })
            .collect()
    };
    let disrupted = agg.twin_output.is_some();
    // Beyond a readable number, the parts with the fewest days of cover.
    let cover: Vec<f64> = series("days_of_cover", false)
        .iter()
        .map(|p| p.as_ref().map_or(f64::NAN, |p| p.mean))
        .collect();
    let kept = lowest(&cover, MOST_GROUPS);
    let some = shown(
        kept.len(),
        s.parts.len(),
        "parts",
        "with the fewest days of cover",
    );
    let only =
        |v: Vec<Option<Point>>| -> Vec<Option<Point>> { kept.iter().map(|&i| v[i]).collect() };
    let panel = |kind: &str, y_desc: &str| BarPanel {
        y_desc: y_desc.into(),
        series: if disrupted {
            vec![
                ("disrupted".into(), only(series(kind, false))),
                ("undisrupted twin".into(), only(series(kind, true))),
            ]
        } else {
            vec![("mean".into(), only(series(kind, false)))]
        },
    };
    charts::save(
        &Bars {
            title: format!("{}: stock after warm-up, per part ({reps}){some}", s.name),
            groups: kept.iter().map(|&i| s.parts[i].name.clone()).collect(),
            panels: vec![
                panel("mean_on_hand", "mean on hand [units]"),
                panel("days_of_cover", "days of cover [days]"),
            ],
        },
        dir,
        ChartId::StockLevels,
    )
}

/// The shortfall against the twin over time, with the first disruption's
/// paired figures (means over replications) marked.
fn shortfall_chart(
    dir: &Path,
    s: &Scenario,
    agg: &Aggregate,
    twin: &HourlyHistogram,
    reps: &str,
) -> Result<Saved, ChartError> {
    let n = agg.replications.max(1);
    let (d, u) = (agg.output.means(n), twin.means(n));
    let mut behind = 0.0;
    let gap: Vec<f64> = d
        .iter()
        .zip(&u)
        .map(|(a, b)| {
            behind += b - a;
            behind
        })
        .collect();
    let study = agg.summarise(s);
    let mut marks = Vec::new();
    let first = s.disruptions.iter().find_map(|x| match x.timing {
        Timing::Scheduled { start, duration } if start < s.horizon => Some((start, duration)),
        _ => None,
    });
    if let (Some(r), Some((start, duration))) = (study.resilience.first(), first) {
        let (start_h, end_h) = (start / HOUR, (start + duration).min(s.horizon) / HOUR);
        let mean = |key: Paired| r.get(key).and_then(|p| p.estimate.mean);
        marks.push(("start".to_string(), start_h));
        if let Some(tts) = mean(Paired::TimeToSurviveH) {
            marks.push((format!("first shortfall (TTS {tts:.1} h)"), start_h + tts));
        }
        if let Some((h, g)) = gap
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .filter(|(_, g)| **g >= 0.5)
        {
            // The peak of the mean curve: the table's peak is the mean of
            // each run's own peak, which is higher when runs peak apart.
            let what = if n > 1 { "peak of the mean" } else { "peak" };
            marks.push((format!("{what} {g:.0} behind"), (h + 1) as f64));
        }
        marks.push(("end".to_string(), end_h));
        if let Some(ttr) = mean(Paired::TimeToRecoverH).filter(|t| *t > 0.0) {
            marks.push((format!("full pace (TTR {ttr:.1} h)"), end_h + ttr));
        }
        // The catch-up is marked only where most runs caught up: its mean
        // is over those that did, and a mark where most never did misleads.
        let share = mean(Paired::CaughtUp).unwrap_or(0.0);
        if let Some(c) = mean(Paired::CatchUpH).filter(|c| *c > 0.0 && share >= 0.5) {
            let runs = if share < 1.0 {
                format!(", {:.0}% of runs", share * 100.0)
            } else {
                String::new()
            };
            marks.push((format!("caught up ({c:.1} h{runs})"), end_h + c));
        }
    }
    marks.sort_by(|a, b| a.1.total_cmp(&b.1));
    charts::save(
        &Shortfall {
            title: format!("{}: shortfall against the undisrupted twin", s.name),
            gap,
            windows: windows(s),
            marks,
            what: if agg.replications > 1 {
                format!("mean of {reps}")
            } else {
                "this run".into()
            },
        },
        dir,
        ChartId::Shortfall,
    )
}

/// Every chart of one scenario, into `dir`, in the order its page shows them.
pub fn scenario_charts(
    dir: &Path,
    s: &Scenario,
    agg: &Aggregate,
) -> Result<Vec<Saved>, ChartError> {
    let n = agg.replications.max(1);
    let reps = format!(
        "{} replication{}",
        agg.replications,
        if agg.replications == 1 { "" } else { "s" }
    );
    let disrupted = agg.twin_output.is_some();
    let main_name = if disrupted { "disrupted" } else { "run" };
    // Every target below is read from the one takt schedule; the daily
    // charts count whole days after the warm-up.
    let schedule = s.takt_schedule();
    let first_day = (s.warmup / (24.0 * HOUR)).ceil();
    let due_days: Vec<f64> = schedule
        .per_day()
        .into_iter()
        .skip(first_day as usize)
        .collect();
    // Hour by hour only the means are drawn: no percentiles to compute.
    let mean_only = |name: &str, h: &HourlyHistogram| Band {
        name: name.to_string(),
        mean: h.means(n),
        band: None,
    };
    let mut runs = vec![mean_only(main_name, &agg.output)];
    if let Some(t) = &agg.twin_output {
        runs.push(mean_only("undisrupted twin", t));
    }
    let windows = windows(s);
    let mut written = Vec::new();
    written.push(charts::save(
        &HourlyOutput {
            title: format!("{}: hourly output ({reps})", s.name),
            runs: runs.clone(),
            target: schedule.per_hour(),
            target_per_working_hour: HOUR / s.line.takt,
            windows: windows.clone(),
            off_shift: s.off_shift_hours(),
            overtime: agg.overtime_hours.clone(),
            replications: n,
        },
        dir,
        ChartId::HourlyOutput,
    )?);
    let cumulative = |b: &Band| -> Vec<f64> {
        b.mean
            .iter()
            .scan(0.0, |acc, v| {
                *acc += v;
                Some(*acc)
            })
            .collect()
    };
    written.push(charts::save(
        &CumulativeOutput {
            title: format!("{}: cumulative output against the takt schedule", s.name),
            replications: agg.replications,
            runs: runs
                .iter()
                .map(|b| (b.name.clone(), cumulative(b)))
                .collect(),
            due_by_hour: schedule.by_hour().to_vec(),
            windows: windows.clone(),
        },
        dir,
        ChartId::CumulativeOutput,
    )?);
    if !s.parts.is_empty() {
        let parts = s
            .parts
            .iter()
            .enumerate()
            .map(|(p, part)| {
                let b = &agg.on_hand[p];
                PartPanel {
                    y_desc: match s.holder_of(p) {
                        None => format!("{} on hand", part.name),
                        Some(h) => format!("{} at {h}", part.name),
                    },
                    level_name: "order-up-to level",
                    mean: b.sums.iter().map(|&v| v as f64 / n as f64).collect(),
                    range: (n >= 2).then(|| {
                        (
                            b.min.iter().map(|&v| v as f64).collect(),
                            b.max.iter().map(|&v| v as f64).collect(),
                        )
                    }),
                    order_up_to: s
                        .routes
                        .iter()
                        .filter(|r| r.part.index() == p)
                        .map(|r| r.order_up_to as f64)
                        .reduce(f64::max),
                    trucks: agg
                        .contingent
                        .iter()
                        .filter(|&(&r, _)| s.routes[r].part.index() == p)
                        .map(|(&r, per_hour)| TruckMarks {
                            kind: match s.routes[r].policy {
                                Policy::Emergency { .. } => "emergency",
                                _ => "backup",
                            },
                            per_hour: per_hour.clone(),
                            replications: n,
                        })
                        .collect(),
                }
            })
            .collect();
        let (parts, some) = nearest_to_empty(parts, "parts");
        written.push(charts::save(
            &Inventory {
                title: if s.parts.iter().any(|p| p.held_by.is_some()) {
                    format!("{}: on-hand stock ({reps}){some}", s.name)
                } else {
                    format!("{}: factory on-hand stock ({reps}){some}", s.name)
                },
                parts,
                windows: windows.clone(),
            },
            dir,
            ChartId::Inventory,
        )?);
    }
    if !s.suppliers.is_empty() && agg.supplier_stock.len() == s.suppliers.len() {
        let panels = s
            .suppliers
            .iter()
            .zip(&agg.supplier_stock)
            .map(|(sup, b)| PartPanel {
                y_desc: format!("{} finished goods", sup.name),
                level_name: "finished-goods cap",
                mean: b.sums.iter().map(|&v| v as f64 / n as f64).collect(),
                range: (n >= 2).then(|| {
                    (
                        b.min.iter().map(|&v| v as f64).collect(),
                        b.max.iter().map(|&v| v as f64).collect(),
                    )
                }),
                order_up_to: Some(sup.fg_cap as f64),
                trucks: Vec::new(),
            })
            .collect();
        let (panels, some) = nearest_to_empty(panels, "suppliers");
        written.push(charts::save(
            &Inventory {
                title: format!("{}: finished goods at the suppliers ({reps}){some}", s.name),
                parts: panels,
                windows: windows.clone(),
            },
            dir,
            ChartId::SupplierStock,
        )?);
    }
    let mean = |name: &str| agg.figure(name).and_then(|i| i.mean).unwrap_or(0.0);
    let stations: Vec<(String, _)> = s
        .station_names()
        .map(|st| {
            let f = ServerState::ALL.map(|k| mean(&format!("{}:{st}", k.name())));
            (st.to_string(), f)
        })
        .collect();
    // Beyond a readable number, the busiest: where the bottleneck is.
    let busy = ServerState::ALL
        .iter()
        .position(|k| *k == ServerState::Busy)
        .expect("busy is a state");
    let minus_busy: Vec<f64> = stations.iter().map(|(_, f)| -f[busy]).collect();
    let kept = lowest(&minus_busy, MOST_GROUPS);
    let some = shown(kept.len(), stations.len(), "stations", "that are busiest");
    let stations = kept.iter().map(|&i| stations[i].clone()).collect();
    written.push(charts::save(
        &StationStates {
            title: format!(
                "{}: station states after warm-up (mean of {reps}){some}",
                s.name
            ),
            stations,
        },
        dir,
        ChartId::StationStates,
    )?);
    if let Some(twin) = &agg.twin_output {
        written.push(shortfall_chart(dir, s, agg, twin, &reps)?);
    }
    if !s.parts.is_empty() {
        written.push(stock_levels_chart(dir, s, agg, &reps)?);
    }
    if !agg.by_day.sums.is_empty() {
        // Beside its models' lines, the run's line is all of them.
        let all = if s.line.models.is_empty() || agg.twin_by_day.is_some() {
            main_name
        } else {
            "all models"
        };
        let mut by_day = vec![band(all, &agg.by_day, n)];
        if let Some(t) = &agg.twin_by_day {
            by_day.push(band("undisrupted twin", t, n));
        }
        let models_from = by_day.len();
        for (m, h) in s.line.models.iter().zip(&agg.by_day_model) {
            by_day.push(band(&m.name, h, n));
        }
        written.push(charts::save(
            &DailyOverTime {
                title: format!("{}: robots per day over time ({reps})", s.name),
                first_day,
                runs: by_day,
                target: due_days.clone(),
                models_from,
            },
            dir,
            ChartId::RobotsPerDay,
        )?);
    }
    // The histogram's target: a working day's where some days are due
    // fewer (the most common of the days due anything), else the one every
    // day has.
    let per_working_day = due_days.windows(2).any(|w| w[0] != w[1]);
    let target_per_day = most_common(due_days.iter().copied().filter(|&v| v > 0.0))
        .unwrap_or_else(|| s.target_per_hour() * 24.0);
    let mut daily = vec![(main_name.to_string(), agg.daily.clone())];
    if disrupted {
        daily.push(("undisrupted twin".to_string(), agg.twin_daily.clone()));
    }
    written.push(charts::save(
        &DailyOutput {
            title: format!("{}: robots per day after warm-up ({reps})", s.name),
            runs: daily,
            target_per_day,
            per_working_day,
        },
        dir,
        ChartId::DailyOutput,
    )?);
    Ok(written)
}

fn point(i: &Interval) -> Option<Point> {
    let mean = i.mean?;
    Some(Point {
        x: 0.0,
        mean,
        low: i.low.unwrap_or(f64::NAN),
        high: i.high.unwrap_or(f64::NAN),
    })
}

/// The resilience chart of a study of named disruptions: robots lost, and TTS beside TTR.
pub(super) fn resilience_bars(
    out: &Path,
    entries: &[StudyEntry],
) -> Result<Option<Saved>, ChartError> {
    // A disruption studied in several scenarios is told apart by its file.
    let named = |d: &str| {
        entries
            .iter()
            .filter(|e| e.study.resilience.iter().any(|r| r.disruption == d))
            .count()
    };
    let rows: Vec<(String, &PairedStudy)> = entries
        .iter()
        .flat_map(|e| {
            e.study.resilience.iter().map(move |r| {
                let label = if named(&r.disruption) > 1 {
                    format!("{} ({})", r.disruption, slug(e.scenario))
                } else {
                    r.disruption.clone()
                };
                (label, r)
            })
        })
        .collect();
    if rows.is_empty() {
        return Ok(None);
    }
    let bars = Bars {
        title: "What each disruption costs (mean, 95% interval, paired with its twin)".into(),
        groups: rows.iter().map(|r| r.0.clone()).collect(),
        panels: vec![
            BarPanel {
                y_desc: "robots lost by the horizon".into(),
                series: vec![(
                    "robots lost".into(),
                    rows.iter()
                        .map(|r| figure_point(r.1, Paired::RobotsLost))
                        .collect(),
                )],
            },
            BarPanel {
                y_desc: "hours".into(),
                series: vec![
                    (
                        "time to survive (where not survived)".into(),
                        rows.iter().map(|r| survival_point(r.1)).collect(),
                    ),
                    (
                        "time to recover".into(),
                        rows.iter()
                            .map(|r| figure_point(r.1, Paired::TimeToRecoverH))
                            .collect(),
                    ),
                ],
            },
        ],
    };
    let mut bars = bars;
    if entries.iter().any(|e| e.scenario.costs.is_some()) {
        bars.panels.push(BarPanel {
            y_desc: "cost against the twin".into(),
            series: vec![(
                "cost".into(),
                rows.iter()
                    .map(|r| figure_point(r.1, Paired::Cost))
                    .collect(),
            )],
        });
    }
    charts::save(&bars, out, ChartId::Resilience).map(Some)
}

/// Time to survive: +infinity where every replication survived (the bar
/// chart marks it so, instead of drawing nothing, or 0 h).
fn survival_point(r: &PairedStudy) -> Option<Point> {
    match r.get(Paired::TimeToSurviveH) {
        Some(p) if p.estimate.mean.is_none() && p.share_undefined >= 1.0 => Some(Point {
            x: 0.0,
            mean: f64::INFINITY,
            low: f64::NAN,
            high: f64::NAN,
        }),
        _ => figure_point(r, Paired::TimeToSurviveH),
    }
}

/// A paired figure's mean and interval as a chart point.
fn figure_point(r: &PairedStudy, key: Paired) -> Option<Point> {
    r.get(key).and_then(|p| point(&p.estimate))
}

/// The value seen most often (the largest among equals), if any.
fn most_common(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut counts: std::collections::BTreeMap<u64, usize> = Default::default();
    for v in values {
        *counts.entry(v.to_bits()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(bits, n)| (n, bits))
        .map(|(bits, _)| f64::from_bits(bits))
}

/// Beyond a readable number of panels, those whose stock comes nearest to
/// empty against their level (the lowest hourly mean over the level, or
/// over its own highest where there is none), and what the title adds.
fn nearest_to_empty(panels: Vec<PartPanel>, items: &str) -> (Vec<PartPanel>, String) {
    let score: Vec<f64> = panels
        .iter()
        .map(|p| {
            let low = p.mean.iter().copied().fold(f64::INFINITY, f64::min);
            let high = p
                .order_up_to
                .unwrap_or_else(|| p.mean.iter().copied().fold(0.0, f64::max));
            if high > 0.0 { low / high } else { low }
        })
        .collect();
    let kept = lowest(&score, MOST_PANELS);
    let some = shown(
        kept.len(),
        panels.len(),
        items,
        "nearest to empty against their level",
    );
    let mut panels: Vec<Option<PartPanel>> = panels.into_iter().map(Some).collect();
    (
        kept.iter().filter_map(|&i| panels[i].take()).collect(),
        some,
    )
}
