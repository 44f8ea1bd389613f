//! Showing an experiment's progress: a bar with ETA on a terminal, a line
//! per tenth elsewhere (logs, CI, cluster jobs), nothing with `--quiet`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use taktline::experiment::Progress;

use super::output::say;

/// The command line's [`Progress`].
pub struct Reporter {
    quiet: bool,
    task: Mutex<Option<Task>>,
    done: AtomicU64,
}

struct Task {
    bar: ProgressBar,
    lines: bool,
    total: u64,
    label: String,
}

impl Reporter {
    /// A reporter; `quiet` shows no progress (notes are still printed).
    pub fn new(quiet: bool) -> Reporter {
        Reporter {
            quiet,
            task: Mutex::new(None),
            done: AtomicU64::new(0),
        }
    }

    fn with_task(&self, f: impl FnOnce(&Task)) {
        if let Ok(guard) = self.task.lock()
            && let Some(task) = guard.as_ref()
        {
            f(task);
        }
    }
}

impl Progress for Reporter {
    fn start(&self, label: &str, total: u64) {
        let tty = std::io::stderr().is_terminal() && !self.quiet;
        let bar = if tty {
            let b = ProgressBar::new(total);
            if let Ok(style) = ProgressStyle::with_template(
                "{msg:<28} [{bar:30}] {pos}/{len} replications, ETA {eta}",
            ) {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_message(label.to_string());
            b
        } else {
            ProgressBar::hidden()
        };
        self.done.store(0, Ordering::Relaxed);
        if let Ok(mut guard) = self.task.lock() {
            *guard = Some(Task {
                bar,
                lines: !tty && !self.quiet,
                total,
                label: label.to_string(),
            });
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        self.with_task(|t| {
            t.bar.inc(1);
            let tenth = (t.total / 10).max(1);
            if t.lines && (done.is_multiple_of(tenth) || done == t.total) {
                eprintln!("{}: {done}/{} replications", t.label, t.total);
            }
        });
    }

    fn finish(&self) {
        self.with_task(|t| t.bar.finish_and_clear());
    }

    fn note(&self, text: &str) {
        say!("{text}");
    }
}
