//! Output over time: hourly output against the takt line and
//! cumulative output against the takt schedule.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::plot_areas::plotted;
use super::side_legend::{self, Entry, Mark};
use super::{Chart, band_points, err, label, nice_max, palette, title, whole_labels};

/// A series over hours with an optional percentile band.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    /// Legend name: "disrupted", "undisrupted twin", a model's name.
    pub name: String,
    /// Robots completed per hour (per day in the daily chart), mean over replications.
    pub mean: Vec<f64>,
    /// (5th, 95th) percentile per hour, if several replications.
    pub band: Option<(Vec<f64>, Vec<f64>)>,
}

/// Robots per hour over the run.
pub(crate) struct HourlyOutput {
    /// Caption above the chart.
    pub title: String,
    /// The run and, if disrupted, its undisrupted twin [robots/h]: means
    /// only (a band of whole-robot counts an hour is noise, not drawn).
    pub runs: Vec<Band>,
    /// Robots due on the takt schedule in each hour (the line's calendar
    /// counts); drawn as its 24 h average, a red line.
    pub target: Vec<f64>,
    /// Robots due per working hour (the legend's figure).
    pub target_per_working_hour: f64,
    /// Disruption windows [h].
    pub windows: Vec<(f64, f64)>,
    /// The line's closed windows (off shift, planned downtime) [h].
    pub off_shift: Vec<(f64, f64)>,
    /// Replications in overtime in each hour, of `replications`.
    pub overtime: Vec<u32>,
    /// Replications run, so each overtime mark is shaded by its share of them.
    pub replications: u64,
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
            .map_err(err)?;
    }
    Ok(())
}

/// The legend entry of a run's band, if it has one.
pub(super) fn band_entry(run: &Band, c: RGBColor) -> Option<Entry> {
    run.band.as_ref().map(|_| {
        (
            Mark::Band(c.mix(0.25).filled()),
            format!("{}: 5th-95th percentile", run.name),
        )
    })
}

/// The legend entry of the disruption windows, if there are any.
pub(super) fn windows_entry(windows: &[(f64, f64)]) -> Option<Entry> {
    (!windows.is_empty()).then(|| {
        (
            Mark::Band(palette::WINDOW.mix(0.3).filled()),
            "disruption window".to_string(),
        )
    })
}

/// The legend entry of a target line.
pub(super) fn target_entry(text: String) -> Entry {
    (Mark::Line(palette::TARGET.stroke_width(2)), text)
}

/// Splits `root` into the chart and a legend strip under it, sized for
/// `entries` in `columns` columns.
pub(super) fn with_strip<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: usize,
    columns: usize,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let h = root.dim_in_pixel().1;
    root.split_vertically(h.saturating_sub(side_legend::strip_height(entries, columns)))
}

/// Shades the disruption windows [h] from `bottom` to `top` on a chart whose
/// x axis is in days.
pub(super) fn draw_windows<DB: DrawingBackend>(
    chart: &mut ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    windows: &[(f64, f64)],
    bottom: f64,
    top: f64,
) -> Result<(), String> {
    for &(a, b) in windows {
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(a / 24.0, bottom), (b.max(a + 0.2) / 24.0, top)],
                palette::WINDOW.mix(0.18).filled(),
            )))
            .map_err(err)?;
    }
    Ok(())
}

impl HourlyOutput {
    /// The legend, in drawing order.
    fn entries(&self) -> Vec<Entry> {
        let colours = [palette::DISRUPTED, palette::TWIN];
        let mut entries: Vec<Entry> = windows_entry(&self.windows).into_iter().collect();
        for (k, run) in self.runs.iter().enumerate().rev() {
            let c = colours[k % 2];
            // One replication is "this run", several are a mean.
            let what = if self.replications > 1 { ": mean" } else { "" };
            entries.push((
                Mark::Line(c.mix(0.3).stroke_width(1)),
                format!("{}{what}, each hour", run.name),
            ));
            entries.push((
                Mark::Line(c.stroke_width(3)),
                format!("{}{what}, 24 h centred average", run.name),
            ));
        }
        if !self.off_shift.is_empty() {
            entries.push((
                Mark::Band(palette::OFF_SHIFT.mix(0.35).filled()),
                "line off shift".to_string(),
            ));
        }
        if self.overtime.iter().any(|&n| n > 0) {
            entries.push((
                Mark::Triangle(palette::CONTINGENT.filled()),
                "overtime (stronger: more runs)".to_string(),
            ));
        }
        let while_working = if self.off_shift.is_empty() {
            ""
        } else {
            " working"
        };
        entries.push(target_entry(format!(
            "takt target {:.1} per{while_working} hour, 24 h centred average",
            self.target_per_working_hour
        )));
        entries
    }
}

impl Chart for HourlyOutput {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let entries = self.entries();
        let (root, strip) = with_strip(root, entries.len(), 2);
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
            .flat_map(|r| r.mean.iter())
            .fold(self.target_per_working_hour, |m, &v| m.max(v));
        let top = nice_max(peak * 1.1);
        let days = hours as f64 / 24.0;
        let mut chart = ChartBuilder::on(&root)
            .caption(&self.title, title(&self.title))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..days, 0f64..top)
            .map(plotted)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("time [days]")
            .y_desc("robots completed per hour")
            .y_labels(whole_labels(0.0, top, 10))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style(label())
            .axis_desc_style(label())
            .x_label_formatter(&|x| format!("{x:.0}"))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(err)?;
        for &(a, b) in &self.off_shift {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(a / 24.0, 0.0), (b / 24.0, top)],
                    palette::OFF_SHIFT.mix(0.22).filled(),
                )))
                .map_err(err)?;
        }
        draw_windows(&mut chart, &self.windows, 0.0, top)?;
        chart
            .draw_series(
                self.overtime
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(h, &n)| {
                        let share = (n as f64 / self.replications.max(1) as f64).min(1.0);
                        TriangleMarker::new(
                            ((h as f64 + 0.5) / 24.0, top * 0.96),
                            5,
                            palette::CONTINGENT.mix(0.3 + 0.7 * share).filled(),
                        )
                    }),
            )
            .map_err(err)?;
        let colours = [palette::DISRUPTED, palette::TWIN];
        for (k, run) in self.runs.iter().enumerate().rev() {
            let c = colours[k % 2];
            // No 5th-95th percentile band hour by hour: a few robots an
            // hour, counted in whole robots, spread over 0 to 6 in any hour
            // and the band is noise. The spread across replications is
            // drawn day by day (robots per day over time).
            chart
                .draw_series(LineSeries::new(
                    run.mean
                        .iter()
                        .enumerate()
                        .map(|(h, &v)| ((h as f64 + 0.5) / 24.0, v)),
                    c.mix(0.3).stroke_width(1),
                ))
                .map_err(err)?;
            chart
                .draw_series(LineSeries::new(centred_24h(&run.mean), c.stroke_width(3)))
                .map_err(err)?;
        }
        let target = &self.target[..self.target.len().min(hours)];
        chart
            .draw_series(LineSeries::new(
                centred_24h(target),
                palette::TARGET.stroke_width(2),
            ))
            .map_err(err)?;
        side_legend::draw_columns(&strip, &entries, 2, 80)
    }
}

/// The 24 h averages of hourly counts as (day, value) points, each at the
/// middle of the 24 hours it averages (fewer at the start): an average
/// drawn at its window's end would lag a disruption by half a day.
fn centred_24h(hourly: &[f64]) -> Vec<(f64, f64)> {
    rolling_24h(hourly)
        .into_iter()
        .enumerate()
        .map(|(h, v)| {
            let end = h as f64 + 1.0;
            ((end - end.min(24.0) / 2.0) / 24.0, v)
        })
        .collect()
}

/// The average of each hour and the 23 before it (fewer at the start), so
/// the daily rhythm reads at a glance behind the noisy hourly counts.
pub(crate) fn rolling_24h(hourly: &[f64]) -> Vec<f64> {
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

/// Cumulative output against the takt schedule.
pub(crate) struct CumulativeOutput {
    /// Caption above both panels.
    pub title: String,
    /// Replications averaged (1: a single run, not a mean).
    pub replications: u64,
    /// (name, mean cumulative completions at each hour's end).
    pub runs: Vec<(String, Vec<f64>)>,
    /// Robots due on the takt schedule before each hour boundary, from 0
    /// (the line's calendar counts).
    pub due_by_hour: Vec<f64>,
    /// Disruption windows [h], shaded on both panels.
    pub windows: Vec<(f64, f64)>,
}

impl CumulativeOutput {
    /// Robots due by the end of hour `h` on the takt schedule.
    fn due(&self, h: usize) -> f64 {
        let last = self.due_by_hour.len().saturating_sub(1);
        self.due_by_hour.get(h.min(last)).copied().unwrap_or(0.0)
    }

    /// The legend, in drawing order.
    fn entries(&self) -> Vec<Entry> {
        let colours = [palette::DISRUPTED, palette::TWIN];
        let mut entries: Vec<Entry> = windows_entry(&self.windows).into_iter().collect();
        entries.push(target_entry("takt schedule (robots due)".into()));
        for (k, (name, _)) in self.runs.iter().enumerate() {
            let what = if self.replications > 1 {
                "mean completed"
            } else {
                "completed"
            };
            entries.push((
                Mark::Line(colours[k % 2].stroke_width(2)),
                format!("{name}: {what}"),
            ));
        }
        entries
    }
}

impl Chart for CumulativeOutput {
    /// Two panels on one time axis: completions against the schedule, and
    /// under it the gap to the schedule, where a loss of a few robots that
    /// the cumulative scale hides is plain to see.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let entries = self.entries();
        let (root, strip) = with_strip(root, entries.len(), 2);
        let root = root
            .margin(10, 0, 0, 0)
            .titled(&self.title, title(&self.title))
            .map_err(err)?;
        let (upper, lower) = root.split_vertically(root.dim_in_pixel().1 * 3 / 5);
        let hours = self
            .runs
            .iter()
            .map(|r| r.1.len())
            .max()
            .unwrap_or(1)
            .max(1);
        let days = hours as f64 / 24.0;
        let top = nice_max(
            self.due(hours).max(
                self.runs
                    .iter()
                    .flat_map(|r| r.1.iter())
                    .fold(0.0, |m, &v| m.max(v)),
            ),
        );
        let mut chart = ChartBuilder::on(&upper)
            .margin(10)
            .margin_left(20)
            .x_label_area_size(30)
            .y_label_area_size(90)
            .build_cartesian_2d(0f64..days, 0f64..top)
            .map(plotted)
            .map_err(err)?;
        chart
            .configure_mesh()
            .y_desc("robots (cumulative)")
            .y_label_formatter(&|y| format!("{y:.0}"))
            .y_labels(whole_labels(0.0, top, 10))
            .label_style(label())
            .axis_desc_style(label())
            .x_label_formatter(&|x| format!("{x:.0}"))
            .x_labels(whole_labels(0.0, days, 10))
            .draw()
            .map_err(err)?;
        draw_windows(&mut chart, &self.windows, 0.0, top)?;
        chart
            .draw_series(LineSeries::new(
                (0..=hours).map(|h| (h as f64 / 24.0, self.due(h))),
                palette::TARGET.stroke_width(2),
            ))
            .map_err(err)?;
        let colours = [palette::DISRUPTED, palette::TWIN];
        for (k, (_, series)) in self.runs.iter().enumerate() {
            chart
                .draw_series(LineSeries::new(
                    std::iter::once((0.0, 0.0)).chain(
                        series
                            .iter()
                            .enumerate()
                            .map(|(h, &v)| ((h + 1) as f64 / 24.0, v)),
                    ),
                    colours[k % 2].stroke_width(2),
                ))
                .map_err(err)?;
        }
        // The gap panel: completed minus due, hour by hour.
        let gaps: Vec<Vec<f64>> = self
            .runs
            .iter()
            .map(|(_, series)| {
                series
                    .iter()
                    .enumerate()
                    .map(|(h, &v)| v - self.due(h + 1))
                    .collect()
            })
            .collect();
        let (lo, hi) = gaps
            .iter()
            .flatten()
            .fold((0.0f64, 0.0f64), |(lo, hi), &g| (lo.min(g), hi.max(g)));
        let (bottom, ceiling) = (-nice_max(-lo.min(-1.0)), nice_max(hi.max(1.0)));
        let mut gap = ChartBuilder::on(&lower)
            .margin(10)
            .margin_left(20)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(0f64..days, bottom..ceiling)
            .map(plotted)
            .map_err(err)?;
        gap.configure_mesh()
            .x_desc("time [days]")
            .y_desc("robots vs schedule")
            .y_label_formatter(&|y| format!("{:.0}", y + 0.0))
            .y_labels(whole_labels(bottom, ceiling, 6))
            .label_style(label())
            .axis_desc_style(label())
            .x_label_formatter(&|x| format!("{x:.0}"))
            .x_labels(whole_labels(0.0, days, 10))
            .draw()
            .map_err(err)?;
        draw_windows(&mut gap, &self.windows, bottom, ceiling)?;
        gap.draw_series(LineSeries::new(
            [(0.0, 0.0), (days, 0.0)],
            palette::TARGET.stroke_width(2),
        ))
        .map_err(err)?;
        for (k, g) in gaps.iter().enumerate() {
            gap.draw_series(LineSeries::new(
                g.iter()
                    .enumerate()
                    .map(|(h, &v)| ((h + 1) as f64 / 24.0, v)),
                colours[k % 2].stroke_width(2),
            ))
            .map_err(err)?;
        }
        side_legend::draw_columns(&strip, &entries, 2, 110)
    }
}
