//! Disruptions at run time: the random streams of each disruption and how
//! many of its occurrences are active.

use bevy::ecs::prelude::Resource;

use crate::scenario::{Scenario, Season, Timing};
use crate::sim::random::{Source, Stream};
use crate::time::Seconds;

/// The random sources of a randomly arriving disruption.
#[derive(Debug, Clone)]
pub struct Arrivals {
    /// Exponential gaps between arrivals.
    pub gaps: Stream,
    /// Durations.
    pub durations: Source,
}

impl Arrivals {
    /// The instant of the next arrival after `now`: an exponential gap of
    /// mean `mean_between`, or where a season gives the rate month by
    /// month, the inverse of its cumulative rate; `None`: it never comes.
    pub fn next(
        &mut self,
        now: Seconds,
        mean_between: Seconds,
        season: Option<&Season>,
    ) -> Option<Seconds> {
        match season {
            None => Some(now + self.gaps.exponential(mean_between)),
            Some(s) => s.next_arrival(now, self.gaps.exponential(1.0)),
        }
    }
}

/// The random streams of the scenario's disruptions and which are active,
/// a resource of the world.
#[derive(Resource, Debug, Clone)]
pub struct Disruptions {
    /// One entry per spec; `Some` for random disruptions.
    pub arrivals: Vec<Option<Arrivals>>,
    /// How many occurrences of each are active now.
    pub active: Vec<u32>,
}

impl Disruptions {
    /// Builds the disruptions of `scenario` for one replication.
    pub fn new(scenario: &Scenario, replication: u64) -> Disruptions {
        let arrivals = scenario
            .disruptions
            .iter()
            .map(|d| match d.timing {
                Timing::Scheduled { .. } => None,
                Timing::Random { duration, .. } => Some(Arrivals {
                    gaps: Stream::new(
                        scenario.seed,
                        replication,
                        &format!("disruption/{}/arrivals", d.name),
                    ),
                    durations: Source::new(
                        scenario.seed,
                        replication,
                        &format!("disruption/{}/duration", d.name),
                        &duration,
                    ),
                }),
            })
            .collect();
        Disruptions {
            arrivals,
            active: vec![0; scenario.disruptions.len()],
        }
    }
}
