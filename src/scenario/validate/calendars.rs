//! Working calendars: shifts, weekdays, holidays, and windows of time
//! (holidays and the line's planned downtime).

use super::Checker;
use super::names::Names;
use super::path::{FieldPath, field};
use super::ranges::Least;
use crate::scenario::closed::Window;
use crate::scenario::file::{CalendarFile, WindowFile};
use crate::scenario::limits::{MAX_REPEATING_WINDOWS, MIN_PERIOD};
use crate::scenario::shifts::WorkCalendar;
use crate::time::HOUR;

impl Checker<'_> {
    /// Named calendars: shifts "HH:MM-HH:MM" that do not overlap, known
    /// weekdays, valid holiday windows, and some working time before the
    /// horizon.
    pub(super) fn calendars(
        &mut self,
        list: &[CalendarFile],
        horizon: f64,
    ) -> (Vec<WorkCalendar>, Names) {
        let names = self.names(
            "calendar",
            list.iter()
                .enumerate()
                .map(|(i, c)| (field!(calendars[i].name), c.name.as_str())),
        );
        let calendars = list
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.at_item(&c.name);
                let written = c
                    .shifts
                    .clone()
                    .unwrap_or_else(|| vec!["00:00-24:00".into()]);
                let mut shifts = Vec::new();
                // A calendar whose shifts are already refused is not also
                // said to have no working time: one error, at its cause.
                let mut refused = false;
                for (k, text) in written.iter().enumerate() {
                    match parse_shift(text) {
                        Ok(s) => shifts.push(s),
                        Err(why) => {
                            refused = true;
                            self.error(
                                field!(calendars[i].shifts[k]),
                                Some(&format!("{text:?}")),
                                format!("shift {text:?}: {why}"),
                            )
                        }
                    }
                }
                let days: Vec<usize> = match &c.days {
                    Some(d) => d.iter().map(|&w| w as usize).collect(),
                    None => (0..7).collect(),
                };
                let mut seen = [false; 7];
                for &d in &days {
                    if std::mem::replace(&mut seen[d], true) {
                        self.error(
                            field!(calendars[i].days),
                            None,
                            format!("{:?} is named twice", DAY_NAMES[d]),
                        );
                    }
                }
                let week = match crate::scenario::shifts::week_of(&shifts, &days) {
                    Ok(w) => w,
                    Err((a, b)) => {
                        let (a, b) = (&written[a], &written[b]);
                        let message = if a == b {
                            format!(
                                "shift {a:?} overlaps itself on consecutive days (more than 24 h)"
                            )
                        } else {
                            format!("shifts {a:?} and {b:?} overlap: working time is given twice")
                        };
                        self.error(field!(calendars[i].shifts), None, message);
                        refused = true;
                        WorkCalendar::always("", Vec::new()).week
                    }
                };
                self.repeating_windows(&c.holidays, 0, |k| field!(calendars[i].holidays[k]));
                let closed = c
                    .holidays
                    .iter()
                    .enumerate()
                    .map(|(k, w)| self.window(field!(calendars[i].holidays[k]), w))
                    .collect::<Vec<_>>()
                    .into();
                let calendar = WorkCalendar {
                    name: c.name.clone(),
                    week,
                    closed,
                };
                if !refused && calendar.advance(0.0, 1.0, horizon).is_none() {
                    self.error(
                        field!(calendars[i]),
                        Some(&format!("{:?}", c.name)),
                        format!(
                            "calendar {:?} has no working time before the horizon",
                            c.name
                        ),
                    );
                }
                calendar
            })
            .collect();
        (calendars, names)
    }

    /// Refuses a calendar's repeating windows beyond the most it may have
    /// ([`MAX_REPEATING_WINDOWS`]), at the first one too many: `counted` of
    /// them come before `list` (for the line's planned downtime, those of
    /// its calendar's holidays, refused there if too many already).
    pub(super) fn repeating_windows(
        &mut self,
        list: &[WindowFile],
        counted: usize,
        path: impl Fn(usize) -> FieldPath,
    ) {
        if counted > MAX_REPEATING_WINDOWS {
            return;
        }
        let repeating: Vec<usize> = (0..list.len())
            .filter(|&k| list[k].every.is_some())
            .collect();
        if let Some(&k) = repeating.get(MAX_REPEATING_WINDOWS - counted) {
            let total = counted + repeating.len();
            self.error(
                path(k),
                None,
                format!(
                    "{total} repeating windows in one calendar; at most \
                     {MAX_REPEATING_WINDOWS} (each is asked at every change of the calendar; \
                     one-off windows are not limited)"
                ),
            );
        }
    }

    pub(super) fn window(&mut self, path: FieldPath, w: &WindowFile) -> Window {
        self.span(
            field!((path).start),
            w.start.secs(),
            Least::Zero,
            "the start",
        );
        self.span(
            field!((path).duration),
            w.duration.secs(),
            Least::Span(1.0),
            "the duration",
        );
        if let Some(every) = w.every {
            self.span(
                field!((path).every),
                every.secs(),
                Least::Span(MIN_PERIOD),
                "the period",
            );
        }
        if let Some(every) = w.every
            && every.secs() <= w.duration.secs()
        {
            self.error(
                field!((path).every),
                None,
                format!(
                    "the period {every} must be longer than the window {}",
                    w.duration
                ),
            );
        }
        Window {
            start: w.start.secs(),
            duration: w.duration.secs(),
            every: w.every.map(|e| e.secs()),
        }
    }
}

/// Weekday names as written, Monday first.
const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A daily shift "HH:MM-HH:MM" as (start, end) seconds after midnight; the
/// end may be 24:00, and an end at or before the start runs past midnight.
fn parse_shift(text: &str) -> Result<(f64, f64), String> {
    let time = |t: &str| -> Result<f64, String> {
        let (h, m) = t
            .trim()
            .split_once(':')
            .ok_or_else(|| format!("{t:?} is not HH:MM"))?;
        let (h, m): (u32, u32) = (
            h.parse().map_err(|_| format!("{t:?} is not HH:MM"))?,
            m.parse().map_err(|_| format!("{t:?} is not HH:MM"))?,
        );
        if m >= 60 || h > 24 || (h == 24 && m > 0) {
            return Err(format!("{t:?} is not a time of day"));
        }
        Ok(f64::from(h * 60 + m) * 60.0)
    };
    let (a, b) = text
        .split_once('-')
        .ok_or_else(|| "write it as \"HH:MM-HH:MM\", e.g. \"06:00-14:00\"".to_string())?;
    let (a, b) = (time(a)?, time(b)?);
    if a >= HOUR * 24.0 {
        return Err("a shift starts before 24:00".into());
    }
    Ok((a, b))
}
