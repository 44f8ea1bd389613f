//! The stretches of a calendar ahead of a caller, each found once: for a
//! caller that asks for spans of working time from instants that only grow
//! but reach past each other (promises: every order is promised a lead time
//! of working time after it falls due), so that a change of the calendar
//! within the lead time is asked of the calendar once, not once per order.

use std::collections::VecDeque;

use super::shifts::WorkCalendar;
use crate::time::Seconds;

/// Working-ness is `working` from `from` until `change` (`None`: never
/// before the cache's `until`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Found {
    from: Seconds,
    working: bool,
    change: Option<Seconds>,
}

impl Found {
    fn holds(&self, t: Seconds) -> bool {
        self.from <= t && self.change.is_none_or(|c| t < c)
    }
}

/// Consecutive stretches of one calendar, from the last instant asked on,
/// each ending where the next begins.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stretches {
    found: VecDeque<Found>,
    /// The `until` the stretches were found for.
    until: Seconds,
}

impl Stretches {
    /// [`WorkCalendar::advance`] of `calendar`: the same instant, found
    /// with the stretches kept from earlier calls where they hold.
    pub fn advance(
        &mut self,
        calendar: &WorkCalendar,
        mut t: Seconds,
        mut span: Seconds,
        until: Seconds,
    ) -> Option<Seconds> {
        // Stretches over before `t` are never asked again; a `t` before the
        // first kept, or another `until`, starts afresh.
        if self.until != until || self.found.front().is_some_and(|f| f.from > t) {
            self.found.clear();
            self.until = until;
        }
        while self
            .found
            .front()
            .is_some_and(|f| f.change.is_some_and(|c| c <= t))
        {
            self.found.pop_front();
        }
        let mut i = 0;
        loop {
            let stretch = match self.found.get(i) {
                Some(f) if f.holds(t) => *f,
                _ => {
                    // Asked from `t` as `WorkCalendar::advance` asks: the
                    // same answers, so the same instant.
                    self.found.truncate(i);
                    let f = Found {
                        from: t,
                        working: calendar.working(t),
                        change: calendar.next_change(t, until),
                    };
                    self.found.push_back(f);
                    f
                }
            };
            i += 1;
            if stretch.working {
                match stretch.change {
                    Some(c) if c - t <= span => {
                        span -= c - t;
                        t = c;
                    }
                    _ => return Some(t + span),
                }
            } else {
                t = stretch.change?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::closed::Window;
    use crate::time::{DAY, HOUR, MINUTE};

    /// Always working but for a 5-minute pause every 20 minutes, a 40-minute
    /// one every 3 h and a holiday.
    fn busy_calendar() -> WorkCalendar {
        WorkCalendar::always(
            "test",
            vec![
                Window {
                    start: 7.0 * MINUTE,
                    duration: 5.0 * MINUTE,
                    every: Some(20.0 * MINUTE),
                },
                Window {
                    start: HOUR,
                    duration: 40.0 * MINUTE,
                    every: Some(3.0 * HOUR),
                },
                Window {
                    start: 2.0 * DAY,
                    duration: DAY,
                    every: None,
                },
            ],
        )
    }

    #[test]
    fn kept_stretches_give_the_calendars_own_answers() {
        let calendar = busy_calendar();
        // Instants that grow by less than the span (as promises do), some
        // equal, some on a change, one going back.
        let mut asked: Vec<f64> = (0..2_000).map(|k| f64::from(k) * 97.0).collect();
        asked.extend([asked[1_999], 3.0 * DAY + 7.0 * MINUTE, HOUR, HOUR]);
        for until in [f64::INFINITY, 4.0 * DAY] {
            let mut kept = Stretches::default();
            for &t in &asked {
                for span in [0.0, 90.0, 8.0 * HOUR] {
                    assert_eq!(
                        kept.advance(&calendar, t, span, until),
                        calendar.advance(t, span, until),
                        "from {t} s, span {span} s, until {until}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_the_stretches_up_to_the_last_answer_are_kept() {
        let calendar = busy_calendar();
        let mut kept = Stretches::default();
        let (mut t, mut answer) = (0.0, None);
        for k in 0..5_000 {
            t = f64::from(k) * 60.0;
            answer = kept.advance(&calendar, t, 8.0 * HOUR, f64::INFINITY);
        }
        // The stretches from the last instant asked to its answer.
        let (mut from, mut changes) = (t, 0);
        while let Some(c) = calendar.next_change(from, f64::INFINITY)
            && Some(c) <= answer
        {
            (from, changes) = (c, changes + 1);
        }
        assert!(changes > 20, "{changes} changes");
        assert!(
            kept.found.len() <= changes + 1,
            "{} kept, {changes} changes ahead",
            kept.found.len()
        );
    }
}
