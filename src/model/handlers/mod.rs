//! The event handlers: plain methods on [`Ctx`], one file per process, and
//! [`dispatch`], which calls the handler of one event.

mod breakdowns;
mod context;
mod disruption;
mod flow;
mod hours;
mod paced;
mod replenishment;
mod shifts;

pub(super) use context::Ctx;

use crate::model::event::Event;

/// Calls the handler of one event.
#[inline]
pub(crate) fn dispatch(ctx: &mut Ctx, event: Event) {
    match event {
        Event::ReleaseDue => ctx.release_due(),
        Event::ServiceDone {
            station,
            server,
            epoch,
        } => ctx.service_done(station, server as usize, epoch),
        Event::Failure {
            station,
            server,
            epoch,
        } => ctx.failure(station, server as usize, epoch),
        Event::RepairDone { station, server } => ctx.repair_done(station, server as usize),
        Event::IndexDue => ctx.index_due(),
        Event::Departure { route } => ctx.departure(route),
        Event::Dispatch { route } => ctx.dispatch(route),
        Event::TruckArrives { truck } => ctx.truck_arrives(truck),
        Event::DisruptionStarts { disruption } => ctx.disruption_starts(disruption),
        Event::DisruptionEnds { disruption } => ctx.disruption_ends(disruption),
        Event::Shift { of } => ctx.shift(of),
        Event::OvertimeEnds => ctx.overtime_ends(),
        Event::WarmupEnds => ctx
            .rec
            .warmup_ends(ctx.supply.parts.iter().map(|p| (p.on_hand, p.in_transit))),
        Event::HourTick => ctx.hour_tick(),
    }
}
