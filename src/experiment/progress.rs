//! How a long experiment tells the caller what it is doing. The experiment
//! layer only reports; the command line decides how to show it (a terminal
//! bar, plain lines, nothing).

/// Receives progress from batches, sweeps and pilots. Called from worker
/// threads, so it must be `Sync`.
pub trait Progress: Sync {
    /// A task of `total` replications, called `label`, starts.
    fn start(&self, label: &str, total: u64);
    /// One more replication of the current task is done.
    fn tick(&self);
    /// The current task is done.
    fn finish(&self);
    /// A line worth telling the user (a warm-up estimate, a target reached).
    fn note(&self, text: &str);
    /// A line of bookkeeping (how much disk the records take): a note,
    /// which a quiet reporter leaves out.
    fn detail(&self, text: &str) {
        self.note(text);
    }
}

/// Progress that shows nothing (tests, benchmarks, embedding).
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: &str, _: u64) {}
    fn tick(&self) {}
    fn finish(&self) {}
    fn note(&self, _: &str) {}
}
