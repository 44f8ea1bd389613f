//! The takt schedule: robot n is due once n takts of the line's working
//! time have passed (its calendar and planned downtime count, nothing
//! else). Every target a report or chart draws is read from it, so none
//! can draw a 24/7 schedule for a line that works two shifts.

use super::model::Scenario;
use crate::time::{HOUR, Seconds};

impl Scenario {
    /// The instants robots fall due on the takt schedule, up to the
    /// horizon (as a `Takt` release makes them due).
    pub fn takt_due_instants(&self) -> Vec<Seconds> {
        let (takt, horizon) = (self.line.takt, self.horizon);
        let mut due = Vec::with_capacity((horizon / takt).ceil().max(0.0) as usize);
        match &self.line.work {
            None => {
                let mut n = 0u64;
                while (n as f64 * takt) < horizon {
                    due.push(n as f64 * takt);
                    n += 1;
                }
            }
            Some(w) => {
                let mut stretches = super::Stretches::default();
                let mut next = stretches.advance(w, 0.0, 0.0, horizon);
                while let Some(t) = next.filter(|&t| t < horizon) {
                    due.push(t);
                    next = stretches.advance(w, t, takt, horizon);
                }
            }
        }
        due
    }

    /// The takt schedule counted by the hour, computed once for every
    /// target drawn from it.
    pub fn takt_schedule(&self) -> TaktSchedule {
        let hours = (self.horizon / HOUR).ceil().max(0.0) as usize;
        let due = self.takt_due_instants();
        let mut by_hour = Vec::with_capacity(hours + 1);
        let mut k = 0;
        for h in 0..=hours {
            let end = h as f64 * HOUR;
            while k < due.len() && due[k] < end {
                k += 1;
            }
            by_hour.push(k as f64);
        }
        TaktSchedule { by_hour }
    }
}

/// Robots due on the takt schedule, hour by hour.
#[derive(Debug, Clone, PartialEq)]
pub struct TaktSchedule {
    /// Entry h counts the due instants before h hours, for h = 0 ..= the
    /// horizon's hours (rounded up).
    by_hour: Vec<f64>,
}

impl TaktSchedule {
    /// Robots due before each hour boundary, from 0.
    pub fn by_hour(&self) -> &[f64] {
        &self.by_hour
    }

    /// Robots due in each hour [h, h + 1).
    pub fn per_hour(&self) -> Vec<f64> {
        self.by_hour.windows(2).map(|w| w[1] - w[0]).collect()
    }

    /// Robots due in each day [d, d + 1) of the run, from day 0.
    pub fn per_day(&self) -> Vec<f64> {
        let last = self.by_hour.len() - 1;
        (0..last.div_ceil(24))
            .map(|d| self.by_hour[((d + 1) * 24).min(last)] - self.by_hour[d * 24])
            .collect()
    }
}
