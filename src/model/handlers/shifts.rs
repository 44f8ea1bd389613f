//! Working calendars at run time: the line, a supplier or a route switches
//! between working and closed at each change of its calendar; the line may
//! work on in overtime when it is behind schedule.

use super::context::Ctx;
use crate::model::event::{Event, ShiftOf};
use crate::scenario::{RouteId, SupplierId, WorkCalendar};
use crate::time::{DAY, Seconds};

impl Ctx<'_> {
    /// The calendar of `of`.
    fn calendar_of(&self, of: ShiftOf) -> &WorkCalendar {
        let spec = self.spec;
        let index = match of {
            ShiftOf::Line => {
                return spec
                    .line
                    .work
                    .as_ref()
                    .expect("a line shift has a calendar");
            }
            ShiftOf::Supplier(s) => spec.suppliers[s as usize].calendar,
            ShiftOf::Route(r) => spec.routes[r as usize].calendar,
        };
        &spec.calendars[index.expect("a shift has a calendar")]
    }

    /// How far ahead a calendar is searched for its next change.
    fn shift_horizon(&self) -> Seconds {
        self.spec.horizon + DAY
    }

    /// A change of `of`'s calendar (or the start of the run): it works or
    /// closes as its calendar says now, and the next change is scheduled.
    pub(crate) fn shift(&mut self, of: ShiftOf) {
        let calendar = self.calendar_of(of);
        let working = calendar.working(self.now);
        let next = calendar.next_change(self.now, self.shift_horizon());
        match of {
            ShiftOf::Line => {
                if !working {
                    self.maybe_overtime(next);
                }
                self.refresh_line_shift();
            }
            ShiftOf::Supplier(s) => {
                let s = SupplierId::new(s as usize);
                self.supplier_to_now(s);
                self.supply.suppliers[s].closed = !working;
            }
            ShiftOf::Route(r) => {
                let r = RouteId::new(r as usize);
                let route = &mut self.supply.routes[r];
                route.off_shift = !working;
                if working && route.closures == 0 {
                    self.release_held(r);
                }
            }
        }
        if let Some(t) = next {
            self.cal.at(t, Event::Shift { of });
        }
    }

    /// At the end of working time, overtime starts if the line is behind
    /// by more than the threshold: it works on for up to its longest
    /// stretch, or until working time resumes (`next`).
    fn maybe_overtime(&mut self, next: Option<Seconds>) {
        let Some(ot) = self.spec.line.overtime else {
            return;
        };
        let backlog = self.rec.due.saturating_sub(self.rec.completed);
        if self.line.off_shift || self.line.in_overtime || backlog <= ot.backlog_above {
            return;
        }
        let until = next.unwrap_or(self.spec.horizon).min(self.spec.horizon);
        let stretch = ot.up_to.min(until - self.now);
        if stretch <= 0.0 {
            return;
        }
        self.line.in_overtime = true;
        self.rec.overtime(self.now, stretch);
        self.cal.after(stretch, Event::OvertimeEnds);
    }

    /// Overtime is over: the line closes if its calendar says so.
    pub(crate) fn overtime_ends(&mut self) {
        self.line.in_overtime = false;
        self.refresh_line_shift();
    }

    /// Stops or restarts every station as the line's calendar and overtime
    /// say now.
    fn refresh_line_shift(&mut self) {
        let calendar = self
            .spec
            .line
            .work
            .as_ref()
            .expect("the line has a calendar");
        let off = !calendar.working(self.now) && !self.line.in_overtime;
        if off != self.line.off_shift {
            self.line.off_shift = off;
            self.planned_downtime(off);
        }
    }
}
