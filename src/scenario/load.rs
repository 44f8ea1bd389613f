//! Reading scenario files: RON parsing with positions, `extends` chains, and
//! the embedded baseline.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use ron::extensions::Extensions;

use super::error::{Diagnostic, ScenarioError};
use super::file::{PlanFile, ScenarioFile};
use super::limits::MAX_EXTENDS;
use super::model::Scenario;
use super::source::{Merged, Source, locate, position_of};
use super::validate::{validate, validate_with};

/// The baseline scenario of docs/model.md, compiled into the binary.
pub const BASELINE_RON: &str = include_str!("../../scenarios/baseline.ron");

/// How the embedded baseline is named in reports and errors.
pub const BASELINE_SOURCE: &str = "<embedded scenarios/baseline.ron>";

/// Loads and validates a scenario file, following `extends`.
pub fn load_file(path: &Path) -> Result<Scenario, ScenarioError> {
    let merged = read_chain(path, &mut Vec::new())?;
    validate(&merged)
}

/// A problem with top-level `field` of the scenario file at `path`, placed
/// where its `extends` chain writes the field (the file, line and column),
/// for a check that needs more than one scenario (e.g. plans that must make
/// the same robot); at the file alone where it cannot be read or no file
/// of the chain writes the field.
pub fn at_field(path: &Path, field: &str, message: String) -> Diagnostic {
    let placed = read_chain(path, &mut Vec::new()).ok().and_then(|merged| {
        let source = merged.origins.get(field)?.clone();
        Some((source.path.clone(), source.spans.find(field)))
    });
    let (file, position) = placed.unwrap_or_else(|| (path.display().to_string(), None));
    Diagnostic {
        file,
        position,
        path: field.to_string(),
        message,
    }
}

/// A parameter set by path on top of the file (see [`super::overrides`]),
/// and how the command line gave it, which errors name.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The parameter's path, e.g. `run.horizon`.
    pub path: String,
    /// The value, in the parameter's own form.
    pub value: String,
    /// The option as written: `--vary run.horizon=30d`, `--days 30`.
    pub given: String,
    /// It is the command line's horizon (`--days`): what then falls after
    /// the horizon is warned about, not refused.
    pub sets_horizon: bool,
}

/// A validated scenario, with what it was warned about.
#[derive(Debug)]
pub struct Loaded {
    /// The scenario, overrides applied.
    pub scenario: Scenario,
    /// What still runs but may not be what was meant (a disruption after a
    /// `--days` horizon).
    pub warnings: Vec<Diagnostic>,
}

impl Override {
    /// A sweep's `--vary PATH=VALUE`.
    pub fn vary(path: &str, value: &str) -> Override {
        Override {
            path: path.to_string(),
            value: value.to_string(),
            given: format!("--vary {path}={value}"),
            sets_horizon: false,
        }
    }

    /// `--days D`: the horizon, in days.
    pub fn days(days: f64) -> Override {
        Override {
            path: "run.horizon".into(),
            value: format!("{}s", days * crate::time::DAY),
            given: format!("--days {days}"),
            sets_horizon: true,
        }
    }

    /// `--seed N`: the base seed of every random stream.
    pub fn seed(seed: u64) -> Override {
        Override {
            path: "run.seed".into(),
            value: seed.to_string(),
            given: format!("--seed {seed}"),
            sets_horizon: false,
        }
    }

    /// `--warmup`, which the batch sets once the scenario is loaded: the
    /// horizon is not held to the file's warm-up meanwhile.
    pub fn warmup_set_later() -> Override {
        Override {
            path: "run.warmup".into(),
            value: "0s".into(),
            given: "--warmup".into(),
            sets_horizon: false,
        }
    }
}

/// Loads a scenario file (or the embedded baseline for `None`) with
/// parameters overridden by path, then validates: the overridden values are
/// checked as if the file had them.
pub fn load_with(path: Option<&Path>, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    let merged = match path {
        Some(p) => read_chain(p, &mut Vec::new())?,
        None => merge_text(BASELINE_RON, BASELINE_SOURCE)?,
    };
    load_merged(merged, overrides)
}

/// Like [`load_with`], with the design space of `taktline plan` read from
/// the file at `space` (a `Plan(...)`) instead of the scenario's own
/// `plan` block; its problems are said at that file's lines.
pub fn load_with_space(
    path: Option<&Path>,
    space: &Path,
    overrides: &[Override],
) -> Result<Loaded, ScenarioError> {
    let mut source = Source::new(space.display().to_string(), read_text(space)?);
    let plan: PlanFile = parse(&source).map_err(|d| ScenarioError::Invalid(vec![d]))?;
    source.spans = std::mem::take(&mut source.spans).under("plan");
    let source = Rc::new(source);
    let mut merged = match path {
        Some(p) => read_chain(p, &mut Vec::new())?,
        None => merge_text(BASELINE_RON, BASELINE_SOURCE)?,
    };
    merged.file.plan = Some(plan);
    merged.origins.insert("plan", source);
    load_merged(merged, overrides)
}

/// Like [`load_with`], without the file's design space (a candidate of
/// `taktline plan`: its levers are set, its design space is not needed and
/// is not checked again against each combination of settings).
pub fn load_candidate(
    path: Option<&Path>,
    overrides: &[Override],
) -> Result<Loaded, ScenarioError> {
    let mut merged = match path {
        Some(p) => read_chain(p, &mut Vec::new())?,
        None => merge_text(BASELINE_RON, BASELINE_SOURCE)?,
    };
    merged.file.plan = None;
    load_merged(merged, overrides)
}

fn load_merged(mut merged: Merged, overrides: &[Override]) -> Result<Loaded, ScenarioError> {
    if overrides.is_empty() {
        return validate(&merged).map(|scenario| Loaded {
            scenario,
            warnings: Vec::new(),
        });
    }
    // Problems of the file itself point into the file; problems that only
    // the overridden values cause are the command line's options.
    validate(&merged)?;
    let given: Vec<&str> = overrides.iter().map(|o| o.given.as_str()).collect();
    let problems: Vec<Diagnostic> = overrides
        .iter()
        .filter_map(|o| {
            super::overrides::apply(&mut merged.file, &o.path, &o.value)
                .err()
                .map(|message| Diagnostic {
                    file: o.given.clone(),
                    position: None,
                    path: String::new(),
                    message,
                })
        })
        .collect();
    if !problems.is_empty() {
        return Err(ScenarioError::Invalid(problems));
    }
    let on_the_command_line = |d: Diagnostic| Diagnostic {
        file: format!("{} (on {})", given.join(" "), d.file),
        position: None,
        ..d
    };
    let shortened = overrides.iter().any(|o| o.sets_horizon);
    match validate_with(&merged, shortened) {
        Ok((scenario, warnings)) => Ok(Loaded {
            scenario,
            warnings: warnings.into_iter().map(on_the_command_line).collect(),
        }),
        Err(ScenarioError::Invalid(d)) => Err(ScenarioError::Invalid(
            d.into_iter().map(on_the_command_line).collect(),
        )),
        Err(other) => Err(other),
    }
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
    let source = Rc::new(Source::new(name.to_string(), text.to_string()));
    merge_source(source, Path::new("."), &mut Vec::new())
}

fn read_chain(path: &Path, stack: &mut Vec<PathBuf>) -> Result<Merged, ScenarioError> {
    let text = read_text(path)?;
    chain_from(path, text, stack)
}

/// Merges the chain of the file at `path`, whose text is `text`; `stack`
/// holds the files that extend it, so a cycle is caught.
fn chain_from(
    path: &Path,
    text: String,
    stack: &mut Vec<PathBuf>,
) -> Result<Merged, ScenarioError> {
    let source = Rc::new(Source::new(path.display().to_string(), text));
    stack.push(canonical(path));
    let dir = path.parent().unwrap_or(Path::new("."));
    let merged = merge_source(source, dir, stack);
    stack.pop();
    merged
}

/// A file's path with links and `..` resolved, to recognise it however it
/// is written.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn merge_source(
    source: Rc<Source>,
    dir: &Path,
    stack: &mut Vec<PathBuf>,
) -> Result<Merged, ScenarioError> {
    let mut file: ScenarioFile = parse(&source).map_err(|d| ScenarioError::Invalid(vec![d]))?;
    let set = std::mem::take(&mut file.set);
    let Some(base_path) = file.extends.clone() else {
        let origins = top_level_fields(&file)
            .into_iter()
            .map(|f| (f, source.clone()))
            .collect();
        let added = (0..file.add_disruptions.len())
            .map(|i| (source.clone(), i))
            .collect();
        let mut merged = Merged {
            file,
            origins,
            added,
            leaf: source,
        };
        apply_set(&mut merged, &set)?;
        return Ok(merged);
    };
    // Whatever is wrong with the base file itself is said at this file's
    // `extends`; what is wrong inside the base, at its own line.
    let at_extends = |message: String| {
        invalid(
            &source,
            locate(&source.text, &format!("{base_path:?}")),
            "extends",
            &message,
        )
    };
    if base_path.trim().is_empty() {
        return Err(at_extends(
            "the base scenario's file name is empty: give a path, relative to this file".into(),
        ));
    }
    let full = dir.join(&base_path);
    if stack.len() >= MAX_EXTENDS {
        return Err(at_extends(format!(
            "an extends chain may be at most {MAX_EXTENDS} files deep"
        )));
    }
    if std::fs::symlink_metadata(&full).is_err() {
        return Err(at_extends(format!(
            "base scenario {} does not exist",
            full.display()
        )));
    }
    let target = canonical(&full);
    if let Some(i) = stack.iter().position(|p| *p == target) {
        let cycle: Vec<String> = stack[i..]
            .iter()
            .chain([&target])
            .map(|p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        return Err(at_extends(if stack.len() - i == 1 {
            "this file extends itself (a cycle)".into()
        } else {
            format!("a cycle of extends: {}", cycle.join(" -> "))
        }));
    }
    let text = read_text(&full).map_err(|e| match e {
        ScenarioError::Io { source: err, .. } => at_extends(format!(
            "cannot read the base scenario {}: {err}",
            full.display()
        )),
        ScenarioError::Invalid(d) if d.iter().all(|d| d.position.is_none()) => at_extends(format!(
            "the base scenario {}: {}",
            full.display(),
            d.iter()
                .map(|d| d.message.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        )),
        other => other,
    })?;
    if text.trim().is_empty() {
        return Err(at_extends(format!(
            "the base scenario {} is empty: it must hold a Scenario(...)",
            full.display()
        )));
    }
    let mut base = chain_from(&full, text, stack)?;
    // A design space is about the file it is written in, not about the
    // files that extend it (a child may change what its levers mean).
    base.file.plan = None;
    base.origins.remove("plan");
    overlay(&mut base, file, &source);
    base.leaf = source;
    apply_set(&mut base, &set)?;
    Ok(base)
}

/// Applies a file's `set` (parameter paths and values) to what it and its
/// bases give, in order; a path or value that does not apply is an error
/// at its entry.
fn apply_set(merged: &mut Merged, set: &[(String, String)]) -> Result<(), ScenarioError> {
    let problems: Vec<Diagnostic> = set
        .iter()
        .enumerate()
        .filter_map(|(i, (path, value))| {
            super::overrides::apply(&mut merged.file, path, value)
                .err()
                .map(|message| Diagnostic {
                    file: merged.leaf.path.clone(),
                    position: merged.leaf.spans.find(&format!("set[{i}]")),
                    path: format!("set[{i}]"),
                    message,
                })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ScenarioError::Invalid(problems))
    }
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
            calendars,
            line,
            disruptions,
            costs,
            stress,
            hazards,
            plan
        )
    };
}

/// Applies a child file's fields on top of its base.
fn overlay(base: &mut Merged, child: ScenarioFile, source: &Rc<Source>) {
    for field in top_level_fields(&child) {
        base.origins.insert(field, source.clone());
    }
    base.added
        .extend((0..child.add_disruptions.len()).map(|i| (source.clone(), i)));
    let b = &mut base.file;
    // A child that names itself anew is another scenario: the base's
    // description describes the base (the baseline's words under a
    // typhoon's name), so without one of its own it has none.
    if child.name.is_some() && child.description.is_none() {
        b.description = None;
    }
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

/// Largest scenario file read [bytes].
const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads a scenario file as text: a regular file (not a FIFO, device or
/// folder, which could block or never end), of sane size, in UTF-8 (a
/// leading byte-order mark is allowed); every refusal says where and why.
fn read_text(path: &Path) -> Result<String, ScenarioError> {
    let shown = path.display().to_string();
    let refuse = |message: String| {
        ScenarioError::Invalid(vec![Diagnostic {
            file: shown.clone(),
            position: None,
            path: String::new(),
            message,
        }])
    };
    let meta = std::fs::metadata(path).map_err(|source| {
        if source.raw_os_error() == Some(40) {
            refuse("a loop of symbolic links: it never reaches a file".into())
        } else {
            ScenarioError::Io {
                path: shown.clone(),
                source,
            }
        }
    })?;
    if !meta.is_file() {
        return Err(refuse(
            "not a regular file (a folder, FIFO or device): give a scenario file".into(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(refuse(format!(
            "{} bytes is too large for a scenario file (at most {MAX_FILE_BYTES})",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|source| ScenarioError::Io {
        path: shown.clone(),
        source,
    })?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(ScenarioError::Invalid(vec![Diagnostic {
                file: shown.clone(),
                position: Some(position_of(good, good.len())),
                path: String::new(),
                message: format!(
                    "not valid UTF-8 (byte offset {}): save the file as UTF-8",
                    e.valid_up_to()
                ),
            }]))
        }
    }
}

/// A clearer message than the parser's for a few common mistakes, with the
/// position it should point at.
fn explain(text: &str, e: &ron::error::SpannedError) -> (String, (usize, usize)) {
    let at = (e.span.start.line, e.span.start.col);
    let offset = offset_of(text, at);
    let next = text[offset.min(text.len())..].chars().next();
    let before = text[..offset.min(text.len())].chars().next_back();
    match &e.code {
        ron::Error::UnclosedBlockComment => {
            let open = unclosed_comment(text).map_or(at, |o| position_of(text, o));
            ("a /* comment is never closed with */".into(), open)
        }
        ron::Error::ExpectedComma | ron::Error::ExpectedInteger
            if matches!(next, Some('.' | 'e' | 'E'))
                && before.is_some_and(|c| c.is_ascii_digit()) =>
        {
            (
                "expected an integer (a whole number), not a decimal".into(),
                at,
            )
        }
        code => (code.to_string(), at),
    }
}

/// The byte offset of a 1-based (line, column) in `text`.
fn offset_of(text: &str, (line, col): (usize, usize)) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    start
        + text[start.min(text.len())..]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(0, |(i, _)| i)
}

/// Where the first `/*` that is never closed opens (outside strings).
fn unclosed_comment(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut i, mut in_string, mut opens) = (0, false, Vec::new());
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'"', _) if opens.is_empty() => in_string = !in_string,
            (b'\\', _) if in_string => i += 1,
            (b'/', Some(b'/')) if !in_string && opens.is_empty() => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            (b'/', Some(b'*')) if !in_string => {
                opens.push(i);
                i += 1;
            }
            (b'*', Some(b'/')) if !in_string && !opens.is_empty() => {
                opens.pop();
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    opens.first().copied()
}

/// Parses one file's RON, reporting the first syntax or type error with its
/// line, column and field path.
fn parse<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let spanned = |e: ron::error::SpannedError, path: String| {
        let (message, at) = explain(&source.text, &e);
        Diagnostic {
            file: source.path.clone(),
            position: Some(at),
            path,
            message,
        }
    };
    let mut de = ron::Deserializer::from_str_with_options(&source.text, &options)
        .map_err(|e| spanned(e, String::new()))?;
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(file) => {
            de.end()
                .map_err(|code| spanned(de.span_error(code), String::new()))?;
            Ok(file)
        }
        Err(err) => {
            let path = err.path().to_string();
            // serde_path_to_error writes "?" for a field it could not name.
            let path = path.trim_end_matches(".?").trim_end_matches('?');
            let path = if path == "." {
                String::new()
            } else {
                path.to_string()
            };
            let code = err.into_inner();
            Err(spanned(de.span_error(code), path))
        }
    }
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
    fn embedded_baseline_is_valid() {
        let s = load_baseline().expect("baseline must validate");
        assert_eq!(s.line.stations.len(), 5);
    }
}
