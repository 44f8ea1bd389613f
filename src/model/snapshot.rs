//! A replication's whole state at an instant, to run on from there more
//! than once: a twin and its disrupted runs are the same run until the
//! first disruption starts, so that prefix is simulated once and forked.

use std::sync::Arc;

use super::state::disruptions::Disruptions;
use super::state::{ModelState, Spec, first_disruptions};
use crate::scenario::Scenario;
use crate::time::{HOUR, Seconds};

/// Every resource of a replication at an instant, taken out of its World.
#[derive(Clone)]
pub struct Snapshot(pub(super) ModelState);

/// Why a snapshot cannot be forked into a disrupted run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForkError {
    /// The snapshot's own run already has disruptions.
    #[error("only an undisrupted run can be forked; this one has {0} disruption(s)")]
    Disrupted(usize),
    /// The disrupted run differs from the snapshot's before its first start.
    #[error("the disrupted scenario differs from the snapshot's in more than its disruptions")]
    Differs,
    /// A disruption starts before the snapshot's instant.
    #[error("disruption '{name}' starts at {start_h} h, before the snapshot at {now_h} h")]
    TooLate {
        /// The disruption.
        name: String,
        /// When it starts [h].
        start_h: f64,
        /// The snapshot's instant [h].
        now_h: f64,
    },
}

impl Snapshot {
    /// The instant the snapshot was taken at [s].
    pub fn now(&self) -> Seconds {
        self.0.kernel.now()
    }

    /// The same replication as `disrupted` (the snapshot's scenario with
    /// disruptions added) would be at this instant, had it run from t = 0:
    /// nothing differs until a disruption starts, so only the disruptions'
    /// streams and first starts are new. Running it on gives, to the bit,
    /// what running `disrupted` from t = 0 gives.
    pub fn fork(&self, disrupted: &Scenario, replication: u64) -> Result<Snapshot, ForkError> {
        self.clone().into_fork(disrupted, replication)
    }

    /// [`Snapshot::fork`], consuming the snapshot: for the last fork of it.
    pub fn into_fork(self, disrupted: &Scenario, replication: u64) -> Result<Snapshot, ForkError> {
        self.check(disrupted)?;
        let mut disruptions = Disruptions::new(disrupted, replication);
        let starts = first_disruptions(disrupted, &mut disruptions);
        let now = self.now();
        if let Some(&(_, t, event)) = starts.iter().find(|(_, t, _)| *t < now) {
            let name = match event {
                super::Event::DisruptionStarts { disruption } => {
                    disrupted.disruptions[disruption].name.clone()
                }
                _ => String::new(),
            };
            return Err(ForkError::TooLate {
                name,
                start_h: t / HOUR,
                now_h: now / HOUR,
            });
        }
        let mut state = self.0;
        state.spec = Spec(Arc::new(disrupted.clone()));
        state.disruptions = disruptions;
        for (rank, t, event) in starts {
            state.kernel.calendar.initial(rank, t, event);
        }
        Ok(Snapshot(state))
    }

    /// Whether `disrupted` can fork from this snapshot's run at all.
    fn check(&self, disrupted: &Scenario) -> Result<(), ForkError> {
        let base = &self.0.spec.0;
        if !base.disruptions.is_empty() {
            return Err(ForkError::Disrupted(base.disruptions.len()));
        }
        if !same_but_disruptions(base, disrupted) {
            return Err(ForkError::Differs);
        }
        Ok(())
    }
}

/// The earliest first start of `scenario`'s disruptions in replication
/// `replication` (random ones drawn from their own streams), if any: the
/// latest instant its undisrupted twin can be forked at.
pub fn first_disruption_start(scenario: &Scenario, replication: u64) -> Option<Seconds> {
    let mut disruptions = Disruptions::new(scenario, replication);
    first_disruptions(scenario, &mut disruptions)
        .into_iter()
        .map(|(_, t, _)| t)
        .min_by(f64::total_cmp)
}

/// Whether `a` and `b` are the same scenario but for their disruptions:
/// only then are their runs the same until the first disruption starts.
fn same_but_disruptions(a: &Scenario, b: &Scenario) -> bool {
    // Cheap tests first; the full one in debug builds (every test runs it).
    let cheap = a.horizon == b.horizon
        && a.warmup == b.warmup
        && a.seed == b.seed
        && a.line.stations.len() == b.line.stations.len()
        && a.routes.len() == b.routes.len()
        && a.suppliers.len() == b.suppliers.len();
    debug_assert!(
        !cheap || a.twin_key() == b.twin_key(),
        "a fork's scenario differs from its snapshot's in more than its disruptions"
    );
    cheap
}
