//! The events of the model: a small, copyable enum, easy to log and count.

pub(super) use crate::scenario::{DisruptionId, RouteId, StationId, SupplierId};

/// Everything that can happen at an instant of the simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A robot becomes due and joins the release backlog.
    ReleaseDue,
    /// A server finishes processing (stale if its epoch has moved on).
    ServiceDone {
        /// The server's station.
        station: StationId,
        /// The server, by index within its station.
        server: u16,
        /// The server's epoch when scheduled; the event is stale once it moves on.
        epoch: u32,
    },
    /// A server breaks down after its operating time to failure.
    Failure {
        /// The server's station.
        station: StationId,
        /// The server, by index within its station.
        server: u16,
        /// The server's epoch when scheduled; the event is stale once it moves on.
        epoch: u32,
    },
    /// A random repair ends.
    RepairDone {
        /// The server's station.
        station: StationId,
        /// The server, by index within its station.
        server: u16,
    },
    /// The paced line's next index is due.
    IndexDue,
    /// A scheduled truck departure on a route.
    Departure {
        /// The route whose truck is due to leave.
        route: RouteId,
    },
    /// A continuous-review order's truck leaves (its lead time is over).
    Dispatch {
        /// The route that placed the order.
        route: RouteId,
    },
    /// A truck reaches the factory.
    TruckArrives {
        /// The truck's id (`Truck::id`).
        truck: u32,
    },
    /// A disruption begins.
    DisruptionStarts {
        /// The scenario's disruption.
        disruption: DisruptionId,
    },
    /// A disruption ends.
    DisruptionEnds {
        /// The scenario's disruption.
        disruption: DisruptionId,
    },
    /// A change of a working calendar (the line's includes its planned
    /// downtime).
    Shift {
        /// Whose calendar changes.
        of: ShiftOf,
    },
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
    /// The line.
    Line,
    /// A supplier, by index.
    Supplier(u32),
    /// A route, by index.
    Route(u32),
}

impl ShiftOf {
    /// Supplier `s`'s calendar.
    pub fn supplier(s: SupplierId) -> ShiftOf {
        ShiftOf::Supplier(s.index() as u32)
    }
    /// Route `r`'s calendar.
    pub fn route(r: RouteId) -> ShiftOf {
        ShiftOf::Route(r.index() as u32)
    }
}

// Events fill the calendar's heap: keep them at 16 bytes.
const _: () = assert!(std::mem::size_of::<Event>() == 16);
