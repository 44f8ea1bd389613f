//! Where every item and field of a RON scenario file is written: a small
//! scanner that walks the text's structure (not its meaning) and records the
//! line and column of each value under the path the checker uses for it,
//! e.g. `routes[1].from`, `line.stations[2].consumes.bearing`,
//! `disruptions[0].effects[1]`. List items with a `name` are also found by
//! name (`line.stations.S3.buffer`). So a semantic error points at the
//! offending item itself, never at the first text that happens to match.

use std::collections::HashMap;

/// Path -> 1-based (line, column) of the field's key, or of the item.
#[derive(Debug, Default, Clone)]
pub(super) struct Spans(HashMap<String, (usize, usize)>);

impl Spans {
    /// Scans `text`; an unparseable tail just ends the scan (the parser
    /// reports syntax errors itself).
    pub(super) fn of(text: &str) -> Spans {
        let tokens = tokenize(text);
        let mut walker = Walker {
            tokens: &tokens,
            at: 0,
            spans: Spans::default(),
            order: Vec::new(),
            depth: 0,
        };
        walker.value("");
        walker.spans
    }

    /// Where `path` is written, or the nearest enclosing item that is.
    pub(super) fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some(&at) = self.0.get(p) {
                return Some(at);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
            if p.is_empty() {
                return None;
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    /// Any other scalar: a number, a char literal.
    Scalar,
    Punct(char),
}

/// Tokens with their positions; comments and whitespace dropped.
fn tokenize(text: &str) -> Vec<(Tok, (usize, usize))> {
    let chars: Vec<char> = text.chars().collect();
    let (mut i, mut line, mut col) = (0, 1, 1);
    let mut out = Vec::new();
    let advance = |i: &mut usize, line: &mut usize, col: &mut usize, chars: &[char]| {
        if chars.get(*i) == Some(&'\n') {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
        *i += 1;
    };
    while i < chars.len() {
        let c = chars[i];
        let start = (line, col);
        if c.is_whitespace() {
            advance(&mut i, &mut line, &mut col, &chars);
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                advance(&mut i, &mut line, &mut col, &chars);
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    advance(&mut i, &mut line, &mut col, &chars);
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    advance(&mut i, &mut line, &mut col, &chars);
                    if depth == 0 {
                        advance(&mut i, &mut line, &mut col, &chars);
                        break;
                    }
                }
                advance(&mut i, &mut line, &mut col, &chars);
            }
        } else if c == '"' {
            let mut s = String::new();
            advance(&mut i, &mut line, &mut col, &chars);
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    advance(&mut i, &mut line, &mut col, &chars);
                }
                if let Some(&ch) = chars.get(i) {
                    s.push(ch);
                }
                advance(&mut i, &mut line, &mut col, &chars);
            }
            advance(&mut i, &mut line, &mut col, &chars);
            out.push((Tok::Str(s), start));
        } else if c.is_alphabetic() || c == '_' {
            let mut s = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                s.push(chars[i]);
                advance(&mut i, &mut line, &mut col, &chars);
            }
            out.push((Tok::Ident(s), start));
        } else if c.is_ascii_digit()
            || ((c == '-' || c == '+') && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            advance(&mut i, &mut line, &mut col, &chars);
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '.' | '_')) {
                advance(&mut i, &mut line, &mut col, &chars);
            }
            out.push((Tok::Scalar, start));
        } else if c == '\'' {
            while i < chars.len() {
                advance(&mut i, &mut line, &mut col, &chars);
                if chars.get(i) == Some(&'\'') {
                    advance(&mut i, &mut line, &mut col, &chars);
                    break;
                }
            }
            out.push((Tok::Scalar, start));
        } else {
            out.push((Tok::Punct(c), start));
            advance(&mut i, &mut line, &mut col, &chars);
        }
    }
    out
}

struct Walker<'t> {
    tokens: &'t [(Tok, (usize, usize))],
    at: usize,
    spans: Spans,
    /// Recorded paths in order, so an item's own paths are a tail of it.
    order: Vec<String>,
    /// Nesting now; deeper than [`MAX_DEPTH`] is walked flat.
    depth: usize,
}

/// Nesting the walker descends into (a scenario needs about six levels);
/// deeper text is skipped token by token, never recursed into.
const MAX_DEPTH: usize = 64;

impl Walker<'_> {
    fn peek(&self, ahead: usize) -> Option<&Tok> {
        self.tokens.get(self.at + ahead).map(|(t, _)| t)
    }

    fn pos(&self) -> Option<(usize, usize)> {
        self.tokens.get(self.at).map(|&(_, p)| p)
    }

    fn record(&mut self, path: &str, at: (usize, usize)) {
        if !self.spans.0.contains_key(path) {
            self.spans.0.insert(path.to_string(), at);
            self.order.push(path.to_string());
        }
    }

    /// One value at `path`; returns its `name` field if it is a struct with one.
    fn value(&mut self, path: &str) -> Option<String> {
        if self.depth >= MAX_DEPTH {
            self.at += 1;
            return None;
        }
        self.depth += 1;
        let name = self.value_inner(path);
        self.depth -= 1;
        name
    }

    fn value_inner(&mut self, path: &str) -> Option<String> {
        match self.peek(0)?.clone() {
            Tok::Ident(_) if self.peek(1) == Some(&Tok::Punct('(')) => {
                self.at += 1;
                self.parens(path)
            }
            Tok::Punct('(') => self.parens(path),
            Tok::Punct('[') => {
                self.at += 1;
                let mut i = 0;
                while let Some(t) = self.peek(0) {
                    if *t == Tok::Punct(']') {
                        self.at += 1;
                        break;
                    }
                    if *t == Tok::Punct(',') {
                        self.at += 1;
                        continue;
                    }
                    let item = format!("{path}[{i}]");
                    let at = self.pos()?;
                    let mark = self.order.len();
                    self.record(&item, at);
                    let before = self.at;
                    if let Some(name) = self.value(&item) {
                        self.alias(mark, &item, &format!("{path}.{name}"));
                    }
                    if self.at == before {
                        self.at += 1; // never stall on something unexpected
                    }
                    i += 1;
                }
                None
            }
            Tok::Punct('{') => {
                self.at += 1;
                while let Some(t) = self.peek(0).cloned() {
                    match t {
                        Tok::Punct('}') => {
                            self.at += 1;
                            break;
                        }
                        Tok::Str(key) if self.peek(1) == Some(&Tok::Punct(':')) => {
                            let at = self.pos()?;
                            let field = format!("{path}.{key}");
                            self.record(&field, at);
                            self.at += 2;
                            self.value(&field);
                        }
                        _ => self.at += 1,
                    }
                }
                None
            }
            _ => {
                self.at += 1;
                None
            }
        }
    }

    /// `( ... )`: named fields, or positional items as `path[i]`.
    fn parens(&mut self, path: &str) -> Option<String> {
        self.at += 1; // '('
        let mut name = None;
        let mut i = 0;
        while let Some(t) = self.peek(0).cloned() {
            match t {
                Tok::Punct(')') => {
                    self.at += 1;
                    break;
                }
                Tok::Punct(',') => self.at += 1,
                Tok::Ident(field) if self.peek(1) == Some(&Tok::Punct(':')) => {
                    let at = self.pos()?;
                    let full = if path.is_empty() {
                        field.clone()
                    } else {
                        format!("{path}.{field}")
                    };
                    self.record(&full, at);
                    self.at += 2;
                    if field == "name"
                        && let Some(Tok::Str(s)) = self.peek(0)
                    {
                        name = Some(s.clone());
                    }
                    self.value(&full);
                }
                _ => {
                    let item = format!("{path}[{i}]");
                    if let Some(at) = self.pos() {
                        self.record(&item, at);
                    }
                    let before = self.at;
                    self.value(&item);
                    if self.at == before {
                        self.at += 1;
                    }
                    i += 1;
                }
            }
        }
        name
    }

    /// Makes the paths under `from` recorded since `mark` (the item's own)
    /// also reachable under `to`.
    fn alias(&mut self, mark: usize, from: &str, to: &str) {
        let copies: Vec<(String, (usize, usize))> = self.order[mark..]
            .iter()
            .filter_map(|p| {
                let rest = p.strip_prefix(from)?;
                let at = *self.spans.0.get(p)?;
                (rest.is_empty() || rest.starts_with(['.', '[']))
                    .then(|| (format!("{to}{rest}"), at))
            })
            .collect();
        for (p, at) in copies {
            self.spans.0.entry(p).or_insert(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"Scenario(
    name: "Baseline: line: S9", // a comment naming S9 and line:
    parts: [(name: "bearing", per_robot: 12)],
    line: (
        stations: [
            (name: "S1", buffer: 0, consumes: {"bearing": 2}),
            /* S9 here too */ (name: "S1", buffer: 2),
        ],
    ),
    disruptions: [
        Scheduled(name: "cut", start: "10d", effects: [RouteClosure("Suzhou"), StationDown("S9")]),
    ],
)"#;

    #[test]
    fn deep_or_long_text_is_walked_without_recursing_or_rescanning() {
        let deep = format!(
            "Scenario(a: {}{})",
            "[".repeat(200_000),
            "]".repeat(200_000)
        );
        let _ = Spans::of(&deep);
        let many: String = (0..50_000)
            .map(|i| format!("(name: \"n{i}\", x: 1),"))
            .collect();
        let s = Spans::of(&format!("Scenario(items: [{many}])"));
        assert_eq!(s.find("items.n49999.x"), s.find("items[49999].x"));
    }

    #[test]
    fn paths_point_at_their_own_item_not_the_first_matching_text() {
        let s = Spans::of(TEXT);
        assert_eq!(s.find("line"), Some((4, 5)), "not the name's text");
        assert_eq!(
            s.find("line.stations[1].name"),
            Some((7, 32)),
            "the duplicate itself"
        );
        assert_eq!(s.find("line.stations[0].consumes.bearing"), Some((6, 48)));
        assert_eq!(
            s.find("line.stations.S1.buffer"),
            Some((6, 26)),
            "by name: the first S1"
        );
        assert_eq!(s.find("disruptions[0].effects[1]"), Some((11, 80)));
        assert_eq!(s.find("disruptions[0].effects[0]"), Some((11, 56)));
        assert_eq!(s.find("parts[0].per_robot"), Some((3, 31)));
        assert_eq!(
            s.find("parts[0].nothing.deeper"),
            Some((3, 13)),
            "nearest enclosing item"
        );
    }
}
