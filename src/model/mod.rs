//! The line and supply-chain model: state as bevy resources of one World
//! ([`state::ModelState`]), behaviour as plain event handlers over
//! `handlers::Ctx`, stepped through [`access::ModelMut`].
//!
//! ```text
//!  Wenzhou ─truck─┐                      release backlog
//!  Quzhou  ─truck─┼─▶ factory stock ──▶ S1 ▶[2]▶ S2 ▶[2]▶ S3 ▶[2]▶ S4 ▶[2]▶ S5 ──▶ done
//!  Suzhou  ─truck─┘    (parts at start)                              ▲      │ fail
//!                                                                    └─ R ◀─┘
//! ```

mod access;
mod event;
mod handlers;
mod simulation;
mod snapshot;
mod state;

pub use access::{ModelMut, ModelRef};
pub use event::Event;
pub use simulation::Simulation;
pub use snapshot::{ForkError, Snapshot, first_disruption_start};
pub use state::disruptions::Disruptions;
pub use state::kernel::Kernel;
pub use state::line::Line;
pub use state::robot::Robot;
pub use state::station::Activity;
pub use state::supply::{Supply, Truck};
pub use state::{ModelState, Spec};
