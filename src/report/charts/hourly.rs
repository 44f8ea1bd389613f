//! Output over time: hourly output against the takt line (chart 1) and
//! cumulative output against the takt schedule (chart 2).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Chart, band_points, err, label, legend, nice_max, palette, title};

/// A series over hours with an optional percentile band.
#[derive(Debug, Clone)]
pub struct Band {
    pub name: String,
    pub mean: Vec<f64>,
    /// (5th, 95th) percentile per hour, if several replications.
    pub band: Option<(Vec<f64>, Vec<f64>)>,
}

/// Chart 1: robots per hour over the run.
pub struct HourlyOutput {
    pub title: String,
    pub runs: Vec<Band>,
    pub target_per_hour: f64,
    /// Disruption windows [h].
    pub windows: Vec<(f64, f64)>,
}

/// Draws a run's 5th-95th percentile band, if it has one, with `x` placing
/// the i-th value on the chart's x axis.
pub(super) fn draw_band<DB: DrawingBackend>(
    chart: &mut ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    run: &Band,
    c: RGBColor,
    x: impl Fn(usize) -> f64,
) -> Result<(), String> {
    if let Some((lo, hi)) = &run.band {
        let pts = band_points(lo, hi, x);
        chart
            .draw_series(std::iter::once(Polygon::new(pts, c.mix(0.15).filled())))
            .map_err(err)?
            .label(format!("{}: 5th-95th percentile", run.name))
            .legend(move |(x, y)| {
                Rectangle::new([(x, y - 6), (x + 20, y + 6)], c.mix(0.25).filled())
            });
    }
    Ok(())
}

/// Shades the disruption windows [h] from `bottom` to `top` on a chart whose
/// x axis is in days, with one legend entry.
pub(super) fn draw_windows<DB: DrawingBackend>(
    chart: &mut ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    windows: &[(f64, f64)],
    bottom: f64,
    top: f64,
) -> Result<(), String> {
    for (i, &(a, b)) in windows.iter().enumerate() {
        let s = chart
            .draw_series(std::iter::once(Rectangle::new(
                [(a / 24.0, bottom), (b.max(a + 0.2) / 24.0, top)],
                palette::WINDOW.mix(0.18).filled(),
            )))
            .map_err(err)?;
        if i == 0 {
            s.label("disruption window").legend(|(x, y)| {
                Rectangle::new(
                    [(x, y - 6), (x + 20, y + 6)],
                    palette::WINDOW.mix(0.3).filled(),
                )
            });
        }
    }
    Ok(())
}

impl Chart for HourlyOutput {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let hours = self
            .runs
            .iter()
            .map(|r| r.mean.len())
            .max()
            .unwrap_or(1)
            .max(1);
        let peak = self
            .runs
            .iter()
            .flat_map(|r| r.band.as_ref().map_or(&r.mean, |b| &b.1).iter())
            .fold(self.target_per_hour, |m, &v| m.max(v));
        let top = nice_max(peak * 1.1);
        let days = hours as f64 / 24.0;
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, title())
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..days, 0f64..top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("time [days]")
            .y_desc("robots completed per hour")
            .label_style(label())
            .axis_desc_style(label())
            .x_label_formatter(&|x| format!("{x:.0}"))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(err)?;
        draw_windows(&mut chart, &self.windows, 0.0, top)?;
        let colours = [palette::DISRUPTED, palette::TWIN];
        for (k, run) in self.runs.iter().enumerate().rev() {
            let c = colours[k % 2];
            draw_band(&mut chart, run, c, |h| (h as f64 + 0.5) / 24.0)?;
            // One replication is "this run", several are a mean.
            let what = if run.band.is_some() { ": mean" } else { "" };
            chart
                .draw_series(LineSeries::new(
                    run.mean
                        .iter()
                        .enumerate()
                        .map(|(h, &v)| ((h as f64 + 0.5) / 24.0, v)),
                    c.mix(0.3).stroke_width(1),
                ))
                .map_err(err)?
                .label(format!("{}{what}, each hour", run.name))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], c.mix(0.3).stroke_width(1))
                });
            chart
                .draw_series(LineSeries::new(
                    rolling_24h(&run.mean)
                        .into_iter()
                        .enumerate()
                        .map(|(h, v)| ((h as f64 + 1.0) / 24.0, v)),
                    c.stroke_width(3),
                ))
                .map_err(err)?
                .label(format!("{}{what}, 24 h rolling average", run.name))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(3))
                });
        }
        chart
            .draw_series(LineSeries::new(
                [(0.0, self.target_per_hour), (days, self.target_per_hour)],
                palette::TARGET.stroke_width(2),
            ))
            .map_err(err)?
            .label(format!("takt target {:.1} per hour", self.target_per_hour))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], palette::TARGET.stroke_width(2))
            });
        legend(&mut chart, SeriesLabelPosition::LowerRight, 18)
    }
}

/// The average of each hour and the 23 before it (fewer at the start), so
/// the daily rhythm reads at a glance behind the noisy hourly counts.
pub fn rolling_24h(hourly: &[f64]) -> Vec<f64> {
    let mut out = Vec::with_capacity(hourly.len());
    let mut sum = 0.0;
    for (h, &v) in hourly.iter().enumerate() {
        sum += v;
        if h >= 24 {
            sum -= hourly[h - 24];
        }
        out.push(sum / (h + 1).min(24) as f64);
    }
    out
}

/// Chart 2: cumulative output against the takt schedule.
pub struct CumulativeOutput {
    pub title: String,
    /// Replications averaged (1: a single run, not a mean).
    pub replications: u64,
    /// (name, mean cumulative completions at each hour's end).
    pub runs: Vec<(String, Vec<f64>)>,
    /// Takt [h].
    pub takt_h: f64,
    pub windows: Vec<(f64, f64)>,
}

impl Chart for CumulativeOutput {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let hours = self
            .runs
            .iter()
            .map(|r| r.1.len())
            .max()
            .unwrap_or(1)
            .max(1);
        let days = hours as f64 / 24.0;
        let due = |h: f64| (h / self.takt_h).ceil();
        let top = nice_max(
            due(hours as f64).max(
                self.runs
                    .iter()
                    .flat_map(|r| r.1.iter())
                    .fold(0.0, |m, &v| m.max(v)),
            ),
        );
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, title())
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(0f64..days, 0f64..top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("time [days]")
            .y_desc("robots (cumulative)")
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style(label())
            .axis_desc_style(label())
            .x_label_formatter(&|x| format!("{x:.0}"))
            .draw()
            .map_err(err)?;
        draw_windows(&mut chart, &self.windows, 0.0, top)?;
        chart
            .draw_series(LineSeries::new(
                (0..=hours).map(|h| (h as f64 / 24.0, due(h as f64))),
                palette::TARGET.stroke_width(2),
            ))
            .map_err(err)?
            .label("takt schedule (robots due)")
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], palette::TARGET.stroke_width(2))
            });
        let colours = [palette::DISRUPTED, palette::TWIN];
        for (k, (name, series)) in self.runs.iter().enumerate() {
            let c = colours[k % 2];
            chart
                .draw_series(LineSeries::new(
                    std::iter::once((0.0, 0.0)).chain(
                        series
                            .iter()
                            .enumerate()
                            .map(|(h, &v)| ((h + 1) as f64 / 24.0, v)),
                    ),
                    c.stroke_width(2),
                ))
                .map_err(err)?
                .label(if self.replications > 1 {
                    format!("{name}: mean completed")
                } else {
                    format!("{name}: completed")
                })
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(2))
                });
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft, 18)
    }
}
