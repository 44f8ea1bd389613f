//! Working calendars: when the line, a supplier or a route works. A week of
//! shifts (t = 0 is Monday 00:00) less closed windows (holidays, and for the
//! line its planned downtime). The simulation asks whether an instant is
//! working time, when that next changes, and where a span of working time
//! ends (the takt schedule counts working time only).

use serde::{Deserialize, Serialize};

use super::closed::{Closed, Window};
use crate::time::{DAY, Seconds};

/// One week [s].
pub(super) const WEEK: Seconds = 7.0 * DAY;

/// A validated working calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkCalendar {
    /// Name: the scenario's calendar, or "planned downtime" for a line
    /// without one.
    pub name: String,
    /// Working intervals within a week, [start, end) in [0, WEEK), sorted
    /// and disjoint.
    pub week: Vec<(Seconds, Seconds)>,
    /// Windows closed whatever the week says (holidays, planned downtime).
    pub closed: Closed,
}

impl WorkCalendar {
    /// A calendar that always works but for `closed` (the line's planned
    /// downtime without a calendar).
    pub fn always(name: &str, closed: Vec<Window>) -> WorkCalendar {
        WorkCalendar {
            name: name.to_string(),
            week: vec![(0.0, WEEK)],
            closed: closed.into(),
        }
    }

    /// Whether `t` is working time (intervals are closed at their start,
    /// open at their end).
    pub fn working(&self, t: Seconds) -> bool {
        self.week_works(t) && !self.closed.contains(t)
    }

    /// Whether the week's shifts work at `t`, closed windows aside.
    fn week_works(&self, t: Seconds) -> bool {
        // The week's intervals are sorted and disjoint: only the last one
        // starting at or before `w` can hold it.
        let w = t.rem_euclid(WEEK);
        let i = self.week.partition_point(|&(a, _)| a <= w);
        i > 0 && w < self.week[i - 1].1
    }

    /// The first instant after `t` at which [`Self::working`] differs from
    /// its value at `t`; `None` if it never changes within `until`.
    pub fn next_change(&self, t: Seconds, until: Seconds) -> Option<Seconds> {
        let now = self.working(t);
        let mut from = t;
        // Step from edge to edge (of the week's shifts, each closed window
        // and each week's end), nearest first. Off shift, only a shift's
        // start can open the calendar: the closed windows' edges until then
        // are passed over unasked (a weekend of maintenance windows is one
        // step, not one per window).
        loop {
            let c = if !now && !self.week_works(from) {
                self.next_week_edge(from)
            } else {
                self.next_edge(from)
            };
            if c > until {
                return None;
            }
            if self.working(c) != now {
                return Some(c);
            }
            from = c;
        }
    }

    /// The nearest instant after `from` at which a shift starts or ends, a
    /// closed window opens or closes, or the week ends.
    fn next_edge(&self, from: Seconds) -> Seconds {
        let week = self.next_week_edge(from);
        self.closed.edge_after(from).map_or(week, |c| c.min(week))
    }

    /// The nearest instant after `from` at which a shift starts or ends, or
    /// the week ends.
    fn next_week_edge(&self, from: Seconds) -> Seconds {
        let week0 = (from / WEEK).floor() * WEEK;
        let to = week0 + WEEK;
        // Sorted, disjoint intervals: the edge is the end of the one `from`
        // is in, or the start of the next (in the same arithmetic as the
        // instants compared, so no rounding tells them apart).
        let i = self.week.partition_point(|&(a, _)| week0 + a <= from);
        match i.checked_sub(1).map(|k| self.week[k]) {
            Some((_, b)) if week0 + b > from => week0 + b,
            _ => self.week.get(i).map_or(to, |&(a, _)| week0 + a),
        }
    }

    /// Working time in [a, b) [s].
    pub fn working_time(&self, a: Seconds, b: Seconds) -> Seconds {
        let mut total = 0.0;
        let mut t = a;
        while t < b {
            let next = self.next_change(t, b).unwrap_or(b).min(b);
            if self.working(t) {
                total += next - t;
            }
            t = next;
        }
        total
    }

    /// The instant at which `span` of working time after `t` has passed
    /// (`t` itself if `span` is 0 and `t` is working); a span ending just as
    /// working time ends ends at the next working instant instead, so what
    /// falls due at a shift's end falls due in the next. `None` if the
    /// calendar does not give that much working time before `until`.
    ///
    /// Asks the calendar afresh at every change it passes: the reference
    /// that [`super::Stretches`] (which keeps what it found) answers as.
    pub fn advance(&self, mut t: Seconds, mut span: Seconds, until: Seconds) -> Option<Seconds> {
        loop {
            let change = self.next_change(t, until);
            if self.working(t) {
                match change {
                    Some(c) if c - t <= span => {
                        span -= c - t;
                        t = c;
                    }
                    _ => return Some(t + span),
                }
            } else {
                t = change?;
            }
        }
    }
}

/// Working intervals of a week from daily shifts ([start, end) times of
/// day, an end at or before the start crossing midnight) on the given
/// weekdays (0 = Monday); `Err` names the two shifts that overlap.
pub(super) fn week_of(
    shifts: &[(Seconds, Seconds)],
    days: &[usize],
) -> Result<Vec<(Seconds, Seconds)>, (usize, usize)> {
    let mut pieces: Vec<(Seconds, Seconds, usize)> = Vec::new();
    for &d in days {
        for (k, &(s, e)) in shifts.iter().enumerate() {
            let start = d as f64 * DAY + s;
            let end = d as f64 * DAY + if e <= s { e + DAY } else { e };
            // A shift running past Sunday midnight wraps to Monday.
            if end > WEEK {
                pieces.push((start, WEEK, k));
                pieces.push((0.0, end - WEEK, k));
            } else {
                pieces.push((start, end, k));
            }
        }
    }
    pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in pieces.windows(2) {
        if w[1].0 < w[0].1 {
            return Err((w[0].2, w[1].2));
        }
    }
    // Back-to-back shifts make one working interval.
    let mut week: Vec<(Seconds, Seconds)> = Vec::new();
    for (a, b, _) in pieces {
        match week.last_mut() {
            Some(last) if last.1 == a => last.1 = b,
            _ => week.push((a, b)),
        }
    }
    Ok(week)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::HOUR;

    fn two_shifts_weekdays() -> WorkCalendar {
        WorkCalendar {
            name: "two shifts".into(),
            week: week_of(
                &[(6.0 * HOUR, 14.0 * HOUR), (14.0 * HOUR, 22.0 * HOUR)],
                &[0, 1, 2, 3, 4],
            )
            .unwrap(),
            closed: Closed::default(),
        }
    }

    #[test]
    fn back_to_back_shifts_make_one_interval_a_day() {
        let c = two_shifts_weekdays();
        assert_eq!(c.week.len(), 5);
        assert!(
            c.working(6.0 * HOUR) && !c.working(22.0 * HOUR) && !c.working(5.0 * DAY + 8.0 * HOUR)
        );
    }

    #[test]
    fn changes_and_advances_follow_the_shifts() {
        let c = two_shifts_weekdays();
        let until = 100.0 * DAY;
        assert_eq!(c.next_change(0.0, until), Some(6.0 * HOUR));
        assert_eq!(c.next_change(6.0 * HOUR, until), Some(22.0 * HOUR));
        // Friday 22:00 to Monday 06:00.
        assert_eq!(
            c.next_change(4.0 * DAY + 22.0 * HOUR, until),
            Some(7.0 * DAY + 6.0 * HOUR)
        );
        // 15 h of working time from Monday 00:00 end on Monday 21:00; 16 h,
        // at the shift's end, on Tuesday 06:00; 17 h on Tuesday 07:00.
        assert_eq!(c.advance(0.0, 15.0 * HOUR, until), Some(21.0 * HOUR));
        assert_eq!(c.advance(0.0, 16.0 * HOUR, until), Some(DAY + 6.0 * HOUR));
        assert_eq!(c.advance(0.0, 17.0 * HOUR, until), Some(DAY + 7.0 * HOUR));
        // A week has 80 working hours: the next starts on Monday.
        assert_eq!(
            c.advance(0.0, 80.0 * HOUR, until),
            Some(7.0 * DAY + 6.0 * HOUR)
        );
        assert_eq!(c.working_time(0.0, 14.0 * DAY), 160.0 * HOUR);
        assert_eq!(c.working_time(7.0 * HOUR, 9.0 * HOUR), 2.0 * HOUR);
    }

    #[test]
    fn a_holiday_closes_its_window() {
        let mut c = two_shifts_weekdays();
        c.closed = vec![Window {
            start: DAY,
            duration: DAY,
            every: None,
        }]
        .into();
        assert!(!c.working(DAY + 8.0 * HOUR));
        assert_eq!(
            c.next_change(22.0 * HOUR, 100.0 * DAY),
            Some(2.0 * DAY + 6.0 * HOUR)
        );
        assert_eq!(
            c.advance(0.0, 17.0 * HOUR, 100.0 * DAY),
            Some(2.0 * DAY + 7.0 * HOUR)
        );
    }

    #[test]
    fn overlapping_shifts_are_refused_and_night_shifts_wrap() {
        assert_eq!(
            week_of(
                &[(6.0 * HOUR, 14.0 * HOUR), (12.0 * HOUR, 20.0 * HOUR)],
                &[0]
            ),
            Err((0, 1))
        );
        let nights = week_of(&[(22.0 * HOUR, 6.0 * HOUR)], &[6]).unwrap();
        assert_eq!(
            nights,
            vec![(0.0, 6.0 * HOUR), (6.0 * DAY + 22.0 * HOUR, WEEK)]
        );
    }

    #[test]
    fn a_calendar_without_working_time_never_advances() {
        let c = WorkCalendar {
            name: "never".into(),
            week: Vec::new(),
            closed: Closed::default(),
        };
        assert_eq!(c.advance(0.0, HOUR, 30.0 * DAY), None);
    }

    #[test]
    fn the_next_change_is_the_first_minute_at_which_working_differs() {
        // Calendars whose every edge falls on a whole minute, against a
        // minute-by-minute scan: shifts, repeating and one-off windows.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut draw = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) % n
        };
        let min = 60.0;
        for _ in 0..40 {
            let start = draw(20 * 60) as f64 * min;
            let len = (1 + draw(6 * 60)) as f64 * min;
            let days: Vec<usize> = (0..7).filter(|_| draw(3) > 0).collect();
            let week = week_of(&[(start, (start + len) % DAY)], &days).unwrap();
            let closed = (0..draw(10))
                .map(|_| {
                    let duration = (1 + draw(90)) as f64 * min;
                    Window {
                        start: draw(3 * 24 * 60) as f64 * min,
                        duration,
                        every: (draw(2) == 0).then(|| duration + (1 + draw(600)) as f64 * min),
                    }
                })
                .collect::<Vec<_>>()
                .into();
            let c = WorkCalendar {
                name: "drawn".into(),
                week,
                closed,
            };
            for _ in 0..5 {
                let t = draw(10 * 24 * 60) as f64 * min;
                let until = t + 3.0 * DAY;
                let now = c.working(t);
                let scanned = (1..)
                    .map(|k| t + k as f64 * min)
                    .take_while(|&m| m <= until)
                    .find(|&m| c.working(m) != now);
                assert_eq!(c.next_change(t, until), scanned, "{c:?} from {t}");
            }
            // Stepping through a remembered stretch lands where asking
            // afresh each time does.
            let (mut stretches, mut fresh, mut kept) =
                (super::super::Stretches::default(), Some(0.0), Some(0.0));
            for _ in 0..200 {
                let (Some(a), Some(b)) = (fresh, kept) else {
                    break;
                };
                fresh = c.advance(a, 7.0 * min, 30.0 * DAY);
                kept = stretches.advance(&c, b, 7.0 * min, 30.0 * DAY);
                assert_eq!(fresh, kept, "{c:?} from {a}");
            }
        }
    }
}
