//! The stretches of a calendar ahead of a caller, each found once: for a
//! caller that asks for spans of working time from instants that only grow
//! (the takt schedule, a robot at a time), even where the spans reach past
//! each other (promises: every order is promised a lead time of working
//! time after it falls due), so that a change of the calendar is asked of
//! the calendar once, not once per robot or order, and the stretch where a
//! span ends is found by a binary search over their working time, not by
//! stepping over each.

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
    /// Working time of the stretches kept since the first one after the
    /// cache last started afresh, this one included (infinite for a working
    /// stretch that never changes).
    worked_to: Seconds,
}

impl Found {
    fn holds(&self, t: Seconds) -> bool {
        self.from <= t && self.change.is_none_or(|c| t < c)
    }
}

/// Consecutive stretches of one calendar, from the last instant asked on,
/// each ending where the next begins.
#[derive(Debug, Clone, PartialEq)]
pub struct Stretches {
    found: VecDeque<Found>,
    /// The `until` the stretches were found for.
    until: Seconds,
    /// Every kept change falls on a whole second: sums of whole seconds are
    /// exact, so a span ends where stepping would have ended it.
    whole: bool,
}

impl Default for Stretches {
    /// Nothing kept: the first call starts afresh.
    fn default() -> Stretches {
        Stretches {
            found: VecDeque::new(),
            until: f64::NAN,
            whole: true,
        }
    }
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
        while self
            .found
            .front()
            .is_some_and(|f| f.change.is_some_and(|c| c <= t))
        {
            self.found.pop_front();
        }
        if self.until != until || !self.found.front().is_some_and(|f| f.holds(t)) {
            self.found.clear();
            self.until = until;
            self.whole = true;
            self.push(calendar, t);
        }
        // The stretch holding `t` is the first kept.
        let first = self.found[0];
        t = match pass(&first, t, &mut span) {
            Ok(end) => end,
            Err(answer) => return answer,
        };
        if !self.whole {
            return self.step(calendar, 1, t, span);
        }
        // From the second stretch on, the span ends in the first whose
        // working time, summed from there, exceeds it.
        let base = first.worked_to;
        loop {
            let last = *self.found.back().expect("the first is kept");
            if last.worked_to - base > span {
                break;
            }
            let Some(c) = last.change else { break };
            self.push(calendar, c);
            if !self.whole {
                return self.step(calendar, 1, t, span);
            }
        }
        // Not the first: its own sum is `base`, which the span does not exceed.
        let i = self.found.partition_point(|f| f.worked_to - base <= span);
        let ends = self.found.get(i)?;
        let worked = self.found[i - 1].worked_to - base;
        Some(ends.from + (span - worked))
    }

    /// Steps from kept stretch `i`, which begins at `t`, over one stretch
    /// after another (asking for those not kept) until `span` ends.
    fn step(
        &mut self,
        calendar: &WorkCalendar,
        mut i: usize,
        mut t: Seconds,
        mut span: Seconds,
    ) -> Option<Seconds> {
        loop {
            if !self.found.get(i).is_some_and(|f| f.holds(t)) {
                self.found.truncate(i);
                self.push(calendar, t);
            }
            t = match pass(&self.found[i], t, &mut span) {
                Ok(end) => end,
                Err(answer) => return answer,
            };
            i += 1;
        }
    }

    /// Asks the calendar for the stretch from `t` (as [`WorkCalendar::advance`]
    /// asks: the same answers, so the same instant) and keeps it last.
    fn push(&mut self, calendar: &WorkCalendar, t: Seconds) {
        let working = calendar.working(t);
        let change = calendar.next_change(t, self.until);
        // The first stretch's working time is never summed: it is where a
        // walk starts, and may start at any instant.
        let before = self.found.back().map_or(0.0, |f| f.worked_to);
        let worked_to = match (self.found.is_empty(), working, change) {
            (true, _, _) | (false, false, _) => before,
            (false, true, Some(c)) => before + (c - t),
            (false, true, None) => f64::INFINITY,
        };
        self.whole &= change.is_none_or(|c| c.fract() == 0.0);
        self.found.push_back(Found {
            from: t,
            working,
            change,
            worked_to,
        });
    }
}

/// One step of a walk over `stretch`, which holds `t`: its end, with what
/// it worked taken off `span`, or (`Err`) the answer if the span ends in it
/// or never ends.
fn pass(stretch: &Found, t: Seconds, span: &mut Seconds) -> Result<Seconds, Option<Seconds>> {
    match (stretch.working, stretch.change) {
        (true, Some(c)) if c - t <= *span => {
            *span -= c - t;
            Ok(c)
        }
        (true, _) => Err(Some(t + *span)),
        (false, change) => change.ok_or(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::closed::Window;
    use crate::time::{DAY, HOUR, MINUTE};

    /// Always working but for a 5-minute pause every 20 minutes, a 40-minute
    /// one every 3 h and a holiday, each starting `shift` later.
    fn busy_calendar(shift: Seconds) -> WorkCalendar {
        WorkCalendar::always(
            "test",
            vec![
                Window {
                    start: 7.0 * MINUTE + shift,
                    duration: 5.0 * MINUTE,
                    every: Some(20.0 * MINUTE),
                },
                Window {
                    start: HOUR + shift,
                    duration: 40.0 * MINUTE,
                    every: Some(3.0 * HOUR),
                },
                Window {
                    start: 2.0 * DAY + shift,
                    duration: DAY,
                    every: None,
                },
            ],
        )
    }

    #[test]
    fn kept_stretches_give_the_calendars_own_answers() {
        // Changes on whole seconds (summed), and not (stepped over).
        for shift in [0.0, 0.3] {
            let calendar = busy_calendar(shift);
            // Instants that grow by less than the span (as promises do),
            // some equal, some on a change, some not whole, one going back.
            let mut asked: Vec<f64> = (0..2_000).map(|k| f64::from(k) * 97.1).collect();
            asked.extend([asked[1_999], 3.0 * DAY + 7.0 * MINUTE, HOUR, HOUR]);
            for until in [f64::INFINITY, 4.0 * DAY] {
                let mut kept = Stretches::default();
                for &t in &asked {
                    for span in [0.0, 90.0, 8.0 * HOUR, 0.1 + 30.0 * HOUR] {
                        assert_eq!(
                            kept.advance(&calendar, t, span, until),
                            calendar.advance(t, span, until),
                            "from {t} s, span {span} s, until {until}, shift {shift}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn only_the_stretches_up_to_the_last_answer_are_kept() {
        let calendar = busy_calendar(0.0);
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
