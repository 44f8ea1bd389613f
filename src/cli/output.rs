//! Standard output that never panics: a closed pipe (`taktline run | head
//! -1`) or a full disk makes further lines go nowhere, and the command still
//! ends cleanly. Every file a command writes is written before its report
//! is printed, so nothing is lost.

use std::io::Write;

/// Writes `text` to standard output, ignoring a closed or failing stdout.
pub fn text(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

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
