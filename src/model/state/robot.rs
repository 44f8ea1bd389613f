//! A robot under assembly, as it moves through the line.

use crate::time::Seconds;

/// One robot: plain data, moved by value between buffers and stations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Robot {
    /// Release order, from 0.
    pub id: u32,
    /// When it was due to start [s].
    pub due: Seconds,
    /// When it entered the line (left the release backlog) [s].
    pub entered: Seconds,
    /// Outcome of its last test: false while untested or after failing.
    pub passed: bool,
    /// Times it has been through rework.
    pub reworks: u16,
    /// Failed its test and is to be scrapped: it leaves the line.
    pub scrapped: bool,
}

// Robots are moved by value on every step through the line: keep them small
// (per-robot data that is not needed on every move goes in a side table).
const _: () = assert!(std::mem::size_of::<Robot>() == 24);
