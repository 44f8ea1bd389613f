//! Where a chart's data may go: each panel notes its plot area (and each
//! legend drawn beside the panels its own area) while the chart checks
//! record a drawing, so that a check can find a mark of data drawn beyond
//! every plot area (a marker past the axis's end, a bar left of its axis).
//! Outside a check, noting costs a thread-local read.

use std::cell::RefCell;

use plotters::chart::ChartContext;
use plotters::coord::Shift;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// A box [px]: (left, top, right, bottom).
pub(crate) type Rect = (i32, i32, i32, i32);

/// A colour (red, green, blue).
type Rgb = (u8, u8, u8);

/// A mark as drawn: a line from one point to another, or a box (its
/// top-left and bottom-right corners), and its colour.
pub(crate) type Mark = ((i32, i32), (i32, i32), Rgb);

/// The areas noted while a chart is recorded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Areas {
    /// Each panel's plot area [px].
    pub plots: Vec<Rect>,
    /// Each legend's area beside the panels [px].
    pub legends: Vec<Rect>,
}

thread_local! {
    static NOTED: RefCell<Option<Areas>> = const { RefCell::new(None) };
}

/// Starts noting areas (the chart checks, before recording a drawing).
pub(crate) fn start() {
    NOTED.with(|n| *n.borrow_mut() = Some(Areas::default()));
}

/// The areas noted since [`start`], and stops noting.
pub(crate) fn finish() -> Areas {
    NOTED.with(|n| n.borrow_mut().take()).unwrap_or_default()
}

fn note(add: impl FnOnce(&mut Areas)) {
    NOTED.with(|n| {
        if let Some(areas) = n.borrow_mut().as_mut() {
            add(areas);
        }
    });
}

fn rect_of((x, y): (std::ops::Range<i32>, std::ops::Range<i32>)) -> Rect {
    (x.start, y.start, x.end, y.end)
}

/// Notes `chart`'s plot area and gives the chart back: wrap every
/// `build_cartesian_2d` in it.
pub(crate) fn plotted<'a, DB, X, Y>(
    chart: ChartContext<'a, DB, Cartesian2d<X, Y>>,
) -> ChartContext<'a, DB, Cartesian2d<X, Y>>
where
    DB: DrawingBackend,
    X: Ranged,
    Y: Ranged,
{
    note(|a| {
        a.plots
            .push(rect_of(chart.plotting_area().get_pixel_range()))
    });
    chart
}

/// Notes `area` as a legend's, beside the panels.
pub(crate) fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) {
    note(|a| a.legends.push(rect_of(area.get_pixel_range())));
}

/// How far past a plot area's edge a mark may reach [px]: half the width
/// of the thickest line drawn on the edge (a stock at 0 drawn 3 px wide).
const SLACK: i32 = 4;

fn within((x, y): (i32, i32), r: &Rect) -> bool {
    x >= r.0 - SLACK && x <= r.2 + SLACK && y >= r.1 - SLACK && y <= r.3 + SLACK
}

/// Marks of data (lines and filled boxes in a colour other than black,
/// the axes', or white, the grounds') with an end in no plot area, no
/// legend area and no legend box (`legend_boxes`, drawn on a panel).
pub(crate) fn beyond_plot_areas(
    areas: &Areas,
    legend_boxes: &[Rect],
    marks: impl IntoIterator<Item = Mark>,
) -> Vec<String> {
    if areas.plots.is_empty() {
        return vec!["no plot area noted: build each panel through plot_areas::plotted".into()];
    }
    let placed = |p: (i32, i32)| {
        areas
            .plots
            .iter()
            .chain(&areas.legends)
            .chain(legend_boxes)
            .any(|r| within(p, r))
    };
    marks
        .into_iter()
        .filter(|&(_, _, rgb)| rgb != (0, 0, 0) && rgb != (255, 255, 255))
        .filter(|&(a, b, _)| !placed(a) || !placed(b))
        .map(|(a, b, _)| format!("a mark {a:?}-{b:?}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLUE: Rgb = (31, 119, 180);

    #[test]
    fn a_mark_past_the_axis_end_is_found_and_one_on_the_edge_is_not() {
        let areas = Areas {
            plots: vec![(100, 50, 500, 350)],
            legends: vec![(520, 50, 700, 350)],
        };
        let inside = ((100, 350), (500, 50), BLUE);
        let legend = ((530, 60), (560, 60), BLUE);
        let axis = ((95, 350), (100, 350), (0, 0, 0));
        let found = beyond_plot_areas(&areas, &[], [inside, legend, axis]);
        assert!(found.is_empty(), "{found:?}");
        let past = ((480, 200), (510, 200), BLUE);
        assert_eq!(beyond_plot_areas(&areas, &[], [past]).len(), 1);
        assert!(!beyond_plot_areas(&Areas::default(), &[], []).is_empty());
    }
}
