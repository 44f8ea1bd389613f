//! How robots flow through the line: release, buffers, parts, processing,
//! blocking after service, test and rework.
//!
//! Every function here is a plain handler over [`Ctx`]; they call each other
//! in a fixed order, which is what makes simultaneous moves deterministic:
//! a freed slot goes first to a robot coming back from rework, then to the
//! earliest-blocked server upstream, and for the first station to the oldest
//! robot of the release backlog.

use super::context::Ctx;
use crate::model::event::{Event, StationId};
use crate::model::state::robot::Robot;
use crate::model::state::station::{Activity, server_slot};
use crate::scenario::{PartId, Release};

/// Where a finished robot goes next.
enum Destination {
    Station(StationId),
    Exit,
    Scrap,
}

impl Ctx<'_> {
    /// Re-times a server whose state may have changed.
    #[inline]
    pub(crate) fn touch(&mut self, k: StationId, s: usize) {
        let srv = &mut self.line.stations[k].servers[s];
        let state = srv.current_state();
        if state != srv.state {
            let (old, since) = (srv.state, srv.state_since);
            srv.state = state;
            srv.state_since = self.now;
            self.rec.state_time(k, old, since, self.now);
        }
    }

    /// A robot becomes due: it joins the backlog and the next release is scheduled.
    pub(crate) fn release_due(&mut self) {
        self.line.backlog.push_back(self.now);
        self.rec.robot_due(self.now);
        match self.spec.line.release {
            Release::Takt => {
                self.line.releases_scheduled += 1;
                match &self.spec.line.work {
                    // The takt schedule counts working time only.
                    Some(w) => {
                        if let Some(next) = self.line.due_stretches.advance(
                            w,
                            self.line.last_due,
                            self.spec.line.takt,
                            self.spec.horizon,
                        ) {
                            self.line.last_due = next;
                            self.cal.at(next, Event::ReleaseDue);
                        }
                    }
                    None => {
                        let next = self.line.releases_scheduled as f64 * self.spec.line.takt;
                        self.cal.at(next, Event::ReleaseDue);
                    }
                }
            }
            Release::Random(_) => {
                let gap = self
                    .line
                    .interarrival
                    .as_mut()
                    .expect("random release has a source")
                    .draw();
                self.cal.after(gap, Event::ReleaseDue);
            }
            Release::Conwip { .. } => {}
        }
        self.slot_freed(StationId::FIRST);
    }

    /// Whether station `k` can accept a robot now.
    fn has_room(&self, k: StationId) -> bool {
        let line = &*self.line;
        if self.paced && Some(k) != line.rework && !line.indexing {
            return false;
        }
        let st = &line.stations[k];
        match st.capacity {
            None => true,
            Some(cap) => st.buffer.len() < cap + st.idle_available(),
        }
    }

    /// Puts a robot into station `k`'s buffer (a reworked robot ahead of new
    /// arrivals) and lets idle servers take it.
    fn enter(&mut self, k: StationId, robot: Robot, from_rework: bool) {
        let st = &mut self.line.stations[k];
        if from_rework {
            st.buffer.insert(st.reworked_in_buffer, robot);
            st.reworked_in_buffer += 1;
        } else {
            st.buffer.push_back(robot);
        }
        self.pull(k);
    }

    /// Idle, available servers of `k` take robots from its buffer.
    fn pull(&mut self, k: StationId) {
        loop {
            let st = &mut self.line.stations[k];
            if st.buffer.is_empty() {
                return;
            }
            let Some(s) = st
                .servers
                .iter()
                .position(|x| x.available() && x.activity == Activity::Idle)
            else {
                return;
            };
            let robot = st.buffer.pop_front().expect("buffer is not empty");
            st.reworked_in_buffer = st.reworked_in_buffer.saturating_sub(1);
            st.servers[s].activity = Activity::WaitingParts(robot);
            self.request_parts(k, s);
            self.slot_freed(k);
        }
    }

    /// A slot at `k` opened: fill it from its feeders in priority order.
    pub(crate) fn slot_freed(&mut self, k: StationId) {
        if let (Some(test), Some(rework)) = (
            self.line.tester.as_ref().map(|t| t.station),
            self.line.rework,
        ) && test == k
        {
            self.hand_on_blocked(rework, k);
        }
        if k == StationId::FIRST {
            while !self.line.backlog.is_empty() && self.has_room(k) {
                let due = self.line.backlog.pop_front().expect("backlog is not empty");
                let id = self.line.next_robot;
                if self.line.mixed {
                    mixed_release(self.line, self.spec, id);
                }
                let robot = Robot {
                    id,
                    due,
                    entered: self.now,
                    passed: false,
                    reworks: 0,
                    scrapped: false,
                };
                self.line.next_robot += 1;
                self.rec.robot_entered(self.now);
                self.enter(k, robot, false);
            }
        } else if k.index() < self.line.line_len
            && let Some(previous) = k.previous()
        {
            self.hand_on_blocked(previous, k);
        }
    }

    /// Moves blocked robots of station `from` into `k` while there is room.
    fn hand_on_blocked(&mut self, from: StationId, k: StationId) {
        while self.has_room(k) {
            let st = &self.line.stations[from];
            let Some(&s) = st
                .blocked
                .iter()
                .find(|&&s| st.servers[s as usize].available())
            else {
                return;
            };
            if !self.try_hand_on(from, s as usize) {
                return;
            }
        }
    }

    fn destination(&self, j: StationId, robot: &Robot) -> Destination {
        let line = &*self.line;
        if Some(j) == line.rework {
            let test = line.tester.as_ref().expect("rework implies a test");
            return Destination::Station(test.station);
        }
        if let Some(t) = &line.tester
            && t.station == j
            && !robot.passed
        {
            if robot.scrapped {
                return Destination::Scrap;
            }
            return Destination::Station(line.rework.expect("a test has a rework station"));
        }
        if j.next().index() < line.line_len {
            Destination::Station(j.next())
        } else {
            Destination::Exit
        }
    }

    /// Hands server `s` of `j`'s finished robot on, if it can move; returns
    /// whether it moved.
    pub(crate) fn try_hand_on(&mut self, j: StationId, s: usize) -> bool {
        let Activity::Finished(robot) = self.line.stations[j].servers[s].activity else {
            return false;
        };
        if self.paced && !self.line.indexing && Some(j) != self.line.rework {
            return false;
        }
        let dest = self.destination(j, &robot);
        if let Destination::Station(k) = dest
            && !self.has_room(k)
        {
            return false;
        }
        let st = &mut self.line.stations[j];
        if let Some(pos) = st.blocked.iter().position(|&b| b as usize == s) {
            st.blocked.remove(pos);
        }
        // The server is re-timed once at the end: if it takes the next robot
        // at this same instant, it never was idle.
        st.servers[s].activity = Activity::Idle;
        match dest {
            Destination::Station(k) => self.enter(k, robot, Some(j) == self.line.rework),
            Destination::Exit => self.complete(robot),
            Destination::Scrap => self.scrap(robot),
        }
        self.wake(j);
        self.touch(j, s);
        true
    }

    /// A freed server at `k` takes work, and the room it leaves pulls upstream.
    pub(crate) fn wake(&mut self, k: StationId) {
        self.pull(k);
        self.slot_freed(k);
    }

    /// A robot failed its test and is scrapped: its parts are gone and it
    /// leaves the line; under CONWIP its place is released again, as after
    /// a completion.
    fn scrap(&mut self, _robot: Robot) {
        self.rec.robot_scrapped(self.now);
        if let Release::Conwip { .. } = self.spec.line.release {
            self.line.backlog.push_back(self.now);
            self.rec.robot_due(self.now);
            self.slot_freed(StationId::FIRST);
        }
    }

    /// A robot passed its final test and leaves the line.
    fn complete(&mut self, robot: Robot) {
        self.rec.robot_completed(self.now, robot.entered);
        if self.line.mixed {
            let model = self.line.model_of_robot(robot.id);
            self.rec.model_completed(model, self.now, robot.entered);
        }
        if let Release::Conwip { .. } = self.spec.line.release {
            self.line.backlog.push_back(self.now);
            self.rec.robot_due(self.now);
            self.slot_freed(StationId::FIRST);
        }
    }

    /// The model of the robot server `s` of `k` holds (0 if none, or
    /// when the line has one model).
    #[inline]
    fn model_at(&self, k: StationId, s: usize) -> u8 {
        if !self.line.mixed {
            return 0;
        }
        let st = &self.line.stations[k];
        st.servers[s]
            .activity
            .robot()
            .map_or(0, |r| self.line.model_of_robot(r.id))
    }

    /// The parts the robot server `s` of `k` holds takes there.
    #[inline]
    fn needs_at(&self, k: StationId, s: usize) -> &[(PartId, u32)] {
        let st = &self.line.stations[k];
        if self.line.mixed {
            st.needs(self.model_at(k, s))
        } else {
            &st.consumes
        }
    }

    /// Server `s` of `k` holds a robot: it asks for the station's parts.
    fn request_parts(&mut self, k: StationId, s: usize) {
        if self.needs_at(k, s).is_empty() {
            self.start(k, s);
        } else {
            self.touch(k, s);
            self.line.parts_queue.push_back((k, server_slot(s)));
            self.serve_parts();
        }
    }

    /// Serves waiting stations strictly in the order they asked.
    pub(crate) fn serve_parts(&mut self) {
        while let Some(&(k, s)) = self.line.parts_queue.front() {
            let s = s as usize;
            if !self.line.stations[k].servers[s].available() {
                break;
            }
            let model = self.model_at(k, s);
            let parts = &mut self.supply.parts;
            let needs = self.line.stations[k].needs(model);
            if needs.iter().any(|&(p, n)| parts[p].on_hand < u64::from(n)) {
                break;
            }
            for &(p, n) in needs {
                let stock = &mut parts[p];
                stock.on_hand -= u64::from(n);
                stock.consumed += u64::from(n);
                self.rec.stock_change(p, -f64::from(n), 0.0, self.now);
                if self.line.mixed {
                    self.rec.model_used(model, p, n);
                }
            }
            if self.supply.any_on_demand {
                for i in 0..self.line.stations[k].needs(model).len() {
                    let p = self.line.stations[k].needs(model)[i].0;
                    if !self.supply.on_demand[p].is_empty() {
                        self.review(p);
                    }
                }
            }
            self.line.parts_queue.pop_front();
            self.start(k, s);
        }
        self.update_shortages();
    }

    /// Marks which parts the head of the parts queue is short of.
    fn update_shortages(&mut self) {
        let head = self.line.parts_queue.front().copied();
        if head.is_none() && !self.rec.any_part_short() {
            return; // nobody waits and nothing was short: nothing changes
        }
        for p in (0..self.supply.parts.len()).map(PartId::new) {
            let short = head.is_some_and(|(k, s)| {
                self.needs_at(k, s as usize)
                    .iter()
                    .any(|&(q, n)| q == p && self.supply.parts[p].on_hand < u64::from(n))
            });
            self.rec.part_short(p, short, self.now);
        }
    }

    /// Starts processing: the station's next process-time draw.
    fn start(&mut self, k: StationId, s: usize) {
        if self.line.mixed {
            mixed_start(self.line, k, s);
        } else {
            let st = &mut self.line.stations[k];
            let srv = &mut st.servers[s];
            let Activity::WaitingParts(robot) = srv.activity else {
                unreachable!("a server starts only a robot it holds");
            };
            srv.activity = Activity::Working(robot);
            srv.remaining = st.process.draw();
            st.started += 1;
        }
        self.touch(k, s);
        self.run(k, s);
    }

    /// Lets the processing clock of a working, available server run.
    pub(crate) fn run(&mut self, k: StationId, s: usize) {
        let st = &mut self.line.stations[k];
        let speed = st.speed;
        let srv = &mut st.servers[s];
        srv.running_since = Some(self.now);
        srv.epoch = srv.epoch.wrapping_add(1);
        let (station, server, epoch) = (k, server_slot(s), srv.epoch);
        // Work left in full-speed seconds takes longer on a slowed station.
        let left = if speed == 1.0 {
            srv.remaining
        } else {
            srv.remaining / speed
        };
        if srv.time_to_failure < left {
            self.cal.after(
                srv.time_to_failure,
                Event::Failure {
                    station,
                    server,
                    epoch,
                },
            );
        } else {
            self.cal.after(
                left,
                Event::ServiceDone {
                    station,
                    server,
                    epoch,
                },
            );
        }
    }

    /// Processing finished: test if this is the test station, then hand on
    /// or block.
    pub(crate) fn service_done(&mut self, k: StationId, s: usize, epoch: u32) {
        let srv = &mut self.line.stations[k].servers[s];
        if srv.epoch != epoch {
            return;
        }
        let since = srv
            .running_since
            .take()
            .expect("a completing server is running");
        srv.time_to_failure -= self.now - since;
        srv.remaining = 0.0;
        let Activity::Working(mut robot) = srv.activity else {
            unreachable!("only a working server completes");
        };
        if Some(k) == self.line.rework {
            robot.reworks += 1;
            robot.passed = false;
        } else if let Some(t) = self.line.tester.as_mut()
            && t.station == k
        {
            robot.passed = t.outcomes.bernoulli(t.first_pass_yield);
            robot.scrapped = !robot.passed && t.scrap > 0.0 && t.scrap_draws.bernoulli(t.scrap);
            self.rec.test(robot.passed);
        }
        self.line.stations[k].servers[s].activity = Activity::Finished(robot);
        if !self.try_hand_on(k, s) {
            self.line.stations[k].blocked.push_back(server_slot(s));
            self.touch(k, s);
        }
        self.check_index();
    }
}

/// [`Ctx::start`] on a line of several models: the process time of the
/// robot's model (kept out of line so the one-model path stays as it was).
#[cold]
#[inline(never)]
fn mixed_start(line: &mut crate::model::state::line::Line, k: StationId, s: usize) {
    let Activity::WaitingParts(robot) = line.stations[k].servers[s].activity else {
        unreachable!("a server starts only a robot it holds");
    };
    let model = line.model_of_robot(robot.id);
    let st = &mut line.stations[k];
    st.servers[s].activity = Activity::Working(robot);
    st.servers[s].remaining = st.draw_process(model);
    st.started += 1;
}

/// Gives robot `id` its model as it is released (mixed lines only).
#[cold]
#[inline(never)]
fn mixed_release(
    line: &mut crate::model::state::line::Line,
    spec: &crate::scenario::Scenario,
    id: u32,
) {
    if let Some(mix) = &spec.line.mix {
        let model = line.model_of(mix, id);
        line.models_by_id.push(model);
    }
}
