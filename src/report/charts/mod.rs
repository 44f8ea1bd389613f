//! Charts with plotters, written as PNG and SVG with Taktline Sans (DejaVu
//! Sans with Droid Sans Fallback's CJK glyphs, `assets/fonts`), compiled in:
//! no system font library needed, and Chinese names draw.

use std::path::{Path, PathBuf};
use std::sync::Once;

use image::ImageEncoder;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::report::chart_id::ChartId;

pub(super) mod daily;
pub(super) mod fewest;
pub(super) mod hourly;
pub(super) mod inventory;
pub(super) mod plot_areas;
pub(super) mod ranked;
pub(super) mod resilience;
pub(super) mod scatter;
pub(super) mod shortfall;
pub(super) mod side_legend;
pub(super) mod stacked;
pub(super) mod states;
pub(super) mod text_boxes;

use crate::font::FONT;

/// Pixel size of every chart.
pub(super) const SIZE: (u32, u32) = (1200, 700);

/// Colours used across charts, so the same thing looks the same everywhere.
pub(super) mod palette {
    use plotters::style::RGBColor;
    /// The run itself: the disrupted line, or the only run.
    pub(crate) const DISRUPTED: RGBColor = RGBColor(31, 119, 180);
    /// The undisrupted twin beside a disrupted run.
    pub(crate) const TWIN: RGBColor = RGBColor(120, 120, 120);
    /// Takt targets and stock levels (order-up-to, finished-goods cap).
    pub(crate) const TARGET: RGBColor = RGBColor(214, 39, 40);
    /// Disruption windows, shaded.
    pub(crate) const WINDOW: RGBColor = RGBColor(255, 127, 14);
    /// The line off shift: the station state's colour.
    pub(crate) const OFF_SHIFT: RGBColor = {
        let (r, g, b) = crate::observe::ServerState::OffShift.rgb();
        RGBColor(r, g, b)
    };
    /// Emergency and backup trucks, overtime.
    pub(crate) const CONTINGENT: RGBColor = RGBColor(148, 103, 189);
    /// Curves, bars and panels told apart by colour, taken in turn: twelve,
    /// so a stress test's dozen nodes each get their own, and none of the
    /// colours above that mean something (orange the disruption window, grey
    /// the twin and off shift, red the target, purple contingent trucks),
    /// so one colour keeps one meaning across every chart.
    pub(crate) const SERIES: [RGBColor; 12] = [
        RGBColor(31, 119, 180),
        RGBColor(44, 160, 44),
        RGBColor(140, 86, 75),
        RGBColor(227, 119, 194),
        RGBColor(188, 189, 34),
        RGBColor(23, 190, 207),
        RGBColor(57, 59, 121),
        RGBColor(99, 121, 57),
        RGBColor(0, 128, 128),
        RGBColor(165, 81, 148),
        RGBColor(140, 109, 49),
        RGBColor(107, 110, 207),
    ];
}

/// Why a chart could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot draw {path}: {message}")]
pub struct ChartError {
    /// The file that could not be written (the bare stem if its text could not be laid out).
    pub path: PathBuf,
    /// What went wrong, as text.
    pub message: String,
}

/// A chart that can draw itself on any plotters backend.
pub(super) trait Chart {
    /// Draws the whole chart on `root`.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;

    /// Width and height in pixels.
    fn size(&self) -> (u32, u32) {
        SIZE
    }
}

/// Converts a plotters error into text.
pub(super) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is compiled in and known to be valid; failure would only
        // mean text is not drawn, which the chart tests would catch.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, FONT);
    });
}

/// A chart as saved: which it is and the files written (PNG, then SVG).
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// Which chart it is.
    pub id: ChartId,
    /// The PNG file written.
    pub png: PathBuf,
    /// The SVG file written.
    pub svg: PathBuf,
}

impl Saved {
    /// Both files, PNG first.
    pub fn files(&self) -> [PathBuf; 2] {
        [self.png.clone(), self.svg.clone()]
    }
}

/// Writes `chart` as `dir/<stem>.png` and `dir/<stem>.svg`, each through
/// [`crate::atomic_file`] (so neither is ever seen half-written); returns
/// what it wrote.
pub(super) fn save(chart: &impl Chart, dir: &Path, id: ChartId) -> Result<Saved, ChartError> {
    register_font();
    let name = id.stem();
    // The chart tests set TAKTLINE_CHECK_TEXT: a chart with any defect
    // class below is an error there, so a garbled chart cannot ship.
    if std::env::var_os("TAKTLINE_CHECK_TEXT").is_some() {
        let size = chart.size();
        plot_areas::start();
        let drawn = text_boxes::drawn(chart, size);
        let areas = plot_areas::finish();
        let drawn = drawn.map_err(|message| ChartError {
            path: dir.join(name),
            message,
        })?;
        let (boxes, rects, strokes) = (&drawn.boxes, &drawn.rects, &drawn.strokes);
        // Each defect class in turn; the first found fails the chart.
        fn listed<T: std::fmt::Debug>(found: Vec<T>) -> Option<String> {
            (!found.is_empty()).then(|| format!("{found:?}"))
        }
        let checks: [(&str, &dyn Fn() -> Option<String>); 7] = [
            ("a legend covers data", &|| {
                listed(text_boxes::legends_over_bars(rects))
            }),
            ("a legend covers a line of data", &|| {
                listed(text_boxes::legends_over_lines(rects, strokes))
            }),
            ("bars with no width (data hidden)", &|| {
                listed(text_boxes::zero_width_bars(rects))
            }),
            ("text overlaps", &|| {
                listed(text_boxes::overlapping(boxes, 2))
            }),
            ("text runs past the edge", &|| {
                listed(text_boxes::beyond_canvas(boxes, size))
            }),
            ("an axis repeats its tick labels", &|| {
                listed(text_boxes::repeated_ticks(boxes))
            }),
            ("a mark of data beyond the plot area", &|| {
                let lines = strokes.iter().map(|s| (s.from, s.to, s.rgb));
                let boxes = rects
                    .iter()
                    .map(|f| ((f.rect.0, f.rect.1), (f.rect.2, f.rect.3), f.rgb));
                let legends = text_boxes::legend_boxes(rects);
                listed(plot_areas::beyond_plot_areas(
                    &areas,
                    &legends,
                    lines.chain(boxes),
                ))
            }),
        ];
        for (what, check) in checks {
            if let Some(found) = check() {
                return Err(ChartError {
                    path: dir.join(format!("{name}.png")),
                    message: format!("{what}: {found}"),
                });
            }
        }
    }
    let png = dir.join(format!("{name}.png"));
    let fail = |path: &Path, message: String| ChartError {
        path: path.to_path_buf(),
        message,
    };
    let (w, h) = chart.size();
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        chart.draw(&root).map_err(|m| fail(&png, m))?;
        root.present().map_err(|e| fail(&png, err(e)))?;
    }
    let mut encoded = Vec::new();
    image::codecs::png::PngEncoder::new(&mut encoded)
        .write_image(&pixels, w, h, image::ColorType::Rgb8)
        .map_err(|e| fail(&png, e.to_string()))?;
    crate::atomic_file::write(&png, &encoded).map_err(|e| fail(&png, e.source.to_string()))?;
    let svg = dir.join(format!("{name}.svg"));
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, chart.size()).into_drawing_area();
        chart.draw(&root).map_err(|m| fail(&svg, m))?;
        root.present().map_err(|e| fail(&svg, err(e)))?;
    }
    crate::atomic_file::write(&svg, text.as_bytes())
        .map_err(|e| fail(&svg, e.source.to_string()))?;
    Ok(Saved { id, png, svg })
}

/// Title style.
/// Title style for `text`: 26 px, smaller where the title would not fit
/// the chart's width (a long scenario name), never cut at the edges.
pub(super) fn title(text: &str) -> TextStyle<'static> {
    register_font();
    let room = f64::from(SIZE.0 - 60);
    let wide = ("sans-serif", 26)
        .into_font()
        .box_size(text)
        .map_or(0.0, |(w, _)| f64::from(w));
    let size = if wide > room {
        (26.0 * room / wide).floor().max(12.0)
    } else {
        26.0
    };
    ("sans-serif", size).into_font().into()
}

/// Axis label style.
pub(super) fn label() -> TextStyle<'static> {
    ("sans-serif", 18).into_font().into()
}

/// The name of the category centred on `x` (categories sit at 0, 1, 2, ...),
/// or nothing between categories.
pub(super) fn category(names: &[String], x: f64) -> String {
    let i = x.round();
    if (x - i).abs() < 1e-6 && i >= 0.0 {
        names.get(i as usize).cloned().unwrap_or_default()
    } else {
        String::new()
    }
}

/// Draws a chart's legend at `position` in the house style.
pub(super) fn legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    font_size: u32,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .position(position)
        .label_font(("sans-serif", font_size))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()
        .map_err(err)
}

/// A band between `low` and `high` (indexed by hour) as a polygon's points,
/// `x` mapping an hour index to the axis.
pub(super) fn band_points(low: &[f64], high: &[f64], x: impl Fn(usize) -> f64) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = high.iter().enumerate().map(|(h, &v)| (x(h), v)).collect();
    pts.extend(low.iter().enumerate().rev().map(|(h, &v)| (x(h), v)));
    pts
}

/// How many labels a count axis over [`lo`, `hi`] may have so that every
/// tick falls on a whole number (at most `most`): with more, ticks at
/// fractions print as repeated whole numbers ("0 0 1 1").
pub(super) fn whole_labels(lo: f64, hi: f64, most: usize) -> usize {
    let span = (hi - lo).abs();
    if span.is_finite() {
        (span.floor() as usize + 1).clamp(2, most)
    } else {
        most
    }
}

/// Rounds `max` up to a pleasant axis end.
pub(super) fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * mag >= max * 1.05 {
            return step * mag;
        }
    }
    10.0 * mag
}
