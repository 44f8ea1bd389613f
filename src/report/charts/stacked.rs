//! Stacked bars: each group's total split into its parts (a plan's yearly
//! cost by kind), with the interval of the total on top.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::resilience::{Point, group_chart, group_names, wrapped_groups};
use super::{Chart, err, legend, nice_max, palette, title};

/// One bar per group, stacked from its parts, the total's interval on top.
pub(crate) struct StackedBars {
    /// Caption above the chart.
    pub title: String,
    /// Group names under the bars, wrapped to fit.
    pub groups: Vec<String>,
    /// The y axis title.
    pub y_desc: String,
    /// (part name, value per group), stacked bottom to top; negative
    /// values are drawn as 0.
    pub parts: Vec<(String, Vec<f64>)>,
    /// The total of each group with its interval (the error bar).
    pub totals: Vec<Point>,
}

impl Chart for StackedBars {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let root = root.titled(&self.title, title(&self.title)).map_err(err)?;
        let groups = self.groups.len().max(1);
        let wrapped = wrapped_groups(&self.groups, root.dim_in_pixel().0 as f64);
        let stack_top = (0..groups)
            .map(|g| {
                self.parts
                    .iter()
                    .map(|(_, v)| v.get(g).copied().unwrap_or(0.0).max(0.0))
                    .filter(|v| v.is_finite())
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        let bar_top = self
            .totals
            .iter()
            .map(|p| p.high.max(p.mean))
            .filter(|v| v.is_finite())
            .fold(stack_top, f64::max);
        // Headroom for the legend above the tallest bar.
        let top = nice_max(bar_top * (1.0 + 0.07 * (self.parts.len() as f64 + 1.0)));
        let mut chart = group_chart(&root, &wrapped, top, &self.y_desc)?;
        let mut base = vec![0.0; groups];
        for (k, (name, values)) in self.parts.iter().enumerate() {
            let c = palette::SERIES[k % palette::SERIES.len()];
            let segments: Vec<(f64, f64, f64)> = (0..groups)
                .map(|g| {
                    let v = values.get(g).copied().unwrap_or(0.0);
                    let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
                    let from = base[g];
                    base[g] += v;
                    (g as f64, from, from + v)
                })
                .collect();
            chart
                .draw_series(segments.iter().map(|&(g, from, to)| {
                    Rectangle::new([(g - 0.3, from), (g + 0.3, to)], c.mix(0.85).filled())
                }))
                .map_err(err)?
                .label(name.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 20, y + 6)], c.filled()));
        }
        chart
            .draw_series(
                self.totals
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.low.is_finite() && p.high.is_finite())
                    .map(|(g, p)| {
                        ErrorBar::new_vertical(
                            g as f64,
                            p.low.max(0.0),
                            p.mean,
                            p.high,
                            BLACK.stroke_width(2),
                            14,
                        )
                    }),
            )
            .map_err(err)?;
        group_names(chart.plotting_area(), &wrapped)?;
        legend(&mut chart, SeriesLabelPosition::UpperRight, 14)
    }
}
