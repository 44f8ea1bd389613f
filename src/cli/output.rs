//! Standard output and standard error that never panic: a closed pipe
//! (`taktline batch 2>&1 | head -1`) or a full disk makes further lines go
//! nowhere, and the command still ends cleanly. Every file a command writes is written before its report
//! is printed, so nothing is lost.

use std::io::Write;

/// Writes `text` to standard output, ignoring a closed or failing stdout.
pub fn text(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes `text` to standard error, ignoring a closed or failing stderr.
pub fn error_text(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Like `eprintln!`, through [`error_text`].
macro_rules! tell {
    ($($arg:tt)*) => {
        $crate::cli::output::error_text(&format!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use tell;

/// Like `println!`, through [`text`].
macro_rules! say {
    () => {
        $crate::cli::output::text("\n")
    };
    ($($arg:tt)*) => {
        $crate::cli::output::text(&format!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use say;
