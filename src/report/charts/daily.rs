//! The distribution of daily output across replications.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::plot_areas::plotted;
use super::side_legend::Mark;
use super::{Chart, err, label, legend, nice_max, palette, title};

/// Histogram of robots per day (after warm-up), with the target.
pub(crate) struct DailyOutput {
    /// Caption above the chart.
    pub title: String,
    /// (name, daily output -> number of days).
    pub runs: Vec<(String, BTreeMap<u32, u64>)>,
    /// Takt target [robots/day]: a working day's, with a calendar; a
    /// vertical red line.
    pub target_per_day: f64,
    /// Some days are due fewer (weekends, holidays): the target is a
    /// working day's.
    pub per_working_day: bool,
}

impl Chart for DailyOutput {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let lo = self
            .runs
            .iter()
            .filter_map(|r| r.1.keys().next())
            .min()
            .copied()
            .unwrap_or(0);
        let hi = self
            .runs
            .iter()
            .filter_map(|r| r.1.keys().next_back())
            .max()
            .copied()
            .unwrap_or(1);
        // A bar's full width either side of the extreme values: a bar at 0
        // robots is as wide as any other, so the axis starts below it.
        let lo = f64::from(lo).min(self.target_per_day) - 2.0;
        let hi = f64::from(hi).max(self.target_per_day) + 2.0;
        let share = |m: &BTreeMap<u32, u64>, v: u32| {
            let total: u64 = m.values().sum();
            100.0 * *m.get(&v).unwrap_or(&0) as f64 / total.max(1) as f64
        };
        let peak = self
            .runs
            .iter()
            .flat_map(|(_, m)| m.keys().map(move |&v| share(m, v)))
            .fold(1.0, f64::max);
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, title(&self.title))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(lo..hi, 0f64..nice_max(peak))
            .map(plotted)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("robots completed per day")
            .y_desc("share of days [%]")
            .label_style(label())
            .axis_desc_style(label())
            .x_label_formatter(&|x| {
                // No robot count below zero.
                if *x < 0.0 {
                    String::new()
                } else {
                    format!("{x:.0}")
                }
            })
            .draw()
            .map_err(err)?;
        // The target behind the bars: a bar at the target stays in sight.
        let t = self.target_per_day;
        let per = if self.per_working_day {
            "per working day"
        } else {
            "per day"
        };
        chart
            .draw_series(LineSeries::new(
                [(t, 0.0), (t, nice_max(peak))],
                palette::TARGET.stroke_width(2),
            ))
            .map_err(err)?
            .label(format!("takt target {t:.0} {per}"))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], palette::TARGET.stroke_width(2))
            });
        let colours = [palette::DISRUPTED, palette::TWIN];
        let runs = self.runs.len() as f64;
        for (k, (name, m)) in self.runs.iter().enumerate() {
            let c = colours[k % 2];
            let w = 0.8 / runs;
            let x0 = -0.4 + k as f64 * w;
            chart
                .draw_series(m.keys().map(|&v| {
                    let x = f64::from(v) + x0;
                    Rectangle::new([(x, 0.0), (x + w, share(m, v))], c.filled())
                }))
                .map_err(err)?
                .label(name.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 20, y + 6)], c.filled()));
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft, 18)
    }
}

/// Robots per day, day by day, with the 5th-95th percentile band over
/// replications and the daily target.
pub(crate) struct DailyOverTime {
    /// Caption above the chart.
    pub title: String,
    /// First day shown (the first whole day after the warm-up).
    pub first_day: f64,
    /// Robots per day, mean over replications with its band: the run, its twin
    /// if any, then each model.
    pub runs: Vec<super::hourly::Band>,
    /// Robots due on the takt schedule each day shown (the line's calendar
    /// counts); a red step line.
    pub target: Vec<f64>,
    /// Runs from this index on are robot models (of the first run).
    pub models_from: usize,
}

impl DailyOverTime {
    /// The run's colour: blue and grey for the run and its twin, then one
    /// per model (never the target's red).
    fn colour(&self, k: usize) -> RGBColor {
        if k < self.models_from {
            [palette::DISRUPTED, palette::TWIN][k % 2]
        } else {
            [2, 4, 5].map(|i| palette::SERIES[i])[(k - self.models_from) % 3]
        }
    }
}

impl Chart for DailyOverTime {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let days = self
            .runs
            .iter()
            .map(|r| r.mean.len())
            .max()
            .unwrap_or(1)
            .max(1);
        let values = || {
            self.runs.iter().flat_map(|r| {
                r.mean
                    .iter()
                    .chain(r.band.iter().flat_map(|b| b.0.iter().chain(b.1.iter())))
            })
        };
        let target = &self.target[..self.target.len().min(days)];
        let hi = values().chain(target).fold(0.0, |m: f64, &v| m.max(v));
        let lo = values().chain(target).fold(hi, |m: f64, &v| m.min(v));
        // Around the target, so a shortfall of a few robots shows.
        let (bottom, top) = ((lo - 5.0).max(0.0).floor(), (hi + 5.0).ceil());
        let x0 = self.first_day;
        let mut entries = Vec::new();
        for (k, run) in self.runs.iter().enumerate().rev() {
            let c = self.colour(k);
            let what = if run.band.is_some() { ": mean" } else { "" };
            entries.extend(super::hourly::band_entry(run, c));
            entries.push((Mark::Line(c.stroke_width(2)), format!("{}{what}", run.name)));
        }
        entries.push(super::hourly::target_entry(match target.first() {
            Some(&t) if target.iter().all(|&v| v == t) => format!("takt target {t:.0} per day"),
            _ => "takt target: robots due each day".to_string(),
        }));
        let (root, strip) = super::hourly::with_strip(root, entries.len(), 2);
        let mut chart = ChartBuilder::on(&root)
            .caption(&self.title, title(&self.title))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(x0..x0 + days as f64, bottom..top)
            .map(plotted)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("day")
            .y_desc("robots completed per day")
            .label_style(label())
            .axis_desc_style(label())
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .draw()
            .map_err(err)?;
        for (k, run) in self.runs.iter().enumerate().rev() {
            let c = self.colour(k);
            super::hourly::draw_band(&mut chart, run, c, |d| x0 + d as f64 + 0.5)?;
            chart
                .draw_series(LineSeries::new(
                    run.mean
                        .iter()
                        .enumerate()
                        .map(|(d, &v)| (x0 + d as f64 + 0.5, v)),
                    c.stroke_width(2),
                ))
                .map_err(err)?;
        }
        // A step a day: each day's due over the whole day.
        chart
            .draw_series(LineSeries::new(
                target
                    .iter()
                    .enumerate()
                    .flat_map(|(d, &v)| [(x0 + d as f64, v), (x0 + d as f64 + 1.0, v)]),
                palette::TARGET.stroke_width(2),
            ))
            .map_err(err)?;
        super::side_legend::draw_columns(&strip, &entries, 2, 80)
    }
}
