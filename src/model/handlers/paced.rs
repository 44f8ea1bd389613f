//! The synchronous paced line: every station indexes together, once per
//! takt, and only when every station has finished; a late station stops
//! the whole line.

use super::context::Ctx;
use crate::model::event::{Event, StationId};
use crate::model::state::station::Activity;

impl Ctx<'_> {
    /// The next index is due.
    pub(crate) fn index_due(&mut self) {
        self.line.index_pending = true;
        self.check_index();
    }

    /// Indexes now if an index is due and every line station is ready.
    pub(crate) fn check_index(&mut self) {
        if !self.paced || !self.line.index_pending || self.line.indexing {
            return;
        }
        let ready = self.line.stations[..self.line.line_len].iter().all(|st| {
            st.servers.iter().all(|s| {
                s.available() && matches!(s.activity, Activity::Idle | Activity::Finished(_))
            })
        });
        if !ready {
            return;
        }
        self.line.index_pending = false;
        self.line.indexing = true;
        for k in (0..self.line.line_len).rev().map(StationId::new) {
            match self.line.stations[k].servers[0].activity {
                Activity::Finished(_) => {
                    self.try_hand_on(k, 0);
                }
                Activity::Idle => self.slot_freed(k),
                _ => {}
            }
        }
        self.line.indexing = false;
        self.cal.after(self.spec.line.takt, Event::IndexDue);
    }
}
