//! Where a chart puts its text: a drawing backend that draws nothing and
//! records the box of every label, title and legend entry, so that a check
//! can tell whether any two of them overlap (what a reader would see as a
//! garbled label).

use std::cell::RefCell;
use std::rc::Rc;

use plotters::drawing::IntoDrawingArea;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::Chart;

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

/// Every text box `chart` draws at `size`.
pub(crate) fn text_boxes(chart: &impl Chart, size: (u32, u32)) -> Result<Vec<TextBox>, String> {
    super::register_font();
    let boxes = Rc::new(RefCell::new(Vec::new()));
    let root = Recorder {
        size,
        boxes: boxes.clone(),
    }
    .into_drawing_area();
    chart.draw(&root)?;
    drop(root);
    Ok(boxes.take())
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let boxes = text_boxes(&bars, (1200, 700)).unwrap();
        assert!(boxes.iter().any(|b| b.text == "t"), "the title is recorded");
        // Wrapped onto lines, the names do not clash.
        assert!(
            overlapping(&boxes, 2).is_empty(),
            "{:?}",
            overlapping(&boxes, 2)
        );
    }
}
