//! Recording a problem: where in which file it is written (the typed
//! path's span, or the nearest field of the item being checked), and what
//! is wrong.

use super::Checker;
use super::path::FieldPath;
use crate::scenario::error::Diagnostic;
use crate::scenario::source::{locate, position_of};

impl Checker<'_> {
    /// Records a problem at `path` (in its top-level field's file), pointing at where it
    /// is written in that field's file (or its nearest enclosing item); only
    /// for a path the file does not spell out (a default), at `needle`'s
    /// first occurrence or the field's name inside the item being checked.
    pub(super) fn error(&mut self, path: FieldPath, needle: Option<&str>, message: String) {
        let d = self.diagnostic(path, needle, message);
        self.diags.push(d);
    }

    /// Something that falls after the horizon: refused where the file sets
    /// the horizon, only warned about where the command line shortened it
    /// (`--days`), so that a shorter look at a scenario still runs.
    pub(super) fn beyond_horizon(&mut self, path: FieldPath, message: String) {
        let d = self.diagnostic(path, None, message);
        if self.horizon_from_command_line {
            self.warnings.push(d);
        } else {
            self.diags.push(d);
        }
    }

    /// A problem at `path`, located as [`Checker::error`] says.
    fn diagnostic(&self, path: FieldPath, needle: Option<&str>, message: String) -> Diagnostic {
        // An added disruption points into the file of the chain it is
        // written in, at its index there.
        let (source, path) = match path.item().and_then(|i| self.merged.added_at(i)) {
            Some((source, local)) if path.top() == "add_disruptions" => {
                (source, path.with_item(local))
            }
            _ => (self.merged.origin(path.top()), path),
        };
        let shown = path.to_string();
        let written = if path.is_whole() {
            None
        } else {
            source.spans.find(&shown)
        };
        let position = written.or_else(|| match needle {
            Some(n) => locate(&source.text, n),
            None => self.locate_field(&source.text, &path),
        });
        Diagnostic {
            file: source.path.clone(),
            position,
            path: shown,
            message,
        }
    }

    /// Where the field `path` ends with is written: searched from the current
    /// item's `name: "..."`, or from the top-level field.
    pub(super) fn locate_field(&self, text: &str, path: &FieldPath) -> Option<(usize, usize)> {
        let key = path.last_key()?;
        let from = self
            .anchor
            .as_ref()
            .and_then(|a| text.find(a.as_str()))
            .or_else(|| text.find(&format!("{}:", path.top())))?;
        let offset = text[from..]
            .find(&format!("{key}:"))
            .map_or(from, |o| from + o);
        Some(position_of(text, offset))
    }

    /// Sets the item whose fields errors point into.
    pub(super) fn at_item(&mut self, name: &str) {
        self.anchor = Some(format!("name: {name:?}"));
    }

    pub(super) fn required<'f, T>(
        &mut self,
        value: &'f Option<T>,
        field: &'static str,
    ) -> Option<&'f T> {
        if value.is_none() {
            self.error(
                FieldPath::whole(field),
                None,
                format!("missing field `{field}`"),
            );
        }
        value.as_ref()
    }
}
