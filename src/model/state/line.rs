//! The integration line at run time: stations, release backlog, parts queue.

use std::collections::VecDeque;

use bevy::ecs::prelude::Resource;

use super::station::Station;
use crate::scenario::{Mix, Release, Scenario, StationId, Stretches};
use crate::sim::random::{Source, Stream};
use crate::time::Seconds;

/// The test station's yield and its stream of outcomes.
#[derive(Debug, Clone)]
pub struct Tester {
    /// The station that tests each robot it finishes.
    pub station: StationId,
    /// Probability that a test passes, in (0, 1].
    pub first_pass_yield: f64,
    /// Pass or fail draws, one per test (stream `test/<station>`).
    pub outcomes: Stream,
    /// Probability that a failing robot is scrapped.
    pub scrap: f64,
    /// Whether each failing robot is scrapped (its own stream, drawn only
    /// when `scrap` > 0, so a scenario without scrap keeps its numbers).
    pub scrap_draws: Stream,
}

/// State of the whole line, a singleton resource of the simulation world.
#[derive(Resource, Debug, Clone)]
pub struct Line {
    /// The line's stations in order, then the rework station if any.
    pub stations: Vec<Station>,
    /// How many of `stations` are on the line (the rest is rework).
    pub line_len: usize,
    /// The rework station.
    pub rework: Option<StationId>,
    /// The test and its streams; `None` without a test station.
    pub tester: Option<Tester>,
    /// Due times of robots waiting to enter the first station, oldest first.
    pub backlog: VecDeque<Seconds>,
    /// Robots made due so far by a takt release (the next is due at n x takt).
    pub releases_scheduled: u64,
    /// Random inter-arrival times.
    pub interarrival: Option<Source>,
    /// Next robot id.
    pub next_robot: u32,
    /// Stations waiting for parts, served strictly in this order.
    pub parts_queue: VecDeque<(StationId, u16)>,
    /// A paced index is moving robots right now.
    pub indexing: bool,
    /// A paced index is due and waits for every station to finish.
    pub index_pending: bool,
    /// When the last robot of a takt release fell due (working time counts).
    pub last_due: Seconds,
    /// The line calendar's stretches from `last_due` on: the takt schedule
    /// asks the calendar once per change, not once per robot.
    pub due_stretches: Stretches,
    /// The line is closed by its calendar or planned downtime.
    pub off_shift: bool,
    /// The line works on in overtime.
    pub in_overtime: bool,
    /// Draws of a random model mix.
    pub mix_draws: Stream,
    /// The line makes several models (one test on the hot path when not).
    pub mixed: bool,
    /// The model of each robot, by id (with models only: a robot carries
    /// no model field, so it stays as small as without).
    pub models_by_id: Vec<u8>,
}

impl Line {
    /// Builds the line of `scenario` for one replication.
    pub fn new(scenario: &Scenario, replication: u64) -> Line {
        let (seed, rep) = (scenario.seed, replication);
        let spec = &scenario.line;
        let mut stations: Vec<Station> = spec
            .stations
            .iter()
            .enumerate()
            .map(|(k, s)| Station::new(s, seed, rep).with_models(&spec.models, k, seed, rep))
            .collect();
        let line_len = stations.len();
        let rework = spec.test.as_ref().map(|t| {
            stations.push(Station::rework(t, seed, rep));
            StationId::new(line_len)
        });
        let tester = spec.test.as_ref().map(|t| Tester {
            station: t.station,
            first_pass_yield: t.first_pass_yield,
            outcomes: Stream::new(
                seed,
                rep,
                &format!("test/{}", spec.stations[t.station].name),
            ),
            scrap: t.scrap,
            scrap_draws: Stream::new(
                seed,
                rep,
                &format!("scrap/{}", spec.stations[t.station].name),
            ),
        });
        let interarrival = match &spec.release {
            Release::Random(d) => Some(Source::new(seed, rep, "release", d)),
            _ => None,
        };
        Line {
            stations,
            line_len,
            rework,
            tester,
            backlog: VecDeque::new(),
            releases_scheduled: 0,
            interarrival,
            next_robot: 0,
            parts_queue: VecDeque::new(),
            indexing: false,
            index_pending: false,
            last_due: 0.0,
            due_stretches: Stretches::default(),
            off_shift: false,
            in_overtime: false,
            mix_draws: Stream::new(seed, rep, "mix"),
            mixed: !spec.models.is_empty(),
            models_by_id: Vec::new(),
        }
    }

    /// The model of robot `id` (released in that order) under `mix`.
    pub fn model_of(&mut self, mix: &Mix, id: u32) -> u8 {
        match mix {
            Mix::Sequence(seq) => seq[id as usize % seq.len()] as u8,
            Mix::Shares(shares) => {
                let u = self.mix_draws.uniform();
                let mut acc = 0.0;
                for (m, &x) in shares.iter().enumerate() {
                    acc += x;
                    if u < acc {
                        return m as u8;
                    }
                }
                shares.iter().rposition(|&x| x > 0.0).unwrap_or(0) as u8
            }
        }
    }

    /// The model of robot `id` (0 without models).
    #[inline]
    pub fn model_of_robot(&self, id: u32) -> u8 {
        self.models_by_id.get(id as usize).copied().unwrap_or(0)
    }

    /// Robots in the line (buffers, stations and rework), not the backlog.
    pub fn wip(&self) -> usize {
        self.stations.iter().map(Station::robots).sum()
    }
}
