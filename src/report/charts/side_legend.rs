//! Legends drawn beside or below a chart instead of on it, so they never
//! hide data: a column beside each panel, or a strip of columns under a
//! single chart.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::err;

/// How an entry's swatch is drawn, in the style of its series.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    /// A filled band or area (an interval over replications, a window).
    Band(ShapeStyle),
    /// A solid line.
    Line(ShapeStyle),
    /// A dashed line (a level).
    Dashed(ShapeStyle),
    /// A triangle marking an instant (a truck sent).
    Triangle(ShapeStyle),
}

/// One legend entry.
pub(crate) type Entry = (Mark, String);

/// Width a column beside a panel needs, in pixels.
pub(crate) const WIDTH: u32 = 250;

/// Height of one legend row, in pixels.
const ROW: i32 = 22;

/// Height a strip of `entries` in `columns` columns needs, in pixels.
pub(crate) fn strip_height(entries: usize, columns: usize) -> u32 {
    let rows = entries.div_ceil(columns.max(1)) as u32;
    rows * ROW as u32 + 14
}

/// Draws `entries` top-down in `area`, one row each, swatch then text.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
) -> Result<(), String> {
    draw_columns(area, entries, 1, 0)
}

/// Draws `entries` in `columns` columns filled top-down, left-aligned at
/// `indent` pixels (the chart's y-label area, so the strip lines up with
/// the plot).
pub(crate) fn draw_columns<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    columns: usize,
    indent: i32,
) -> Result<(), String> {
    super::plot_areas::legend(area);
    let columns = columns.max(1);
    let rows = entries.len().div_ceil(columns);
    let width = (area.dim_in_pixel().0 as i32 - indent) / columns as i32;
    let font = ("sans-serif", 16).into_font();
    for (k, (mark, text)) in entries.iter().enumerate() {
        let (col, row) = (k / rows.max(1), k % rows.max(1));
        let y = 14 + ROW * row as i32;
        let x0 = indent + 8 + width * col as i32;
        let x1 = x0 + 24;
        match *mark {
            Mark::Band(s) => area
                .draw(&Rectangle::new([(x0, y - 6), (x1, y + 6)], s.filled()))
                .map_err(err)?,
            Mark::Line(s) => area
                .draw(&PathElement::new(vec![(x0, y), (x1, y)], s))
                .map_err(err)?,
            Mark::Triangle(s) => area
                .draw(&TriangleMarker::new((x0 + 12, y), 7, s.filled()))
                .map_err(err)?,
            Mark::Dashed(s) => {
                for (a, b) in [(x0, x0 + 8), (x0 + 14, x1)] {
                    area.draw(&PathElement::new(vec![(a, y), (b, y)], s))
                        .map_err(err)?;
                }
            }
        }
        area.draw(&Text::new(
            text.clone(),
            (x1 + 8, y - 8),
            font.clone().color(&BLACK),
        ))
        .map_err(err)?;
    }
    Ok(())
}
