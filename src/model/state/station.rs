//! Stations and their servers: what each holds and what state it is in.

use std::collections::VecDeque;

use super::robot::Robot;
use crate::observe::ServerState;
use crate::scenario::{self, PartId};
use crate::sim::random::{Source, Stream};
use crate::time::Seconds;

/// What a server is doing with a robot, independent of being up or down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Activity {
    /// No robot: starved for work.
    Idle,
    /// Holds a robot, waiting for its parts.
    WaitingParts(Robot),
    /// Processing a robot.
    Working(Robot),
    /// Holds a finished robot that cannot move on: blocked.
    Finished(Robot),
}

impl Activity {
    /// The robot held, if any.
    pub fn robot(&self) -> Option<Robot> {
        match *self {
            Activity::Idle => None,
            Activity::WaitingParts(r) | Activity::Working(r) | Activity::Finished(r) => Some(r),
        }
    }
}

/// A server's index as events carry it. Validation keeps every station
/// within [`crate::scenario::limits::MAX_SERVERS`] servers, so it fits.
pub(crate) fn server_slot(s: usize) -> u16 {
    u16::try_from(s).unwrap_or(u16::MAX)
}

/// One server of a station.
#[derive(Debug, Clone)]
pub struct Server {
    /// The robot it holds and what it does with it.
    pub activity: Activity,
    /// Processing time left for the robot in work [s].
    pub remaining: Seconds,
    /// When processing last (re)started, while it runs.
    pub running_since: Option<Seconds>,
    /// Operating time left before the next failure [s] (infinite without failures).
    pub time_to_failure: Seconds,
    /// A random failure is being repaired.
    pub repairing: bool,
    /// Number of active forced-down windows (station-down disruptions).
    pub forced_down: u32,
    /// Number of active planned-downtime windows.
    pub off_shift: u32,
    /// Bumped whenever a scheduled completion or failure becomes stale.
    pub epoch: u32,
    /// The state being timed, and since when.
    pub state: ServerState,
    /// When `state` began [s].
    pub state_since: Seconds,
}

impl Server {
    fn new(time_to_failure: Seconds) -> Server {
        Server {
            activity: Activity::Idle,
            remaining: 0.0,
            running_since: None,
            time_to_failure,
            repairing: false,
            forced_down: 0,
            off_shift: 0,
            epoch: 0,
            state: ServerState::Starved,
            state_since: 0.0,
        }
    }

    /// Up and on shift: may take robots and parts, process and hand on.
    pub fn available(&self) -> bool {
        !self.repairing && self.forced_down == 0 && self.off_shift == 0
    }

    /// The state this server is in now.
    pub fn current_state(&self) -> ServerState {
        if self.repairing || self.forced_down > 0 {
            ServerState::Down
        } else if self.off_shift > 0 {
            ServerState::OffShift
        } else {
            match self.activity {
                Activity::Idle => ServerState::Starved,
                Activity::WaitingParts(_) => ServerState::StarvedForParts,
                Activity::Working(_) => ServerState::Busy,
                Activity::Finished(_) => ServerState::Blocked,
            }
        }
    }
}

/// Random failures of a station: operating time to failure and repair time.
#[derive(Debug, Clone)]
pub struct FailureStreams {
    /// Mean operating time between failures [s].
    pub mtbf: Seconds,
    /// Mean time to repair [s].
    pub mttr: Seconds,
    /// Times to failure (stream `station/<name>/failure`).
    pub failure: Stream,
    /// Repair times (stream `station/<name>/repair`).
    pub repair: Stream,
}

/// A station at run time: its input buffer, servers and random sources.
#[derive(Debug, Clone)]
pub struct Station {
    /// The station's name.
    pub name: String,
    /// Input buffer, front first; reworked robots sit ahead of new arrivals.
    pub buffer: VecDeque<Robot>,
    /// Buffer slots; `None` = unbounded.
    pub capacity: Option<usize>,
    /// How many robots at the buffer's front came back from rework.
    pub reworked_in_buffer: usize,
    /// Identical parallel servers sharing the buffer.
    pub servers: Vec<Server>,
    /// Servers holding finished robots, in the order they became blocked.
    pub blocked: VecDeque<u16>,
    /// (part, units) taken at start.
    pub consumes: Vec<(PartId, u32)>,
    /// Processing times, the k-th draw for the k-th start.
    pub process: Source,
    /// Random failures; `None` for a station that never fails.
    pub failures: Option<FailureStreams>,
    /// Robots started here (including reworked ones re-tested).
    pub started: u64,
    /// Processing speed: 1, or the product of active slowdowns' factors.
    pub speed: f64,
    /// Factors of active slowdowns.
    pub slowdowns: Vec<f64>,
    /// Per robot model, its parts and process times here; empty without
    /// models (then `consumes` and `process` serve every robot).
    pub models: Vec<ModelWork>,
}

/// One robot model's work at a station.
#[derive(Debug, Clone)]
pub struct ModelWork {
    /// (part, units) a robot of this model takes at start.
    pub consumes: Vec<(PartId, u32)>,
    /// This model's processing times (stream `station/<name>/process/<model>`).
    pub process: Source,
}

impl Station {
    /// Parts a robot of `model` takes here.
    #[inline]
    pub fn needs(&self, model: u8) -> &[(PartId, u32)] {
        match self.models.get(usize::from(model)) {
            Some(m) => &m.consumes,
            None => &self.consumes,
        }
    }

    /// The next processing time of a robot of `model`.
    #[inline]
    pub fn draw_process(&mut self, model: u8) -> f64 {
        match self.models.get_mut(usize::from(model)) {
            Some(m) => m.process.draw(),
            None => self.process.draw(),
        }
    }

    /// Adds each model's work at line station `k`, with its own streams.
    pub fn with_models(
        mut self,
        models: &[scenario::Model],
        k: usize,
        seed: u64,
        rep: u64,
    ) -> Station {
        self.models = models
            .iter()
            .map(|m| ModelWork {
                consumes: m.consumes[k].clone(),
                process: Source::new(
                    seed,
                    rep,
                    &format!("station/{}/process/{}", self.name, m.name),
                    &m.process[k],
                ),
            })
            .collect();
        self
    }

    /// Builds a line station with its streams for `(seed, replication)`.
    pub fn new(spec: &scenario::Station, seed: u64, rep: u64) -> Station {
        let name = &spec.name;
        let mut failures = spec.failures.map(|f| FailureStreams {
            mtbf: f.mtbf,
            mttr: f.mttr,
            failure: Stream::new(seed, rep, &format!("station/{name}/failure")),
            repair: Stream::new(seed, rep, &format!("station/{name}/repair")),
        });
        let servers = (0..spec.servers)
            .map(|_| {
                let ttf = failures
                    .as_mut()
                    .map_or(f64::INFINITY, |f| f.failure.exponential(f.mtbf));
                Server::new(ttf)
            })
            .collect();
        Station {
            name: name.clone(),
            buffer: VecDeque::new(),
            capacity: spec.buffer,
            reworked_in_buffer: 0,
            servers,
            blocked: VecDeque::new(),
            consumes: spec.consumes.clone(),
            process: Source::new(seed, rep, &format!("station/{name}/process"), &spec.process),
            failures,
            started: 0,
            speed: 1.0,
            slowdowns: Vec::new(),
            models: Vec::new(),
        }
    }

    /// The off-line rework station: unbounded queue, one server, no failures.
    pub fn rework(test: &scenario::Test, seed: u64, rep: u64) -> Station {
        let spec = scenario::Station {
            name: test.rework_name.clone(),
            title: "rework".into(),
            buffer: None,
            servers: 1,
            consumes: Vec::new(),
            process: test.rework_process,
            failures: None,
        };
        Station::new(&spec, seed, rep)
    }

    /// Servers that are up, on shift and without a robot.
    pub fn idle_available(&self) -> usize {
        self.servers
            .iter()
            .filter(|s| s.available() && s.activity == Activity::Idle)
            .count()
    }

    /// Robots in this station: its buffer and its servers.
    pub fn robots(&self) -> usize {
        self.buffer.len()
            + self
                .servers
                .iter()
                .filter(|s| s.activity.robot().is_some())
                .count()
    }
}
