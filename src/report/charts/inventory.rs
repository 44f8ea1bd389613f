//! Factory on-hand stock of each part over time, with its
//! order-up-to level; one panel per part, as their scales differ.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::plot_areas::plotted;
use super::side_legend::{self, Mark};
use super::{Chart, band_points, err, label, nice_max, palette, title};

/// One part's (or supplier's) panel.
#[derive(Debug, Clone)]
pub(crate) struct PartPanel {
    /// The y axis: "bearing on hand", "Wenzhou finished goods".
    pub y_desc: String,
    /// What the level line is: "order-up-to level", "finished-goods cap".
    pub level_name: &'static str,
    /// Stock at each hour's end [units], mean over replications.
    pub mean: Vec<f64>,
    /// Lowest and highest over replications, per hour.
    pub range: Option<(Vec<f64>, Vec<f64>)>,
    /// The level, a dashed red line [units]: the highest order-up-to of the
    /// part's routes, or the supplier's cap; `None` draws none.
    pub order_up_to: Option<f64>,
    /// Emergency or backup trucks of this part, marked along the bottom.
    pub trucks: Vec<TruckMarks>,
}

/// The trucks of one emergency or backup route, hour by hour.
#[derive(Debug, Clone)]
pub(crate) struct TruckMarks {
    /// "emergency", "backup".
    pub kind: &'static str,
    /// Trucks that left in each hour, summed over `replications`.
    pub per_hour: Vec<u32>,
    /// Replications run, so each mark is shaded by the share that sent a truck.
    pub replications: u64,
}

/// Stock over time, a panel per part (or supplier).
pub(crate) struct Inventory {
    /// Caption above the panels.
    pub title: String,
    /// One panel per part or supplier, top to bottom.
    pub parts: Vec<PartPanel>,
    /// Disruption windows [h], shaded in every panel.
    pub windows: Vec<(f64, f64)>,
}

impl Chart for Inventory {
    /// Taller beyond three panels, so each keeps room for its axis title.
    fn size(&self) -> (u32, u32) {
        let (w, h) = super::SIZE;
        (w, h.max(70 + 210 * self.parts.len() as u32))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let root = root
            .margin(10, 0, 0, 0)
            .titled(&self.title, title(&self.title))
            .map_err(err)?;
        let panels = root.split_evenly((self.parts.len().max(1), 1));
        for (k, (panel, part)) in panels.iter().zip(&self.parts).enumerate() {
            let c = palette::SERIES[k % palette::SERIES.len()];
            let hours = part.mean.len().max(1);
            let peak = part
                .range
                .as_ref()
                .map_or(&part.mean, |r| &r.1)
                .iter()
                .fold(part.order_up_to.unwrap_or(0.0), |m, &v| m.max(v));
            let top = nice_max(peak);
            let days = hours as f64 / 24.0;
            // The legend sits beside the panel, where it cannot hide data.
            let (plot, side) =
                panel.split_horizontally(panel.dim_in_pixel().0.saturating_sub(side_legend::WIDTH));
            let mut entries = Vec::new();
            let mut chart = ChartBuilder::on(&plot)
                .margin(10)
                .x_label_area_size(if k + 1 == self.parts.len() { 50 } else { 30 })
                .y_label_area_size(100)
                .build_cartesian_2d(0f64..days, 0f64..top)
                .map(plotted)
                .map_err(err)?;
            chart
                .configure_mesh()
                .x_desc(if k + 1 == self.parts.len() {
                    "time [days]"
                } else {
                    ""
                })
                .y_desc(part.y_desc.as_str())
                .label_style(label())
                .axis_desc_style(label())
                .y_labels(5)
                .y_label_formatter(&|y| format!("{y:.0}"))
                .x_label_formatter(&|x| format!("{x:.0}"))
                .draw()
                .map_err(err)?;
            for &(a, b) in &self.windows {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(a / 24.0, 0.0), (b.max(a + 0.2) / 24.0, top)],
                        palette::WINDOW.mix(0.18).filled(),
                    )))
                    .map_err(err)?;
            }
            if let Some((lo, hi)) = &part.range {
                let pts = band_points(lo, hi, |h| (h + 1) as f64 / 24.0);
                chart
                    .draw_series(std::iter::once(Polygon::new(pts, c.mix(0.15).filled())))
                    .map_err(err)?;
                entries.push((
                    Mark::Band(c.mix(0.25).filled()),
                    "lowest to highest run".to_string(),
                ));
            }
            chart
                .draw_series(LineSeries::new(
                    part.mean
                        .iter()
                        .enumerate()
                        .map(|(h, &v)| ((h + 1) as f64 / 24.0, v)),
                    c.stroke_width(2),
                ))
                .map_err(err)?;
            let line = if part.range.is_some() {
                "mean over replications"
            } else {
                "this run"
            };
            entries.push((Mark::Line(c.stroke_width(2)), line.to_string()));
            if let Some(s) = part.order_up_to {
                chart
                    .draw_series(DashedLineSeries::new(
                        [(0.0, s), (days, s)],
                        8,
                        6,
                        palette::TARGET.stroke_width(2),
                    ))
                    .map_err(err)?;
                entries.push((
                    Mark::Dashed(palette::TARGET.stroke_width(2)),
                    format!("{} {s:.0}", part.level_name),
                ));
            }
            for (j, marks) in part.trucks.iter().enumerate() {
                // A triangle per hour with a truck, stronger the more runs
                // sent one then; stacked upwards per route.
                let y = top * (0.04 + 0.06 * j as f64);
                let style = palette::CONTINGENT;
                chart
                    .draw_series(
                        marks
                            .per_hour
                            .iter()
                            .enumerate()
                            .filter(|(_, n)| **n > 0)
                            .map(|(h, &n)| {
                                let share = (n as f64 / marks.replications.max(1) as f64).min(1.0);
                                TriangleMarker::new(
                                    ((h as f64 + 0.5) / 24.0, y),
                                    6,
                                    style.mix(0.3 + 0.7 * share).filled(),
                                )
                            }),
                    )
                    .map_err(err)?;
                let total: u32 = marks.per_hour.iter().sum();
                let text = if marks.replications > 1 {
                    let mean = total as f64 / marks.replications as f64;
                    format!("{mean:.1} {} trucks a run", marks.kind)
                } else {
                    format!("{total} {} trucks", marks.kind)
                };
                entries.push((Mark::Triangle(style.filled()), text));
            }
            side_legend::draw(&side, &entries)?;
        }
        Ok(())
    }
}
