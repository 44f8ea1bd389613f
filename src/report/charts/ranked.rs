//! Horizontal bars in ranked sections: one bar per item with its name on
//! the left and its value at the bar's end, a colour per section (the
//! reverse stress test's combinations, grouped by how many nodes fail).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::plot_areas::plotted;
use super::resilience::compact;
use super::{Chart, err, label, nice_max, palette, title};

/// Ranked horizontal bars, in sections.
pub(crate) struct RankedBars {
    /// Caption above the chart.
    pub title: String,
    /// The x axis title: the value.
    pub x_desc: String,
    /// (section heading, its items (name, value)), top to bottom; a
    /// section without items shows its heading alone.
    pub sections: Vec<(String, Vec<(String, f64)>)>,
}

/// A bar's row, name, value and section.
type Row<'a> = (f64, &'a str, f64, usize);

/// Pixels per bar.
const ROW: u32 = 30;

impl RankedBars {
    /// Every bar's row (each section under a heading row) with its name,
    /// value and section; and each section's heading row.
    fn layout(&self) -> (Vec<Row<'_>>, Vec<f64>) {
        let mut out = Vec::new();
        let mut headings = Vec::new();
        let mut row = -1.0;
        for (s, (_, items)) in self.sections.iter().enumerate() {
            // The heading's row (an empty section keeps its heading).
            row += 1.0;
            headings.push(row);
            for (name, v) in items {
                row += 1.0;
                out.push((row, name.as_str(), *v, s));
            }
        }
        (out, headings)
    }

    /// Rows in all, headings included.
    fn rows(&self) -> f64 {
        let (bars, headings) = self.layout();
        bars.iter().map(|r| r.0).chain(headings).fold(0.0, f64::max) + 1.0
    }
}

impl Chart for RankedBars {
    fn size(&self) -> (u32, u32) {
        let rows = self.rows() as u32;
        (super::SIZE.0, (150 + ROW * rows).max(320))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let root = root.titled(&self.title, title(&self.title)).map_err(err)?;
        let n = self.rows();
        let (rows, headings) = self.layout();
        let top = nice_max(rows.iter().map(|r| r.2).fold(0.0, f64::max) * 1.15);
        let mut chart = ChartBuilder::on(&root)
            .margin(15)
            .x_label_area_size(50)
            .y_label_area_size(420)
            .build_cartesian_2d(0f64..top, n - 0.5..-0.5f64)
            .map(plotted)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_label_formatter(&|x| compact(*x))
            .x_desc(self.x_desc.as_str())
            .label_style(label())
            .axis_desc_style(label())
            .draw()
            .map_err(err)?;
        let area = chart.plotting_area();
        for (s, (section, _)) in self.sections.iter().enumerate() {
            let c = palette::SERIES[s % palette::SERIES.len()];
            let bars: Vec<_> = rows.iter().filter(|r| r.3 == s).collect();
            area.draw(
                &(EmptyElement::at((0.0, headings[s]))
                    + Text::new(
                        section.clone(),
                        (6, 0),
                        ("sans-serif", 17)
                            .into_font()
                            .style(FontStyle::Bold)
                            .color(&c)
                            .pos(Pos::new(HPos::Left, VPos::Center)),
                    )),
            )
            .map_err(err)?;
            for &&(row, _, v, _) in &bars {
                area.draw(&Rectangle::new(
                    [(0.0, row - 0.35), (v, row + 0.35)],
                    c.mix(0.85).filled(),
                ))
                .map_err(err)?;
            }
        }
        let name_style = ("sans-serif", 15)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        let value_style = ("sans-serif", 14)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for &(row, name, v, _) in &rows {
            area.draw(
                &(EmptyElement::at((0.0, row))
                    + Text::new(name.to_string(), (-8, 0), name_style.clone())),
            )
            .map_err(err)?;
            area.draw(
                &(EmptyElement::at((v, row))
                    + Text::new(format!("{v:.2}"), (6, 0), value_style.clone())),
            )
            .map_err(err)?;
        }
        Ok(())
    }
}
