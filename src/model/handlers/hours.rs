//! The hourly tick and the end of a run: station clocks flushed, stock
//! snapshotted, the last (partial) hour closed.

use super::context::Ctx;
use crate::model::event::Event;
use crate::model::state::supply::Supply;
use crate::observe::Recorder;
use crate::scenario::{StationId, SupplierId};
use crate::time::{HOUR, Seconds};

impl Ctx<'_> {
    /// Closes the hour: flushes station state clocks and snapshots stock.
    pub(super) fn hour_tick(&mut self) {
        self.flush_station_clocks();
        self.suppliers_to_now();
        close_hour(self.rec, self.supply, self.now);
        let next = (self.rec.hours_closed as f64 + 1.0) * HOUR;
        self.cal.at(next, Event::HourTick);
    }

    /// Counts open intervals up to the horizon (`self.now`): station clocks,
    /// the last partial hour, and the parts received and consumed.
    pub(crate) fn close_run(&mut self) {
        let now = self.now;
        self.flush_station_clocks();
        if self.rec.last_hour().map_or(0.0, |h| h.totals.end) < now {
            self.suppliers_to_now();
            close_hour(self.rec, self.supply, now);
        }
        let (supply, rec) = (&*self.supply, &mut *self.rec);
        rec.received = supply.parts.iter().map(|p| p.received).collect();
        rec.consumed = supply.parts.iter().map(|p| p.consumed).collect();
        rec.finish(now);
    }

    /// Books every server's time in its state up to now.
    fn flush_station_clocks(&mut self) {
        let now = self.now;
        for (k, st) in self.line.stations.iter_mut().enumerate() {
            for srv in &mut st.servers {
                let station = StationId::new(k);
                self.rec
                    .state_time(station, srv.state, srv.state_since, now);
                srv.state_since = now;
            }
        }
    }

    /// Brings every supplier's stock (and the inputs it took) up to now.
    fn suppliers_to_now(&mut self) {
        for s in 0..self.supply.suppliers.len() {
            self.supplier_to_now(SupplierId::new(s));
        }
    }
}

/// Closes the recorder's hour at `now` with the stock of `supply` (brought
/// up to date by the caller): on hand and in transit per part, finished
/// goods per supplier.
fn close_hour(rec: &mut Recorder, supply: &Supply, now: Seconds) {
    rec.close_hour(
        now,
        supply.parts.iter().map(|p| p.on_hand),
        supply.parts.iter().map(|p| p.in_transit),
        supply.suppliers.iter().map(|s| s.whole_units()),
    );
}
