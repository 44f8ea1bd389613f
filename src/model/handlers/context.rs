//! The handlers' view of the world: the calendar and the model's resources,
//! borrowed together for one step of the simulation.

use crate::model::event::Event;
use crate::model::state::disruptions::Disruptions;
use crate::model::state::line::Line;
use crate::model::state::supply::Supply;
use crate::observe::Recorder;
use crate::scenario::Scenario;
use crate::sim::Calendar;
use crate::time::Seconds;

/// Mutable access to everything an event handler may change.
pub(crate) struct Ctx<'a> {
    /// The time of the event being handled.
    pub now: Seconds,
    /// The validated scenario: every parameter the handlers read.
    pub spec: &'a Scenario,
    /// `spec.line.paced`, read on nearly every move, kept at hand.
    pub paced: bool,
    pub cal: &'a mut Calendar<Event>,
    pub line: &'a mut Line,
    pub supply: &'a mut Supply,
    pub disruptions: &'a mut Disruptions,
    pub rec: &'a mut Recorder,
}
