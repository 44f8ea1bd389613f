//! The resilience "triangle": how far behind its twin a disrupted line is
//! over time (gap = twin's completions - this run's), with the moments that
//! name the paired figures marked: the start, the first shortfall (TTS), the
//! peak, the end, the line back at full pace (TTR) and the catch-up.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::plot_areas::plotted;
use super::side_legend::{Entry, Mark};
use super::{Chart, err, label, nice_max, palette, title, whole_labels};

/// The gap over time and the marked moments.
pub(crate) struct Shortfall {
    /// Caption above the chart.
    pub title: String,
    /// Robots behind the twin at each hour's end.
    pub gap: Vec<f64>,
    /// Disruption windows [h].
    pub windows: Vec<(f64, f64)>,
    /// (what, when [h]) moments to mark with a vertical line.
    pub marks: Vec<(String, f64)>,
    /// "mean of N replications" or "one run".
    pub what: String,
}

impl Chart for Shortfall {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let days = (self.gap.len().max(1) as f64) / 24.0;
        let peak = self.gap.iter().copied().fold(0.0, f64::max);
        let low = self.gap.iter().copied().fold(0.0, f64::min);
        let top = nice_max(peak.max(1.0) * 1.25);
        let bottom = if low < 0.0 {
            -nice_max(-low * 1.1)
        } else {
            0.0
        };
        let c = palette::DISRUPTED;
        let mut entries: Vec<Entry> = super::hourly::windows_entry(&self.windows)
            .into_iter()
            .collect();
        entries.push((
            Mark::Band(c.mix(0.25).filled()),
            format!("robots behind the twin ({})", self.what),
        ));
        let (root, strip) = super::hourly::with_strip(root, entries.len(), 2);
        let mut chart = ChartBuilder::on(&root)
            .caption(&self.title, title(&self.title))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d(0f64..days, bottom..top)
            .map(plotted)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("time [days]")
            .y_desc("robots behind the undisrupted twin")
            .label_style(label())
            .axis_desc_style(label())
            .x_label_formatter(&|x| format!("{x:.0}"))
            .x_labels(whole_labels(0.0, days, 10))
            .y_label_formatter(&|y| format!("{:.0}", y + 0.0))
            .y_labels(whole_labels(bottom, top, 10))
            .draw()
            .map_err(err)?;
        super::hourly::draw_windows(&mut chart, &self.windows, bottom, top)?;
        chart
            .draw_series(AreaSeries::new(
                self.gap
                    .iter()
                    .enumerate()
                    .map(|(h, &g)| ((h + 1) as f64 / 24.0, g)),
                0.0,
                c.mix(0.25),
            ))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                self.gap
                    .iter()
                    .enumerate()
                    .map(|(h, &g)| ((h + 1) as f64 / 24.0, g)),
                c.stroke_width(2),
            ))
            .map_err(err)?;
        // Every mark's line first, then every label on a white ground, so
        // no line crosses a label; labels step down so neighbouring marks
        // never print over each other, and one that would run past the
        // right edge is set to the left of its line.
        for (_, at) in &self.marks {
            let x = at / 24.0;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(x, bottom), (x, top)],
                    BLACK.mix(0.6).stroke_width(1),
                )))
                .map_err(err)?;
        }
        let font = ("sans-serif", 14).into_font();
        let width = chart.plotting_area().dim_in_pixel().0 as f64;
        for (k, (name, at)) in self.marks.iter().enumerate() {
            let x = at / 24.0;
            let (w, h) = font.box_size(name).map_err(err)?;
            let (w, h) = (w as i32, h as i32);
            let room = width * (1.0 - x / days);
            let left = if room < f64::from(w + 12) {
                -(w + 4)
            } else {
                4
            };
            let y = 6 + 18 * k as i32;
            let style = font
                .clone()
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Top));
            chart
                .plotting_area()
                .draw(
                    &(EmptyElement::at((x, top))
                        + Rectangle::new(
                            [(left - 2, y - 1), (left + w + 2, y + h + 1)],
                            WHITE.mix(0.8).filled(),
                        )
                        + Text::new(name.clone(), (left, y), style)),
                )
                .map_err(err)?;
        }
        super::side_legend::draw_columns(&strip, &entries, 2, 90)
    }
}
