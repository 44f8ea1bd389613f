//! What disruptions cost. Curves of a figure against a swept
//! parameter (robots lost or TTR against outage duration, one curve per
//! supplier; robots lost against order-up-to level), and grouped bars for a
//! study of named disruptions (robots lost, TTS beside TTR).

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::plot_areas::plotted;
use super::side_legend::{Entry, Mark};
use super::{Chart, err, label, legend, nice_max, palette, title};

/// A point with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point {
    /// Swept value on the x axis (unused by bars).
    pub x: f64,
    /// The estimate: +infinity where every replication survived, NaN where there is none.
    pub mean: f64,
    /// Lower end of the interval (NaN where there is none).
    pub low: f64,
    /// Upper end of the interval (NaN where there is none).
    pub high: f64,
}

/// Curves of one figure against a swept parameter. A point whose mean is
/// +infinity is one where the figure is undefined in every replication
/// (the line survived): it is drawn as a hollow triangle at the top.
pub(crate) struct Curves {
    /// Caption above the chart.
    pub title: String,
    /// The x axis title: the swept parameter.
    pub x_desc: String,
    /// The y axis title: the figure.
    pub y_desc: String,
    /// (legend name, points): one curve per scenario, node or supplier.
    pub curves: Vec<(String, Vec<Point>)>,
    /// Fit the y axis to the data instead of starting it at zero.
    pub fit_y: bool,
}

impl Curves {
    /// The legend: the survived mark if any point has it, then a line per
    /// curve in its colour.
    fn entries(&self) -> Vec<Entry> {
        let survived = self
            .curves
            .iter()
            .any(|c| c.1.iter().any(|p| p.mean == f64::INFINITY));
        let mut entries: Vec<Entry> = Vec::new();
        if survived {
            entries.push((
                Mark::Triangle(BLACK.stroke_width(2)),
                "every replication survived (no shortfall)".into(),
            ));
        }
        for (k, (name, _)) in self.curves.iter().enumerate() {
            entries.push((Mark::Line(series_colour(k).stroke_width(2)), name.clone()));
        }
        entries
    }
}

/// The `k`-th series' colour.
fn series_colour(k: usize) -> RGBColor {
    palette::SERIES[k % palette::SERIES.len()]
}

impl Chart for Curves {
    /// The legend in a strip under the plot, so however many curves there
    /// are it hides none of them and the y axis fits the data.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let entries = self.entries();
        let columns = entries.len().clamp(1, 3);
        let (root, strip) = super::hourly::with_strip(root, entries.len(), columns);
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
        // Room at both ends, so a point at the end of the swept range is
        // drawn whole inside the plot, not half over the axis. The room is
        // less than a tick's step, so a swept value from 0 up shows no
        // negative tick.
        let pad = (x1 - x0) * 0.05;
        let left = x0 - pad;
        let finite = || {
            pts.clone()
                .flat_map(|p| [p.low, p.mean, p.high])
                .filter(|v| v.is_finite())
        };
        let (lo, hi) = finite().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let (y0, data_top) = if !lo.is_finite() {
            (0.0, 1.0)
        } else if self.fit_y {
            let margin = ((hi - lo) * 0.1).max(1.0);
            ((lo - margin).floor(), (hi + margin).ceil())
        } else {
            (lo.min(0.0), nice_max(hi.max(0.0)))
        };
        // Survived points sit in a row per curve just above the data.
        let survived_rows = self
            .curves
            .iter()
            .filter(|c| c.1.iter().any(|p| p.mean == f64::INFINITY))
            .count();
        let y1 = if survived_rows > 0 {
            data_top + (data_top - y0) * 0.04 * (survived_rows as f64 + 1.0)
        } else {
            data_top
        };
        let mut chart = ChartBuilder::on(&root)
            .caption(&self.title, title(&self.title))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(left..(x1 + pad), y0..y1)
            .map(plotted)
            .map_err(err)?;
        let compact_x = compact_in(x1 + pad - left);
        let compact_y = compact_in(y1 - y0);
        chart
            .configure_mesh()
            .x_desc(self.x_desc.as_str())
            .y_desc(self.y_desc.as_str())
            .y_label_formatter(&compact_y)
            // Amounts read as 5M, not 5000000.0; hours as 50, not 50.0.
            .x_label_formatter(&compact_x)
            .label_style(label())
            .axis_desc_style(label())
            .draw()
            .map_err(err)?;
        let mut row = 0;
        for (k, (_, points)) in self.curves.iter().enumerate() {
            let c = series_colour(k);
            let survived: Vec<f64> = points
                .iter()
                .filter(|p| p.mean == f64::INFINITY)
                .map(|p| p.x)
                .collect();
            if !survived.is_empty() {
                row += 1;
                // One row per curve, so coinciding points stay visible.
                let y = data_top + (data_top - y0) * 0.04 * row as f64;
                chart
                    .draw_series(
                        survived
                            .iter()
                            .map(|&x| TriangleMarker::new((x, y), 7, c.stroke_width(2))),
                    )
                    .map_err(err)?;
            }
            let valid: Vec<&Point> = points.iter().filter(|p| p.mean.is_finite()).collect();
            chart
                .draw_series(LineSeries::new(
                    valid.iter().map(|p| (p.x, p.mean)),
                    c.stroke_width(2),
                ))
                .map_err(err)?;
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
                        .filter(|p| p.low.is_finite() && p.high.is_finite() && p.high > p.low)
                        .map(|p| {
                            ErrorBar::new_vertical(p.x, p.low, p.mean, p.high, c.stroke_width(1), 8)
                        }),
                )
                .map_err(err)?;
        }
        super::side_legend::draw_columns(&strip, &entries, columns, 90)
    }
}

/// One panel of grouped bars: a value with its interval per group and series.
pub(crate) struct BarPanel {
    /// The panel's y axis title: the figure.
    pub y_desc: String,
    /// Series name and, per group, the estimate (None = undefined).
    pub series: Vec<(String, Vec<Option<Point>>)>,
}

/// Grouped bars for a study of named disruptions, one panel per figure.
pub(crate) struct Bars {
    /// Caption above the panels.
    pub title: String,
    /// Group names under the bars (disruptions, nodes, parts), wrapped to fit.
    pub groups: Vec<String>,
    /// One panel per figure, side by side (stacked beyond six groups).
    pub panels: Vec<BarPanel>,
}

impl Bars {
    /// Beyond six groups the panels are stacked, each the full width, so
    /// every group keeps room for its name.
    fn stacked(&self) -> bool {
        self.groups.len() > 6
    }
}

impl Chart for Bars {
    fn size(&self) -> (u32, u32) {
        let (w, h) = super::SIZE;
        if self.stacked() {
            (w, 60 + 340 * self.panels.len().max(1) as u32)
        } else {
            (w, h)
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let root = root.titled(&self.title, title(&self.title)).map_err(err)?;
        let panels = self.panels.len().max(1);
        let (areas, across) = if self.stacked() {
            (root.split_evenly((panels, 1)), 1)
        } else {
            (root.split_evenly((1, panels)), panels)
        };
        let wrapped = wrapped_groups(&self.groups, root.dim_in_pixel().0 as f64 / across as f64);
        for (area, panel) in areas.iter().zip(&self.panels) {
            // Headroom over the tallest bar for the legend in the upper
            // right, a row per series, so it covers no bar.
            let tallest = panel
                .series
                .iter()
                .flat_map(|s| s.1.iter().flatten())
                .map(|p| p.high.max(p.mean))
                .filter(|v| v.is_finite())
                .fold(0.0, f64::max);
            let rows = panel.series.len() as f64;
            let top = nice_max(tallest * (1.0 + 0.12 * (rows + 1.0)));
            let mut chart = group_chart(area, &wrapped, top, &panel.y_desc)?;
            let n = panel.series.len().max(1) as f64;
            for (k, (name, values)) in panel.series.iter().enumerate() {
                let c = palette::SERIES[k % palette::SERIES.len()];
                let w = 0.7 / n;
                let bars: Vec<(f64, Point)> = values
                    .iter()
                    .enumerate()
                    .filter_map(|(g, v)| v.map(|p| (g as f64 - 0.35 + k as f64 * w, p)))
                    .collect();
                let survived: Vec<f64> = bars
                    .iter()
                    .filter(|(_, p)| p.mean == f64::INFINITY)
                    .map(|(x, _)| x + w / 2.0)
                    .collect();
                if !survived.is_empty() {
                    // Undefined because nothing fell short: a hollow
                    // triangle at the foot of its bar, not a bar of 0 h.
                    chart
                        .draw_series(
                            survived.iter().map(|&x| {
                                TriangleMarker::new((x, top * 0.04), 7, c.stroke_width(2))
                            }),
                        )
                        .map_err(err)?
                        .label("every replication survived")
                        .legend(move |(x, y)| {
                            TriangleMarker::new((x + 10, y), 6, c.stroke_width(2))
                        });
                }
                chart
                    .draw_series(
                        bars.iter()
                            .filter(|(_, p)| p.mean.is_finite())
                            .map(|(x, p)| {
                                Rectangle::new(
                                    [(*x, 0.0), (x + w, p.mean.max(0.0))],
                                    c.mix(0.85).filled(),
                                )
                            }),
                    )
                    .map_err(err)?
                    .label(name.as_str())
                    .legend(move |(x, y)| {
                        Rectangle::new([(x, y - 6), (x + 20, y + 6)], c.filled())
                    });
                chart
                    .draw_series(
                        bars.iter()
                            .filter(|(_, p)| {
                                p.mean.is_finite()
                                    && p.low.is_finite()
                                    && p.high.is_finite()
                                    && p.high > p.low
                            })
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
            group_names(chart.plotting_area(), &wrapped)?;
            legend(&mut chart, SeriesLabelPosition::UpperRight, 14)?;
        }
        Ok(())
    }
}

/// Group names wrapped onto lines that fit under their bars in a panel
/// `width` pixels wide (about 7.5 px a character at 13 px), so neighbours
/// never overlap.
pub(crate) fn wrapped_groups(groups: &[String], width: f64) -> Vec<Vec<String>> {
    let room = width - 110.0;
    let per_line = ((room / groups.len().max(1) as f64) / 7.5).floor().max(4.0) as usize;
    groups.iter().map(|g| wrap(g, per_line)).collect()
}

/// A panel of bars, one group at each of x = 0, 1, 2, ..., from 0 to `top`
/// on the y axis, with room under it for the `wrapped` group names.
pub(crate) fn group_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    wrapped: &[Vec<String>],
    top: f64,
    y_desc: &str,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, String> {
    let groups = wrapped.len().max(1);
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let mut chart = ChartBuilder::on(area)
        .margin(15)
        .x_label_area_size(20 + 16 * lines as u32)
        .y_label_area_size(80)
        .build_cartesian_2d(-0.5f64..groups as f64 - 0.5, 0f64..top)
        .map(plotted)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(groups + 2)
        .x_label_formatter(&|_| String::new())
        .y_label_formatter(&|y| compact(*y))
        .y_desc(y_desc)
        .label_style(label())
        .axis_desc_style(label())
        .draw()
        .map_err(err)?;
    Ok(chart)
}

/// Writes each group's wrapped name under its bar (groups sit at x = 0,
/// 1, 2, ... on the bottom edge of `area`).
pub(crate) fn group_names<DB: DrawingBackend>(
    area: &DrawingArea<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    wrapped: &[Vec<String>],
) -> Result<(), String> {
    let style = ("sans-serif", 13)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    for (g, lines) in wrapped.iter().enumerate() {
        for (k, line) in lines.iter().enumerate() {
            area.draw(
                &(EmptyElement::at((g as f64, 0.0))
                    + Text::new(line.clone(), (0, 8 + 16 * k as i32), style.clone())),
            )
            .map_err(err)?;
        }
    }
    Ok(())
}

/// An axis value short enough for the label area: 2.5M, 40k, 12.5, 200
/// (no needless ".0").
pub(crate) fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{}M", trim(v / 1e6))
    } else if a >= 1e4 {
        format!("{}k", trim(v / 1e3))
    } else {
        trim(v)
    }
}

/// [`compact`] for an axis spanning `span`: as many decimals as its ticks
/// (about a tenth of the span apart) need to read apart, so 6.75M and 6.8M
/// never both print as 6.8M.
pub(crate) fn compact_in(span: f64) -> impl Fn(&f64) -> String {
    move |&v: &f64| {
        let a = v.abs();
        let (div, suffix) = if a >= 1e6 {
            (1e6, "M")
        } else if a >= 1e4 {
            (1e3, "k")
        } else {
            (1.0, "")
        };
        let step = (span / 10.0 / div).abs();
        let digits = if step > 0.0 && step.is_finite() {
            (-step.log10()).ceil().clamp(1.0, 6.0) as usize
        } else {
            1
        };
        let s = format!("{:.*}", digits, v / div);
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        format!("{s}{suffix}")
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

/// `text` in lines of at most `width` characters, broken between words or
/// after a hyphen (a single longer piece stays whole).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let pieces: Vec<&str> = word.split_inclusive('-').collect();
        for (i, piece) in pieces.iter().enumerate() {
            // A space goes between words, nothing after a hyphen.
            let glue = if i == 0 { " " } else { "" };
            match lines.last_mut() {
                Some(line)
                    if !line.is_empty()
                        && line.chars().count() + glue.len() + piece.chars().count() <= width =>
                {
                    line.push_str(glue);
                    line.push_str(piece);
                }
                _ => lines.push(piece.to_string()),
            }
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn names_wrap_between_words_and_after_hyphens() {
        assert_eq!(
            wrap("Suzhou highway closed", 10),
            ["Suzhou", "highway", "closed"]
        );
        assert_eq!(wrap("Quzhou-Shanghai", 10), ["Quzhou-", "Shanghai"]);
        assert_eq!(wrap("S3 down", 10), ["S3 down"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn large_axis_values_are_compact() {
        assert_eq!(super::compact(20_000_000.0), "20M");
        assert_eq!(super::compact(2_500_000.0), "2.5M");
        assert_eq!(super::compact(40_000.0), "40k");
        assert_eq!(super::compact(12.5), "12.5");
        assert_eq!(super::compact(200.0), "200", "no needless decimals");
        assert_eq!(super::compact(0.0), "0");
        let axis = super::compact_in(500_000.0);
        assert_ne!(
            axis(&6_750_000.0),
            axis(&6_800_000.0),
            "ticks 50k apart read apart"
        );
        assert_eq!(axis(&7_000_000.0), "7M");
    }
}
