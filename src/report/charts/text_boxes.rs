//! Where a chart puts its text: a drawing backend that draws nothing and
//! records the box of every label, title and legend entry, so that a check
//! can tell whether any two of them overlap (what a reader would see as a
//! garbled label).

use std::cell::RefCell;
use std::rc::Rc;

use plotters::drawing::IntoDrawingArea;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::Chart;

/// A box [px]: (left, top, right, bottom).
pub(crate) type Rect = (i32, i32, i32, i32);

/// A filled rectangle as drawn: its box and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Filled {
    /// Its box [px].
    pub rect: Rect,
    /// Its colour (red, green, blue).
    pub rgb: (u8, u8, u8),
    /// Its opacity, 0 to 1.
    pub alpha: f64,
}

/// A stroke of a line as drawn: its ends, colour, and how many filled
/// rectangles were drawn before it (what it lies under or over).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Stroke {
    /// Where it starts and ends [px].
    pub from: (i32, i32),
    /// Where it ends [px].
    pub to: (i32, i32),
    /// Its colour (red, green, blue).
    pub rgb: (u8, u8, u8),
    /// Its opacity, 0 to 1.
    pub alpha: f64,
    /// Filled rectangles drawn before it.
    pub after_rects: usize,
}

/// A piece of text and its box [px]: (left, top, right, bottom).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextBox {
    /// The text as drawn.
    pub text: String,
    /// Its box [px], around the text as rotated: (left, top, right, bottom).
    pub rect: (i32, i32, i32, i32),
}

/// The backend that only records text boxes (shared, as the drawing area
/// takes the backend by value).
struct Recorder {
    size: (u32, u32),
    boxes: Rc<RefCell<Vec<TextBox>>>,
    /// Filled rectangles drawn, in drawing order.
    rects: Rc<RefCell<Vec<Filled>>>,
    /// Line strokes drawn, in drawing order.
    strokes: Rc<RefCell<Vec<Stroke>>>,
}

impl DrawingBackend for Recorder {
    type ErrorType = std::fmt::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        _: BackendCoord,
        _: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha > 0.0 {
            self.strokes.borrow_mut().push(Stroke {
                from,
                to,
                rgb: color.rgb,
                alpha: color.alpha,
                after_rects: self.rects.borrow().len(),
            });
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if fill && color.alpha > 0.0 {
            let (x0, x1) = (
                upper_left.0.min(bottom_right.0),
                upper_left.0.max(bottom_right.0),
            );
            let (y0, y1) = (
                upper_left.1.min(bottom_right.1),
                upper_left.1.max(bottom_right.1),
            );
            self.rects.borrow_mut().push(Filled {
                rect: (x0, y0, x1, y1),
                rgb: color.rgb,
                alpha: color.alpha,
            });
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if text.trim().is_empty() || style.color().alpha == 0.0 {
            return Ok(());
        }
        let Ok(((x0, y0), (x1, y1))) = style.layout_box(text) else {
            return Ok(());
        };
        let (w, h) = (x1 - x0, y1 - y0);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -w,
            HPos::Center => -w / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -h / 2,
            VPos::Bottom => -h,
        };
        // The box's corners, rotated as the text is, around the anchor.
        let t = style.transform();
        let corners = [(dx, dy), (dx + w, dy), (dx, dy + h), (dx + w, dy + h)]
            .map(|(x, y)| t.transform(x, y));
        let xs = corners.map(|c| c.0);
        let ys = corners.map(|c| c.1);
        let min = |v: [i32; 4]| v.into_iter().min().unwrap_or(0);
        let max = |v: [i32; 4]| v.into_iter().max().unwrap_or(0);
        self.boxes.borrow_mut().push(TextBox {
            text: text.to_string(),
            rect: (
                pos.0 + min(xs),
                pos.1 + min(ys),
                pos.0 + max(xs),
                pos.1 + max(ys),
            ),
        });
        Ok(())
    }
}

/// What a chart draws that the checks read: its text boxes, filled
/// rectangles and line strokes.
pub(crate) struct Drawn {
    /// Every text box.
    pub boxes: Vec<TextBox>,
    /// Every filled rectangle, in drawing order.
    pub rects: Vec<Filled>,
    /// Every line stroke, in drawing order.
    pub strokes: Vec<Stroke>,
}

/// Everything `chart` draws at `size` that the checks read.
pub(crate) fn drawn(chart: &impl Chart, size: (u32, u32)) -> Result<Drawn, String> {
    super::register_font();
    let boxes = Rc::new(RefCell::new(Vec::new()));
    let rects = Rc::new(RefCell::new(Vec::new()));
    let strokes = Rc::new(RefCell::new(Vec::new()));
    let root = Recorder {
        size,
        boxes: boxes.clone(),
        rects: rects.clone(),
        strokes: strokes.clone(),
    }
    .into_drawing_area();
    chart.draw(&root)?;
    drop(root);
    Ok(Drawn {
        boxes: boxes.take(),
        rects: rects.take(),
        strokes: strokes.take(),
    })
}

/// Filled rectangles that stand tall but have no width: a bar squeezed to
/// nothing at the edge of its axis (days with zero robots, drawn left of
/// an axis that starts at 0), data a reader cannot see.
pub(crate) fn zero_width_bars(rects: &[Filled]) -> Vec<String> {
    rects
        .iter()
        .map(|f| f.rect)
        .filter(|r| r.2 - r.0 < 1 && r.3 - r.1 > 2)
        .map(|r| format!("{r:?}"))
        .collect()
}

/// The legend box's ground (`charts::legend`: white at 85%).
fn is_legend_ground(f: &Filled) -> bool {
    f.rgb == (255, 255, 255) && (f.alpha - 0.85).abs() < 1e-6
}

/// Each legend box's ground, with how many filled rectangles came before it
/// (what it may be drawn over).
fn legend_grounds(rects: &[Filled]) -> impl Iterator<Item = (usize, &Filled)> {
    rects
        .iter()
        .enumerate()
        .filter(|(_, f)| is_legend_ground(f))
}

/// The boxes of the legends drawn on a panel.
pub(crate) fn legend_boxes(rects: &[Filled]) -> Vec<Rect> {
    legend_grounds(rects).map(|(_, f)| f.rect).collect()
}

/// Legend boxes drawn over a bar (an opaque filled rectangle of data drawn
/// before them; the legend's own swatches come after its ground).
pub(crate) fn legends_over_bars(rects: &[Filled]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, legend) in legend_grounds(rects) {
        let (lx0, ly0, lx1, ly1) = legend.rect;
        for bar in rects[..i]
            .iter()
            .filter(|f| f.alpha >= 0.5 && f.rgb != (255, 255, 255))
        {
            let (bx0, by0, bx1, by1) = bar.rect;
            let w = lx1.min(bx1) - lx0.max(bx0);
            let h = ly1.min(by1) - ly0.max(by0);
            if w > 2 && h > 2 {
                out.push(format!("legend {:?} over bar {:?}", legend.rect, bar.rect));
                break;
            }
        }
    }
    out
}

/// Legend boxes drawn over a line of data: a stroke drawn before the
/// legend's ground, in a colour of data (not black, the axes and error
/// bars, nor the mesh's faint grey), that passes inside the legend box.
pub(crate) fn legends_over_lines(rects: &[Filled], strokes: &[Stroke]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, legend) in legend_grounds(rects) {
        let (lx0, ly0, lx1, ly1) = legend.rect;
        let inside = |(x, y): (f64, f64)| {
            x > f64::from(lx0 + 2)
                && x < f64::from(lx1 - 2)
                && y > f64::from(ly0 + 2)
                && y < f64::from(ly1 - 2)
        };
        let crossing = strokes
            .iter()
            .filter(|s| s.after_rects <= i && s.alpha >= 0.5 && s.rgb != (0, 0, 0))
            .find(|s| {
                let (dx, dy) = (s.to.0 - s.from.0, s.to.1 - s.from.1);
                let steps = (dx.abs().max(dy.abs()) / 2).max(1);
                (0..=steps).any(|k| {
                    let t = f64::from(k) / f64::from(steps);
                    inside((
                        f64::from(s.from.0) + t * f64::from(dx),
                        f64::from(s.from.1) + t * f64::from(dy),
                    ))
                })
            });
        if let Some(s) = crossing {
            out.push(format!(
                "legend {:?} over a line {:?}-{:?}",
                legend.rect, s.from, s.to
            ));
        }
    }
    out
}

/// Pairs of text boxes that overlap by more than `slack` pixels each way
/// (glyph boxes include some blank space around the letters).
pub(crate) fn overlapping(boxes: &[TextBox], slack: i32) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let (ax0, ay0, ax1, ay1) = a.rect;
            let (bx0, by0, bx1, by1) = b.rect;
            let w = ax1.min(bx1) - ax0.max(bx0);
            let h = ay1.min(by1) - ay0.max(by0);
            if w > slack && h > slack {
                out.push((a.text.clone(), b.text.clone()));
            }
        }
    }
    out
}

/// Labels that run past the canvas of `size` (cut off in the image: the
/// "cau" of a "caught up" set too near the right edge).
pub(crate) fn beyond_canvas(boxes: &[TextBox], size: (u32, u32)) -> Vec<String> {
    let (w, h) = (size.0 as i32, size.1 as i32);
    boxes
        .iter()
        .filter(|b| !b.text.trim().is_empty())
        .filter(|b| b.rect.0 < 0 || b.rect.1 < 0 || b.rect.2 > w || b.rect.3 > h)
        .map(|b| format!("{:?} at {:?}", b.text, b.rect))
        .collect()
}

/// A numeric label's value and the step of its last digit ("2.5k":
/// 2500 and 100), if it is one.
fn value(b: &TextBox) -> Option<(f64, f64)> {
    let t = b.text.trim().replace(',', "");
    let (digits, scale) = match t.chars().last()? {
        'k' => (&t[..t.len() - 1], 1e3),
        'M' => (&t[..t.len() - 1], 1e6),
        '%' => (&t[..t.len() - 1], 1.0),
        _ => (t.as_str(), 1.0),
    };
    let v: f64 = digits.parse().ok()?;
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    Some((v * scale, 10f64.powi(-decimals) * scale))
}

/// Tick labels an axis repeats: numbers written the same at neighbouring
/// ticks ("0 0 0 1 1"), which tell a reader nothing. An axis's labels are
/// the numeric boxes in one row (same top: an x axis) or one column (same
/// right edge: a y axis).
pub(crate) fn repeated_ticks(boxes: &[TextBox]) -> Vec<String> {
    let numeric: Vec<&TextBox> = boxes
        .iter()
        .filter(|b| {
            let t = b
                .text
                .trim()
                .trim_end_matches(['k', 'M', '%'])
                .replace(',', "");
            !t.is_empty() && t.parse::<f64>().is_ok()
        })
        .collect();
    let mut out = Vec::new();
    let mut scan = |key: &dyn Fn(&TextBox) -> i32, along: &dyn Fn(&TextBox) -> i32| {
        let mut groups: std::collections::BTreeMap<i32, Vec<&TextBox>> = Default::default();
        for b in &numeric {
            groups.entry(key(b)).or_default().push(b);
        }
        // The same label at every place of a column is stacked panels'
        // x axes lined up, not one axis.
        let one_axis = |g: &Vec<&TextBox>| g.len() >= 3 && g.iter().any(|b| b.text != g[0].text);
        for axis in groups.values_mut().filter(|g| one_axis(g)) {
            axis.sort_by_key(|b| along(b));
            // Panels stacked in one column (or side by side in one row)
            // share it; one axis's ticks are evenly spaced, so a gap unlike
            // the gaps on both its sides is where one axis ends and the next
            // begins.
            let gaps: Vec<i32> = axis.windows(2).map(|w| along(w[1]) - along(w[0])).collect();
            let unlike = |a: i32, b: Option<&i32>| b.is_none_or(|b| (a - b).abs() > 2);
            // A tick written twice by rounding sits in a run of ticks whose
            // values step by at most the labels' last digit ("0 0 1 1"); two
            // panels' axes meeting at equal spacing step by a whole tick
            // beyond ("0" then "0 -10 -20").
            let rounded_run = |i: usize| {
                let (Some((v, res)), before, after) = (
                    value(axis[i]),
                    i.checked_sub(1).and_then(|p| value(axis[p])),
                    axis.get(i + 2).and_then(|b| value(b)),
                ) else {
                    return false;
                };
                let near = |n: Option<(f64, f64)>| {
                    n.is_some_and(|(u, r)| (u - v).abs() <= 1.5 * res.max(r))
                };
                let like_before = i > 0 && !unlike(gaps[i], gaps.get(i - 1));
                let like_after = !unlike(gaps[i], gaps.get(i + 1));
                (!like_before && !like_after)
                    || (like_before && near(before))
                    || (like_after && near(after))
            };
            for (i, w) in axis.windows(2).enumerate() {
                let next_axis = gaps.len() > 1
                    && unlike(gaps[i], i.checked_sub(1).and_then(|p| gaps.get(p)))
                    && unlike(gaps[i], gaps.get(i + 1));
                if w[0].text == w[1].text && !next_axis && rounded_run(i) {
                    let seen = format!("{} at {:?} and {:?}", w[0].text, w[0].rect, w[1].rect);
                    if !out
                        .iter()
                        .any(|o: &String| o.starts_with(&format!("{} at", w[0].text)))
                    {
                        out.push(seen);
                    }
                }
            }
        }
    };
    scan(&|b| b.rect.1, &|b| b.rect.0);
    scan(&|b| b.rect.2, &|b| b.rect.1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_squeezed_to_no_width_is_caught() {
        // A day with zero robots drawn left of an axis that starts at 0: its
        // bar keeps its height and loses its width.
        let bar = |rect| Filled {
            rect,
            rgb: (31, 119, 180),
            alpha: 1.0,
        };
        let bars = [
            (80, 450, 80, 629),
            (300, 200, 320, 629),
            (400, 628, 420, 629),
        ]
        .map(bar);
        assert_eq!(
            zero_width_bars(&bars),
            vec!["(80, 450, 80, 629)".to_string()]
        );
    }

    #[test]
    fn a_legend_over_a_bar_is_caught_and_its_own_swatches_are_not() {
        let bar = |rect| Filled {
            rect,
            rgb: (31, 119, 180),
            alpha: 0.85,
        };
        let ground = Filled {
            rect: (900, 50, 1180, 120),
            rgb: (255, 255, 255),
            alpha: 0.85,
        };
        let tall = bar((1000, 60, 1040, 629));
        let swatch = bar((910, 60, 930, 72));
        assert!(legends_over_bars(&[ground, swatch]).is_empty());
        assert_eq!(legends_over_bars(&[tall, ground, swatch]).len(), 1);
    }

    #[test]
    fn a_legend_over_a_line_of_data_is_caught_and_mesh_axes_and_later_lines_are_not() {
        let ground = Filled {
            rect: (900, 50, 1180, 120),
            rgb: (255, 255, 255),
            alpha: 0.85,
        };
        let line = |from, to, rgb, alpha, after_rects| Stroke {
            from,
            to,
            rgb,
            alpha,
            after_rects,
        };
        let data = line((850, 200), (1100, 80), (31, 119, 180), 1.0, 0);
        let mesh = line((850, 90), (1190, 90), (0, 0, 0), 0.1, 0);
        let axis = line((880, 100), (1190, 100), (0, 0, 0), 1.0, 0);
        let swatch = line((910, 60), (930, 60), (31, 119, 180), 1.0, 1);
        let beside = line((850, 200), (890, 130), (31, 119, 180), 1.0, 0);
        assert_eq!(legends_over_lines(&[ground], &[data]).len(), 1);
        assert!(legends_over_lines(&[ground], &[mesh, axis, swatch, beside]).is_empty());
    }

    #[test]
    fn a_label_running_past_the_canvas_is_caught() {
        let inside = at("caught up", (1000, 100, 1100, 114));
        let cut = at("caught up (358 h)", (1150, 100, 1260, 114));
        assert!(beyond_canvas(std::slice::from_ref(&inside), (1200, 700)).is_empty());
        assert_eq!(beyond_canvas(&[inside, cut], (1200, 700)).len(), 1);
    }

    #[test]
    fn an_axis_that_writes_two_ticks_alike_is_caught() {
        let y = |text: &str, top: i32| at(text, (40, top, 80, top + 14));
        let fine = [y("0", 500), y("0.5", 400), y("1", 300), y("1.5", 200)];
        assert!(repeated_ticks(&fine).is_empty());
        let rounded = [y("0", 500), y("0", 400), y("1", 300), y("1", 200)];
        let found = repeated_ticks(&rounded);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("1 at") && found[1].starts_with("0 at"),
            "top first: {found:?}"
        );
        // Two stacked panels' y axes: the upper ends at 0, the lower starts
        // at 0 one of its own tick spacings further down. Not a repeat.
        let stacked = [
            y("1000", 284),
            y("500", 325),
            y("0", 366),
            y("0", 424),
            y("-10", 482),
            y("-20", 540),
        ];
        assert!(
            repeated_ticks(&stacked).is_empty(),
            "{:?}",
            repeated_ticks(&stacked)
        );
        // The same numbers on two panels' axes are not a repeat.
        let x = |text: &str, left: i32, top: i32| at(text, (left, top, left + 20, top + 14));
        let panels = [
            x("0", 100, 650),
            x("50", 200, 650),
            x("100", 300, 650),
            x("0", 100, 320),
            x("50", 200, 320),
            x("100", 300, 320),
        ];
        assert!(repeated_ticks(&panels).is_empty());
    }

    fn at(text: &str, rect: (i32, i32, i32, i32)) -> TextBox {
        TextBox {
            text: text.into(),
            rect,
        }
    }

    #[test]
    fn only_boxes_that_really_overlap_are_reported() {
        let boxes = [
            at("a", (0, 0, 50, 20)),
            at("b", (48, 0, 90, 20)),  // touches a by 2 px: slack
            at("c", (40, 10, 80, 30)), // overlaps a and b
        ];
        let found = overlapping(&boxes, 2);
        assert_eq!(found, [("a".into(), "c".into()), ("b".into(), "c".into())]);
    }

    #[test]
    fn long_group_names_are_wrapped_so_that_no_label_clashes() {
        use crate::report::charts::resilience::{BarPanel, Bars};
        let long = "a very long disruption name that cannot fit";
        let bars = Bars {
            title: "t".into(),
            groups: vec![long.into(); 3],
            panels: vec![BarPanel {
                y_desc: "y".into(),
                series: vec![("s".into(), vec![None; 3])],
            }],
        };
        let boxes = drawn(&bars, (1200, 700)).unwrap().boxes;
        assert!(boxes.iter().any(|b| b.text == "t"), "the title is recorded");
        // Wrapped onto lines, the names do not clash.
        assert!(
            overlapping(&boxes, 2).is_empty(),
            "{:?}",
            overlapping(&boxes, 2)
        );
    }
}
