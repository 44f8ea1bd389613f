//! Reading scenario files: RON parsing with positions, `extends` chains, and
//! the embedded baseline.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use ron::extensions::Extensions;

use super::error::{Diagnostic, ScenarioError};
use super::file::ScenarioFile;
use super::model::Scenario;
use super::validate::validate;

/// The baseline scenario of MODEL.md, compiled into the binary.
pub const BASELINE_RON: &str = include_str!("../../scenarios/baseline.ron");

/// How the embedded baseline is named in reports and errors.
pub const BASELINE_SOURCE: &str = "<embedded scenarios/baseline.ron>";

/// The text of one file, kept so that errors can point into it.
#[derive(Debug)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// A scenario file with its `extends` chain merged, remembering which file
/// each top-level field came from.
#[derive(Debug)]
pub struct Merged {
    pub file: ScenarioFile,
    pub origins: BTreeMap<&'static str, Rc<Source>>,
    pub leaf: Rc<Source>,
}

impl Merged {
    /// The file a top-level field was written in.
    pub fn origin(&self, field: &str) -> &Rc<Source> {
        self.origins.get(field).unwrap_or(&self.leaf)
    }
}

/// Loads and validates a scenario file, following `extends`.
pub fn load_file(path: &Path) -> Result<Scenario, ScenarioError> {
    let merged = read_chain(path, &mut Vec::new())?;
    validate(&merged)
}

/// Loads a scenario file (or the embedded baseline for `None`) with
/// parameters overridden by path (see [`super::overrides`]), then validates.
pub fn load_with(
    path: Option<&Path>,
    overrides: &[(String, String)],
) -> Result<Scenario, ScenarioError> {
    let mut merged = match path {
        Some(p) => read_chain(p, &mut Vec::new())?,
        None => merge_text(BASELINE_RON, BASELINE_SOURCE)?,
    };
    let problems: Vec<Diagnostic> = overrides
        .iter()
        .filter_map(|(p, v)| {
            super::overrides::apply(&mut merged.file, p, v)
                .err()
                .map(|message| Diagnostic {
                    file: merged.leaf.path.clone(),
                    position: None,
                    path: format!("{p}={v}"),
                    message,
                })
        })
        .collect();
    if !problems.is_empty() {
        return Err(ScenarioError::Invalid(problems));
    }
    validate(&merged)
}

/// Loads the baseline scenario embedded in the binary.
pub fn load_baseline() -> Result<Scenario, ScenarioError> {
    load_str(BASELINE_RON, BASELINE_SOURCE)
}

/// Loads a scenario from text; `extends` paths resolve from the working directory.
pub fn load_str(text: &str, name: &str) -> Result<Scenario, ScenarioError> {
    validate(&merge_text(text, name)?)
}

/// Parses text named `name` and merges its `extends` chain (relative to
/// the working directory).
fn merge_text(text: &str, name: &str) -> Result<Merged, ScenarioError> {
    let source = Rc::new(Source {
        path: name.to_string(),
        text: text.to_string(),
    });
    merge_source(source, Path::new("."), &mut Vec::new())
}

fn read_chain(path: &Path, stack: &mut Vec<PathBuf>) -> Result<Merged, ScenarioError> {
    let text = std::fs::read_to_string(path).map_err(|source| ScenarioError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let source = Rc::new(Source {
        path: path.display().to_string(),
        text,
    });
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if stack.contains(&canonical) {
        return Err(invalid(
            &source,
            None,
            "extends",
            "this file extends itself (a cycle)",
        ));
    }
    stack.push(canonical);
    let dir = path.parent().unwrap_or(Path::new("."));
    let merged = merge_source(source, dir, stack);
    stack.pop();
    merged
}

fn merge_source(
    source: Rc<Source>,
    dir: &Path,
    stack: &mut Vec<PathBuf>,
) -> Result<Merged, ScenarioError> {
    let file = parse(&source).map_err(|d| ScenarioError::Invalid(vec![d]))?;
    let Some(base_path) = file.extends.clone() else {
        let origins = top_level_fields(&file)
            .into_iter()
            .map(|f| (f, source.clone()))
            .collect();
        return Ok(Merged {
            file,
            origins,
            leaf: source,
        });
    };
    let full = dir.join(&base_path);
    if !full.exists() {
        let position = locate(&source.text, &format!("{base_path:?}"));
        return Err(invalid(
            &source,
            position,
            "extends",
            &format!("base scenario {} does not exist", full.display()),
        ));
    }
    let mut base = read_chain(&full, stack)?;
    overlay(&mut base, file, &source);
    base.leaf = source;
    Ok(base)
}

/// Calls `$then!` with every top-level field that a child file given with
/// `extends` replaces as a whole: the one list of them.
macro_rules! replaceable_fields {
    ($then:ident) => {
        $then!(
            name,
            description,
            run,
            parts,
            suppliers,
            routes,
            line,
            disruptions
        )
    };
}

/// Applies a child file's fields on top of its base.
fn overlay(base: &mut Merged, child: ScenarioFile, source: &Rc<Source>) {
    for field in top_level_fields(&child) {
        base.origins.insert(field, source.clone());
    }
    let b = &mut base.file;
    macro_rules! replace {
        ($($f:ident),*) => {$( if child.$f.is_some() { b.$f = child.$f; } )*};
    }
    replaceable_fields!(replace);
    b.add_disruptions.extend(child.add_disruptions);
    b.extends = None;
}

/// The top-level fields a file gives, by name.
fn top_level_fields(f: &ScenarioFile) -> Vec<&'static str> {
    let mut out = Vec::new();
    macro_rules! given {
        ($($f:ident),*) => {$( if f.$f.is_some() { out.push(stringify!($f)); } )*};
    }
    replaceable_fields!(given);
    if !f.add_disruptions.is_empty() {
        out.push("add_disruptions");
    }
    out
}

/// Parses one file's RON, reporting the first syntax or type error with its
/// line, column and field path.
fn parse(source: &Source) -> Result<ScenarioFile, Diagnostic> {
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let spanned = |e: ron::error::SpannedError, path: String| Diagnostic {
        file: source.path.clone(),
        position: Some((e.span.start.line, e.span.start.col)),
        path,
        message: e.code.to_string(),
    };
    let mut de = ron::Deserializer::from_str_with_options(&source.text, &options)
        .map_err(|e| spanned(e, String::new()))?;
    match serde_path_to_error::deserialize::<_, ScenarioFile>(&mut de) {
        Ok(file) => {
            de.end()
                .map_err(|code| spanned(de.span_error(code), String::new()))?;
            Ok(file)
        }
        Err(err) => {
            let path = err.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let code = err.into_inner();
            Err(spanned(de.span_error(code), path))
        }
    }
}

/// Finds the first occurrence of `needle` in `text` as a 1-based (line, column).
pub fn locate(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.find(needle).map(|offset| position_of(text, offset))
}

/// The 1-based (line, column) of a byte offset in `text`.
pub fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |nl| nl + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

fn invalid(
    source: &Source,
    position: Option<(usize, usize)>,
    path: &str,
    message: &str,
) -> ScenarioError {
    ScenarioError::Invalid(vec![Diagnostic {
        file: source.path.clone(),
        position,
        path: path.to_string(),
        message: message.to_string(),
    }])
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

    #[test]
    fn embedded_baseline_is_valid() {
        let s = load_baseline().expect("baseline must validate");
        assert_eq!(s.line.stations.len(), 5);
    }
}
