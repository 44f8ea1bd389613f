//! Failures, repairs and every other reason a server stops: operation-
//! dependent failures with preempt-resume, forced down windows and planned
//! downtime.

use super::context::Ctx;
use crate::model::event::{Event, StationId};
use crate::model::state::station::{Activity, server_slot};

impl Ctx<'_> {
    /// Stops a running processing clock, keeping the work left (in
    /// full-speed seconds: the station worked at its speed meanwhile).
    fn pause(&mut self, k: StationId, s: usize) {
        let speed = self.line.stations[k].speed;
        let srv = &mut self.line.stations[k].servers[s];
        if let Some(since) = srv.running_since.take() {
            let elapsed = self.now - since;
            srv.remaining -= elapsed * speed;
            srv.time_to_failure -= elapsed;
            srv.epoch = srv.epoch.wrapping_add(1);
        }
    }

    /// A server available again picks up where it stopped.
    fn resume(&mut self, k: StationId, s: usize) {
        match self.line.stations[k].servers[s].activity {
            Activity::Working(_) => self.run(k, s),
            Activity::Finished(_) => {
                self.try_hand_on(k, s);
            }
            Activity::WaitingParts(_) => self.serve_parts(),
            Activity::Idle => self.wake(k),
        }
        self.check_index();
    }

    /// The server broke down after its operating time to failure.
    pub(crate) fn failure(&mut self, k: StationId, s: usize, epoch: u32) {
        if self.line.stations[k].servers[s].epoch != epoch {
            return;
        }
        self.pause(k, s);
        let st = &mut self.line.stations[k];
        let f = st
            .failures
            .as_mut()
            .expect("only stations with failures fail");
        let repair = f.repair.exponential(f.mttr);
        let srv = &mut st.servers[s];
        srv.time_to_failure = 0.0;
        srv.repairing = true;
        self.touch(k, s);
        self.cal.after(
            repair,
            Event::RepairDone {
                station: k,
                server: server_slot(s),
            },
        );
    }

    /// The repair ended: a new time to failure, and back to work if nothing
    /// else keeps the server down.
    pub(crate) fn repair_done(&mut self, k: StationId, s: usize) {
        let st = &mut self.line.stations[k];
        let f = st
            .failures
            .as_mut()
            .expect("only stations with failures are repaired");
        let srv = &mut st.servers[s];
        srv.time_to_failure = f.failure.exponential(f.mtbf);
        srv.repairing = false;
        self.touch(k, s);
        if self.line.stations[k].servers[s].available() {
            self.resume(k, s);
        }
    }

    /// A forced-down window starts (`on`) or ends on every server of `k`.
    pub(crate) fn force_down(&mut self, k: StationId, on: bool) {
        for s in 0..self.line.stations[k].servers.len() {
            self.switch(k, s, |srv| {
                if on {
                    srv.forced_down += 1
                } else {
                    srv.forced_down -= 1
                }
            });
        }
    }

    /// A slowdown of `factor` starts (`on`) or ends at station `k`: running
    /// servers are paused at the old speed and run on at the new one.
    pub(crate) fn slow_station(&mut self, k: StationId, factor: f64, on: bool) {
        let running: Vec<usize> = (0..self.line.stations[k].servers.len())
            .filter(|&s| self.line.stations[k].servers[s].running_since.is_some())
            .collect();
        for &s in &running {
            self.pause(k, s);
        }
        let st = &mut self.line.stations[k];
        super::disruption::toggle_factor(&mut st.slowdowns, factor, on);
        st.speed = st.slowdowns.iter().product();
        for s in running {
            self.run(k, s);
        }
    }

    /// A planned downtime window starts (`on`) or ends on every station.
    pub(crate) fn planned_downtime(&mut self, on: bool) {
        for k in (0..self.line.stations.len()).map(StationId::new) {
            for s in 0..self.line.stations[k].servers.len() {
                self.switch(k, s, |srv| {
                    if on {
                        srv.off_shift += 1
                    } else {
                        srv.off_shift -= 1
                    }
                });
            }
        }
    }

    /// Applies a change to a server's stop counters, pausing or resuming it.
    fn switch(
        &mut self,
        k: StationId,
        s: usize,
        change: impl FnOnce(&mut crate::model::state::station::Server),
    ) {
        let srv = &mut self.line.stations[k].servers[s];
        let was = srv.available();
        change(srv);
        let now_available = srv.available();
        self.touch(k, s);
        match (was, now_available) {
            (true, false) => self.pause(k, s),
            (false, true) => self.resume(k, s),
            _ => {}
        }
    }
}
