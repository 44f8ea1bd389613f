//! The text of a scenario, kept after parsing so that every error can point
//! into it: each file of an `extends` chain with its spans, the merged file
//! remembering where each top-level field was written, and positions.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::file::ScenarioFile;
use super::spans::Spans;

/// The text of one file, kept so that errors can point into it.
#[derive(Debug)]
pub(super) struct Source {
    /// The file's path as given, or the name given to embedded text.
    pub path: String,
    /// The whole text.
    pub text: String,
    /// Where each item and field is written.
    pub spans: Spans,
}

impl Source {
    /// A file's text, with its items located.
    pub(super) fn new(path: String, text: String) -> Source {
        let spans = Spans::of(&text);
        Source { path, text, spans }
    }
}

/// A scenario file with its `extends` chain merged, remembering which file
/// each top-level field came from.
#[derive(Debug, Clone)]
pub(super) struct Merged {
    /// The chain merged: each top-level field from the last file that gives it.
    pub file: ScenarioFile,
    /// The file each given top-level field was written in, by field name.
    pub origins: BTreeMap<&'static str, Rc<Source>>,
    /// For each item of the merged `add_disruptions` (the chain's lists one
    /// after another), the file it was written in and its index there.
    pub added: Vec<(Rc<Source>, usize)>,
    /// The file loaded, at the end of the chain; where fields no file gives
    /// are reported.
    pub leaf: Rc<Source>,
}

impl Merged {
    /// The file a top-level field was written in.
    pub(super) fn origin(&self, field: &str) -> &Rc<Source> {
        self.origins.get(field).unwrap_or(&self.leaf)
    }

    /// Where item `i` of the merged `add_disruptions` was written: its file
    /// and its index in that file's list.
    pub(super) fn added_at(&self, i: usize) -> Option<(&Rc<Source>, usize)> {
        self.added.get(i).map(|(s, local)| (s, *local))
    }
}

/// Finds the first occurrence of `needle` in `text` as a 1-based (line, column).
pub(super) fn locate(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.find(needle).map(|offset| position_of(text, offset))
}

/// The 1-based (line, column) of a byte offset in `text`.
pub(super) fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |nl| nl + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_columns_from_one() {
        assert_eq!(locate("ab\ncd \"x\"", "\"x\""), Some((2, 4)));
        assert_eq!(locate("\"x\"", "\"x\""), Some((1, 1)));
        assert_eq!(locate("abc", "z"), None);
    }
}
