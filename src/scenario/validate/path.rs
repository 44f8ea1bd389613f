//! Where a problem is in a scenario: a typed path from a top-level field
//! down to the offending value, so one item has one spelling everywhere
//! (`routes[1].policy.share`, `suppliers[0].needs.steel ring`).

use std::fmt;

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Segment {
    /// A field of a struct: `.every`.
    Key(&'static str),
    /// An item of a list, by position: `[2]`.
    Index(usize),
    /// An entry of a map, by its key as written: `.bearing`.
    Name(String),
}

/// A value's place in the file: its top-level field (which decides the file
/// of an `extends` chain it was written in) and the steps below it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldPath {
    top: &'static str,
    segments: Vec<Segment>,
}

impl FieldPath {
    /// The top-level field `top` itself: `routes`.
    pub(crate) fn root(top: &'static str) -> FieldPath {
        FieldPath {
            top,
            segments: vec![Segment::Key(top)],
        }
    }

    /// The whole of top-level field `top`, for a problem no single value
    /// in it carries (the path is then not shown).
    pub(crate) fn whole(top: &'static str) -> FieldPath {
        FieldPath {
            top,
            segments: Vec::new(),
        }
    }

    /// The top-level field the path starts in.
    pub(crate) fn top(&self) -> &'static str {
        self.top
    }

    /// Whether the path names no value (see [`FieldPath::whole`]).
    pub(crate) fn is_whole(&self) -> bool {
        self.segments.is_empty()
    }

    /// The last field name on the path, if it ends in one.
    pub(crate) fn last_key(&self) -> Option<&str> {
        match self.segments.last()? {
            Segment::Key(k) => Some(k),
            Segment::Name(n) => Some(n),
            Segment::Index(_) => self.segments.iter().rev().find_map(|s| match s {
                Segment::Key(k) => Some(*k),
                _ => None,
            }),
        }
    }

    /// The index of the top-level list's item the path goes through, if any.
    pub(crate) fn item(&self) -> Option<usize> {
        match self.segments.get(1)? {
            Segment::Index(i) => Some(*i),
            _ => None,
        }
    }

    /// The same path through item `index` of the top-level list instead.
    pub(crate) fn with_item(&self, index: usize) -> FieldPath {
        let mut p = self.clone();
        if let Some(Segment::Index(i)) = p.segments.get_mut(1) {
            *i = index;
        }
        p
    }

    fn with(&self, segment: Segment) -> FieldPath {
        let mut segments = self.segments.clone();
        segments.push(segment);
        FieldPath {
            top: self.top,
            segments,
        }
    }

    /// The field `key` of this value.
    pub(crate) fn key(&self, key: &'static str) -> FieldPath {
        self.with(Segment::Key(key))
    }

    /// Item `index` of this list.
    pub(crate) fn index(&self, index: usize) -> FieldPath {
        self.with(Segment::Index(index))
    }

    /// The entry `name` of this map.
    pub(crate) fn name(&self, name: &str) -> FieldPath {
        self.with(Segment::Name(name.to_string()))
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.segments.iter().enumerate() {
            match s {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Name(n) => write!(f, ".{n}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A [`FieldPath`] written as it reads: `field!(routes[i].policy.share)`,
/// `field!(line.mix.{name})` for a map entry, `field!((base).effects[k])` to
/// go on from a path at hand.
macro_rules! field {
    (($base:expr) $($rest:tt)*) => { $crate::scenario::validate::path::field!(@ ($base); $($rest)*) };
    (@ $p:expr; [$i:expr] $($rest:tt)*) => { $crate::scenario::validate::path::field!(@ $p.index($i); $($rest)*) };
    (@ $p:expr; . {$n:expr} $($rest:tt)*) => { $crate::scenario::validate::path::field!(@ $p.name($n); $($rest)*) };
    (@ $p:expr; . $k:ident $($rest:tt)*) => { $crate::scenario::validate::path::field!(@ $p.key(stringify!($k)); $($rest)*) };
    (@ $p:expr;) => { $p };
    ($top:ident $($rest:tt)*) => {
        $crate::scenario::validate::path::field!(
            @ $crate::scenario::validate::path::FieldPath::root(stringify!($top)); $($rest)*
        )
    };
}

pub(crate) use field;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_reads_as_written_in_the_file() {
        let k = 1;
        assert_eq!(
            field!(routes[k].policy.share).to_string(),
            "routes[1].policy.share"
        );
        assert_eq!(field!(line.mix.{"A"}).to_string(), "line.mix.A");
        let base = field!(disruptions[0]);
        assert_eq!(
            field!((base).effects[2].factor).to_string(),
            "disruptions[0].effects[2].factor"
        );
        assert_eq!(base.top(), "disruptions");
        assert_eq!(FieldPath::whole("stress").to_string(), "");
        assert_eq!(
            field!(suppliers[0].needs.{"steel ring"}).last_key(),
            Some("steel ring")
        );
    }
}
