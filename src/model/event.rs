//! The events of the model: a small, copyable enum, easy to log and count.

pub use crate::scenario::{DisruptionId, RouteId, StationId, SupplierId};

/// Everything that can happen at an instant of the simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A robot becomes due and joins the release backlog.
    ReleaseDue,
    /// A server finishes processing (stale if its epoch has moved on).
    ServiceDone {
        station: StationId,
        server: u16,
        epoch: u32,
    },
    /// A server breaks down after its operating time to failure.
    Failure {
        station: StationId,
        server: u16,
        epoch: u32,
    },
    /// A random repair ends.
    RepairDone { station: StationId, server: u16 },
    /// The paced line's next index is due.
    IndexDue,
    /// A scheduled truck departure on a route.
    Departure { route: RouteId },
    /// A continuous-review order's truck leaves (its lead time is over).
    Dispatch { route: RouteId },
    /// A truck reaches the factory.
    TruckArrives { truck: u32 },
    /// A disruption begins.
    DisruptionStarts { disruption: DisruptionId },
    /// A disruption ends.
    DisruptionEnds { disruption: DisruptionId },
    /// A change of a working calendar (the line's includes its planned
    /// downtime).
    Shift { of: ShiftOf },
    /// The line's overtime is over.
    OvertimeEnds,
    /// The warm-up ends: steady-state accumulators restart.
    WarmupEnds,
    /// An hour boundary: the recorder takes its hourly snapshot.
    HourTick,
}

/// Whose working calendar changes: the line, or a supplier or route by
/// index (as `u32`, so an event stays 16 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShiftOf {
    Line,
    Supplier(u32),
    Route(u32),
}

impl ShiftOf {
    pub fn supplier(s: SupplierId) -> ShiftOf {
        ShiftOf::Supplier(s.index() as u32)
    }
    pub fn route(r: RouteId) -> ShiftOf {
        ShiftOf::Route(r.index() as u32)
    }
}

// Events fill the calendar's heap: keep them at 16 bytes.
const _: () = assert!(std::mem::size_of::<Event>() == 16);
