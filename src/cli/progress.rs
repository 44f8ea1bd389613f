//! Showing an experiment's progress: a bar with ETA on a terminal, a line
//! per tenth elsewhere (logs, CI, cluster jobs), nothing with `--quiet`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use taktline::experiment::Progress;

use super::output::{say, tell};

/// The command line's [`Progress`].
pub struct Reporter {
    quiet: bool,
    task: Mutex<Option<Task>>,
    done: AtomicU64,
    /// When the last plain progress line was printed.
    last_line: Mutex<Instant>,
    /// What a tick counts.
    unit: &'static str,
}

/// Off a terminal, a progress line at least this often [s], besides one per tenth.
const LINE_EVERY_S: u64 = 10;

struct Task {
    bar: ProgressBar,
    lines: bool,
    total: u64,
    label: String,
    /// What is counted: replications, or hundredths of a run.
    unit: &'static str,
}

impl Reporter {
    /// A reporter of replications; `quiet` shows no progress (notes are
    /// still printed).
    pub fn new(quiet: bool) -> Reporter {
        Reporter::counting(quiet, "replications")
    }

    /// A reporter of one long run, in hundredths of its horizon.
    pub fn for_run() -> Reporter {
        Reporter::counting(false, "hundredths of the horizon")
    }

    /// A reporter of ticks that count `unit` (nodes, combinations).
    pub fn counting(quiet: bool, unit: &'static str) -> Reporter {
        Reporter {
            quiet,
            task: Mutex::new(None),
            done: AtomicU64::new(0),
            last_line: Mutex::new(Instant::now()),
            unit,
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
            let template = format!(
                "{{msg:<28}} [{{bar:30}}] {{pos}}/{{len}} {}, ETA {{eta}}",
                self.unit
            );
            if let Ok(style) = ProgressStyle::with_template(&template) {
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
                unit: self.unit,
            });
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        self.with_task(|t| {
            t.bar.inc(1);
            let tenth = (t.total / 10).max(1);
            let due = self.last_line.lock().is_ok_and(|mut last| {
                let due = done.is_multiple_of(tenth)
                    || done == t.total
                    || last.elapsed() >= Duration::from_secs(LINE_EVERY_S);
                if due {
                    *last = Instant::now();
                }
                due
            });
            if t.lines && due {
                tell!("{}: {done}/{} {}", t.label, t.total, t.unit);
            }
        });
    }

    fn finish(&self) {
        self.with_task(|t| t.bar.finish_and_clear());
    }

    fn note(&self, text: &str) {
        say!("{text}");
    }

    fn detail(&self, text: &str) {
        if !self.quiet {
            say!("{text}");
        }
    }
}
