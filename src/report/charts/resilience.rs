//! Chart 5: what disruptions cost. Curves of a figure against a swept
//! parameter (robots lost or TTR against outage duration, one curve per
//! supplier; robots lost against order-up-to level), and grouped bars for a
//! study of named disruptions (robots lost, TTS beside TTR).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Chart, category, err, label, legend, nice_max, palette, title};

/// A point with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
}

/// Curves of one figure against a swept parameter.
pub struct Curves {
    pub title: String,
    pub x_desc: String,
    pub y_desc: String,
    pub curves: Vec<(String, Vec<Point>)>,
}

impl Chart for Curves {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let pts = self.curves.iter().flat_map(|c| c.1.iter());
        let (x0, x1) = pts
            .clone()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                (a.min(p.x), b.max(p.x))
            });
        let (x0, x1) = if x0.is_finite() {
            (x0, x1.max(x0 + 1.0))
        } else {
            (0.0, 1.0)
        };
        let pad = (x1 - x0) * 0.05;
        let y1 = nice_max(
            pts.clone()
                .map(|p| p.high.max(p.mean))
                .filter(|v| v.is_finite())
                .fold(0.0, f64::max),
        );
        let y0 = pts
            .map(|p| p.low.min(p.mean))
            .filter(|v| v.is_finite())
            .fold(0.0, f64::min);
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, title())
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d((x0 - pad)..(x1 + pad), y0..y1)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc(self.x_desc.as_str())
            .y_desc(self.y_desc.as_str())
            .label_style(label())
            .axis_desc_style(label())
            .draw()
            .map_err(err)?;
        for (k, (name, points)) in self.curves.iter().enumerate() {
            let c = palette::SERIES[k % palette::SERIES.len()];
            let valid: Vec<&Point> = points.iter().filter(|p| p.mean.is_finite()).collect();
            chart
                .draw_series(LineSeries::new(
                    valid.iter().map(|p| (p.x, p.mean)),
                    c.stroke_width(2),
                ))
                .map_err(err)?
                .label(name.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(2))
                });
            chart
                .draw_series(
                    valid
                        .iter()
                        .map(|p| Circle::new((p.x, p.mean), 4, c.filled())),
                )
                .map_err(err)?;
            chart
                .draw_series(
                    valid
                        .iter()
                        .filter(|p| p.low.is_finite() && p.high.is_finite())
                        .map(|p| {
                            ErrorBar::new_vertical(p.x, p.low, p.mean, p.high, c.stroke_width(1), 8)
                        }),
                )
                .map_err(err)?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft, 18)
    }
}

/// One panel of grouped bars: a value with its interval per group and series.
pub struct BarPanel {
    pub y_desc: String,
    /// Series name and, per group, the estimate (None = undefined).
    pub series: Vec<(String, Vec<Option<Point>>)>,
}

/// Grouped bars for a study of named disruptions, one panel per figure.
pub struct Bars {
    pub title: String,
    pub groups: Vec<String>,
    pub panels: Vec<BarPanel>,
}

impl Chart for Bars {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let root = root.titled(&self.title, title()).map_err(err)?;
        let areas = root.split_evenly((1, self.panels.len().max(1)));
        let groups = self.groups.len().max(1);
        for (area, panel) in areas.iter().zip(&self.panels) {
            let top = nice_max(
                panel
                    .series
                    .iter()
                    .flat_map(|s| s.1.iter().flatten())
                    .map(|p| p.high.max(p.mean))
                    .filter(|v| v.is_finite())
                    .fold(0.0, f64::max),
            );
            let mut chart = ChartBuilder::on(area)
                .margin(15)
                .x_label_area_size(60)
                .y_label_area_size(80)
                .build_cartesian_2d(-0.5f64..groups as f64 - 0.5, 0f64..top)
                .map_err(err)?;
            let names = self.groups.clone();
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(groups + 2)
                .x_label_formatter(&|x| category(&names, *x))
                .x_label_style(("sans-serif", 13))
                .y_desc(panel.y_desc.as_str())
                .label_style(label())
                .axis_desc_style(label())
                .draw()
                .map_err(err)?;
            let n = panel.series.len().max(1) as f64;
            for (k, (name, values)) in panel.series.iter().enumerate() {
                let c = palette::SERIES[k % palette::SERIES.len()];
                let w = 0.7 / n;
                let bars: Vec<(f64, Point)> = values
                    .iter()
                    .enumerate()
                    .filter_map(|(g, v)| v.map(|p| (g as f64 - 0.35 + k as f64 * w, p)))
                    .collect();
                chart
                    .draw_series(bars.iter().map(|(x, p)| {
                        Rectangle::new([(*x, 0.0), (x + w, p.mean.max(0.0))], c.mix(0.85).filled())
                    }))
                    .map_err(err)?
                    .label(name.as_str())
                    .legend(move |(x, y)| {
                        Rectangle::new([(x, y - 6), (x + 20, y + 6)], c.filled())
                    });
                chart
                    .draw_series(
                        bars.iter()
                            .filter(|(_, p)| p.low.is_finite() && p.high.is_finite())
                            .map(|(x, p)| {
                                ErrorBar::new_vertical(
                                    x + w / 2.0,
                                    p.low.max(0.0),
                                    p.mean,
                                    p.high,
                                    BLACK.stroke_width(1),
                                    10,
                                )
                            }),
                    )
                    .map_err(err)?;
            }
            legend(&mut chart, SeriesLabelPosition::UpperRight, 14)?;
        }
        Ok(())
    }
}
