//! Errors in scenario files: every problem found, each with where it is.

use std::fmt;

/// One problem in a scenario file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub file: String,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    /// Path of the offending field, e.g. `routes[1].from` (empty if none).
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.message)
    }
}

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file that could not be read.
        path: String,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// The file was read but is not a valid scenario.
    #[error("{}", list(.0))]
    Invalid(Vec<Diagnostic>),
}

impl ScenarioError {
    /// The problems found, one per line (an I/O error gives one).
    pub fn diagnostics(&self) -> Vec<String> {
        match self {
            ScenarioError::Io { .. } => vec![self.to_string()],
            ScenarioError::Invalid(d) => d.iter().map(ToString::to_string).collect(),
        }
    }
}

fn list(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    let noun = if lines.len() == 1 { "error" } else { "errors" };
    format!("{} {noun}:\n  {}", lines.len(), lines.join("\n  "))
}
