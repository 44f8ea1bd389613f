//! `--timings`: the command's wall time, and the share of each phase the
//! library timed, printed once the command is done.

use std::time::Instant;

use taktline::timings::spent;

use super::output::say;

/// The wall clock of the whole command.
pub struct Clock(Instant);

impl Clock {
    /// Starts the clock as the command starts.
    pub fn start() -> Clock {
        Clock(Instant::now())
    }

    /// Prints the command's wall time, each phase's, and the rest (loading
    /// the scenarios, tables, tidying the output folder).
    pub fn report(self) {
        let total = self.0.elapsed().as_secs_f64();
        let phases = spent();
        let timed: f64 = phases.iter().map(|(_, s)| s).sum();
        let parts: Vec<String> = phases
            .iter()
            .map(|(name, s)| format!("{name} {s:.3} s"))
            .chain(std::iter::once(format!(
                "other {:.3} s",
                (total - timed).max(0.0)
            )))
            .collect();
        say!("timings: {} (wall {total:.3} s)", parts.join(", "));
    }
}
