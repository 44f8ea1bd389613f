//! Where every item and field of a RON scenario file is written: a small
//! scanner that walks the text's structure (not its meaning) and records the
//! line and column of each value under the path the checker uses for it,
//! e.g. `routes[1].from`, `line.stations[2].consumes.bearing`,
//! `disruptions[0].effects[1]`. List items with a `name` are also found by
//! name (`line.stations.S3.buffer`). So a semantic error points at the
//! offending item itself, never at the first text that happens to match.

use std::borrow::Cow;
use std::collections::HashMap;

/// Where each path is written, and the items that have a name.
#[derive(Debug, Default, Clone)]
pub(super) struct Spans {
    /// Path -> 1-based (line, column) of the field's key, or of the item.
    at: HashMap<String, Pos>,
    /// A named item's path by name (`line.stations.S1`) -> by index
    /// (`line.stations[0]`); the first item of a name wins.
    named: HashMap<String, String>,
}

impl Spans {
    /// Scans `text`; an unparseable tail just ends the scan (the parser
    /// reports syntax errors itself).
    pub(super) fn of(text: &str) -> Spans {
        let tokens = tokenize(text);
        let mut walker = Walker {
            tokens: &tokens,
            at: 0,
            spans: Spans::default(),
            depth: 0,
        };
        walker.value("");
        walker.spans
    }

    /// The spans of a file that holds one top-level field's value (a
    /// `--space` file holds what `plan` would): every path put under `top`.
    pub(super) fn under(self, top: &str) -> Spans {
        let put = |p: String| {
            if p.is_empty() {
                top.to_string()
            } else {
                format!("{top}.{p}")
            }
        };
        Spans {
            at: self.at.into_iter().map(|(k, v)| (put(k), v)).collect(),
            named: self
                .named
                .into_iter()
                .map(|(k, v)| (put(k), put(v)))
                .collect(),
        }
    }

    /// Where `path` is written, or the nearest enclosing item that is.
    pub(super) fn find(&self, path: &str) -> Option<(usize, usize)> {
        let by_index = self.by_index(path);
        let mut p = by_index.as_str();
        loop {
            if let Some(&(line, col)) = self.at.get(p) {
                return Some((line as usize, col as usize));
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
            if p.is_empty() {
                return None;
            }
        }
    }

    /// `path` with every item given by name written by its index instead.
    fn by_index(&self, path: &str) -> String {
        let mut p = path.to_string();
        let mut i = 0;
        while i <= p.len() {
            let end = p[i..].find(['.', '[']).map_or(p.len(), |o| i + o);
            match self.named.get(&p[..end]) {
                Some(indexed) => {
                    i = indexed.len() + 1;
                    p = format!("{indexed}{}", &p[end..]);
                }
                None => i = end + 1,
            }
        }
        p
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Ident(&'a str),
    /// A string's content; unescaped (owned) only where it has escapes.
    Str(Cow<'a, str>),
    /// Any other scalar: a number, a char literal.
    Scalar,
    Punct(char),
}

/// A 1-based (line, column), kept small: a long file has millions of tokens.
type Pos = (u32, u32);

/// The text being cut into tokens, and where in it.
struct Lexer<'a> {
    text: &'a str,
    /// Byte offset of the next char.
    at: usize,
    line: u32,
    col: u32,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    /// The char after the next one.
    fn peek2(&self) -> Option<char> {
        self.text[self.at..].chars().nth(1)
    }

    /// Moves past the next char, counting lines and columns.
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    /// Moves past chars while `keep` holds; returns the text passed.
    fn bump_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let from = self.at;
        while self.peek().is_some_and(&keep) {
            self.bump();
        }
        &self.text[from..self.at]
    }
}

/// Tokens with their positions; comments and whitespace dropped. Names and
/// strings borrow from `text`, so a long file costs a few words a token.
fn tokenize(text: &str) -> Vec<(Tok<'_>, Pos)> {
    let mut lx = Lexer {
        text,
        at: 0,
        line: 1,
        col: 1,
    };
    let mut out = Vec::new();
    while let Some(c) = lx.peek() {
        let start = (lx.line, lx.col);
        if c.is_whitespace() {
            lx.bump();
        } else if c == '/' && lx.peek2() == Some('/') {
            lx.bump_while(|c| c != '\n');
        } else if c == '/' && lx.peek2() == Some('*') {
            let mut depth = 0;
            while let Some(c) = lx.peek() {
                if c == '/' && lx.peek2() == Some('*') {
                    depth += 1;
                    lx.bump();
                } else if c == '*' && lx.peek2() == Some('/') {
                    depth -= 1;
                    lx.bump();
                    if depth == 0 {
                        lx.bump();
                        break;
                    }
                }
                lx.bump();
            }
        } else if c == '"' {
            lx.bump();
            let from = lx.at;
            let mut escaped = false;
            while let Some(c) = lx.peek() {
                if c == '"' {
                    break;
                }
                if c == '\\' {
                    escaped = true;
                    lx.bump();
                }
                lx.bump();
            }
            let raw = &text[from..lx.at.min(text.len())];
            lx.bump();
            let content = if escaped {
                // As before: a backslash drops, the char after it stays.
                let mut s = String::new();
                let mut cs = raw.chars();
                while let Some(c) = cs.next() {
                    match c {
                        '\\' => s.extend(cs.next()),
                        c => s.push(c),
                    }
                }
                Cow::Owned(s)
            } else {
                Cow::Borrowed(raw)
            };
            out.push((Tok::Str(content), start));
        } else if c.is_alphabetic() || c == '_' {
            let name = lx.bump_while(|c| c.is_alphanumeric() || c == '_');
            out.push((Tok::Ident(name), start));
        } else if c.is_ascii_digit()
            || ((c == '-' || c == '+') && lx.peek2().is_some_and(|c| c.is_ascii_digit()))
        {
            lx.bump();
            lx.bump_while(|c| c.is_alphanumeric() || matches!(c, '.' | '_'));
            out.push((Tok::Scalar, start));
        } else if c == '\'' {
            while lx.bump().is_some() {
                if lx.peek() == Some('\'') {
                    lx.bump();
                    break;
                }
            }
            out.push((Tok::Scalar, start));
        } else {
            out.push((Tok::Punct(c), start));
            lx.bump();
        }
    }
    out
}

struct Walker<'t> {
    tokens: &'t [(Tok<'t>, Pos)],
    at: usize,
    spans: Spans,
    /// Nesting now; deeper than [`MAX_DEPTH`] is walked flat.
    depth: usize,
}

/// Nesting the walker descends into (a scenario needs about six levels);
/// deeper text is skipped token by token, never recursed into.
const MAX_DEPTH: usize = 64;

impl<'t> Walker<'t> {
    fn peek(&self, ahead: usize) -> Option<&'t Tok<'t>> {
        self.tokens.get(self.at + ahead).map(|(t, _)| t)
    }

    fn pos(&self) -> Option<(usize, usize)> {
        self.tokens
            .get(self.at)
            .map(|&(_, (l, c))| (l as usize, c as usize))
    }

    fn record(&mut self, path: &str, at: (usize, usize)) {
        if !self.spans.at.contains_key(path) {
            self.spans
                .at
                .insert(path.to_string(), (at.0 as u32, at.1 as u32));
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
                    self.record(&item, at);
                    let before = self.at;
                    if let Some(name) = self.value(&item) {
                        self.spans
                            .named
                            .entry(format!("{path}.{name}"))
                            .or_insert_with(|| item.clone());
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
                        field.to_string()
                    } else {
                        format!("{path}.{field}")
                    };
                    self.record(&full, at);
                    self.at += 2;
                    if field == "name"
                        && let Some(Tok::Str(s)) = self.peek(0)
                    {
                        name = Some(s.to_string());
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
