//! Points in groups, each group its own colour and marker: candidates of a
//! search by running cost and expected annual loss, with today's plan and
//! the winner marked. No lines join the points.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::plot_areas::plotted;
use super::resilience::compact_in;
use super::{Chart, err, label, legend, nice_max, title};

/// How a group's points are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    /// A small filled dot.
    Dot,
    /// A small cross (e.g. a point that fails a constraint).
    Cross,
    /// A large hollow square (e.g. today's plan).
    Square,
    /// A large filled triangle (e.g. the winner).
    Triangle,
}

/// A scatter chart.
pub(crate) struct Scatter {
    /// Caption above the chart.
    pub title: String,
    /// The x axis title.
    pub x_desc: String,
    /// The y axis title.
    pub y_desc: String,
    /// The groups, drawn in order (the last on top).
    pub groups: Vec<Group>,
}

/// Points drawn alike, under one legend entry.
pub(crate) struct Group {
    /// Legend name.
    pub name: String,
    /// Colour.
    pub colour: RGBColor,
    /// Marker.
    pub marker: Marker,
    /// The points (x, y).
    pub points: Vec<(f64, f64)>,
}

impl Chart for Scatter {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let pts = || {
            self.groups
                .iter()
                .flat_map(|g| g.points.iter())
                .filter(|p| p.0.is_finite() && p.1.is_finite())
        };
        let (x0, x1) = pts().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.0), b.max(p.0))
        });
        let (x0, x1) = if x0.is_finite() {
            let span = (x1 - x0).max(x0.abs() * 0.01).max(1.0);
            (x0 - span * 0.08, x1 + span * 0.08)
        } else {
            (0.0, 1.0)
        };
        let hi = pts().map(|p| p.1).fold(0.0, f64::max);
        let lo = pts().map(|p| p.1).fold(0.0, f64::min);
        let top = nice_max(hi);
        // Headroom for the legend, clear of every point.
        let rows = self.groups.len() as f64 + 1.0;
        let y1 = top * (1.0 + 0.07 * rows);
        // Room below the lowest point (a negative one too: a plan whose
        // disruptions save money), so a marker at the bottom is drawn whole
        // inside the plot; less than a tick's step, so 0 stays the first
        // tick when nothing is negative.
        let y0 = lo - (y1.max(1.0) - lo) * 0.04;
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, title(&self.title))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(x0..x1, y0..y1.max(1.0))
            .map(plotted)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc(self.x_desc.as_str())
            .y_desc(self.y_desc.as_str())
            .x_label_formatter(&compact_in(x1 - x0))
            .y_label_formatter(&compact_in(y1 - y0))
            .label_style(label())
            .axis_desc_style(label())
            .draw()
            .map_err(err)?;
        for Group {
            name,
            colour: c,
            marker,
            points,
        } in &self.groups
        {
            let c = *c;
            let at = points
                .iter()
                .copied()
                .filter(|p| p.0.is_finite() && p.1.is_finite());
            let name = name.as_str();
            match marker {
                Marker::Dot => {
                    chart
                        .draw_series(at.map(|p| Circle::new(p, 4, c.filled())))
                        .map_err(err)?
                        .label(name)
                        .legend(move |(x, y)| Circle::new((x + 10, y), 4, c.filled()));
                }
                Marker::Cross => {
                    chart
                        .draw_series(at.map(|p| Cross::new(p, 4, c.stroke_width(2))))
                        .map_err(err)?
                        .label(name)
                        .legend(move |(x, y)| Cross::new((x + 10, y), 4, c.stroke_width(2)));
                }
                Marker::Square => {
                    chart
                        .draw_series(at.map(|p| {
                            EmptyElement::at(p)
                                + Rectangle::new([(-9, -9), (9, 9)], c.stroke_width(3))
                        }))
                        .map_err(err)?
                        .label(name)
                        .legend(move |(x, y)| {
                            EmptyElement::at((x + 10, y))
                                + Rectangle::new([(-6, -6), (6, 6)], c.stroke_width(2))
                        });
                }
                Marker::Triangle => {
                    chart
                        .draw_series(at.map(|p| TriangleMarker::new(p, 10, c.filled())))
                        .map_err(err)?
                        .label(name)
                        .legend(move |(x, y)| TriangleMarker::new((x + 10, y), 7, c.filled()));
                }
            }
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight, 18)
    }
}
