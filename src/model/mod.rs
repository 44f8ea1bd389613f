//! The line and supply-chain model: state as bevy resources, behaviour as
//! plain event handlers over [`context::Ctx`].
//!
//! ```text
//!  Wenzhou ─truck─┐                      release backlog
//!  Quzhou  ─truck─┼─▶ factory stock ──▶ S1 ▶[2]▶ S2 ▶[2]▶ S3 ▶[2]▶ S4 ▶[2]▶ S5 ──▶ done
//!  Suzhou  ─truck─┘    (parts at start)                              ▲      │ fail
//!                                                                    └─ R ◀─┘
//! ```

pub mod breakdowns;
pub mod context;
pub mod disruption;
pub mod event;
pub mod flow;
pub mod line;
pub mod paced;
pub mod replenishment;
pub mod robot;
pub mod simulation;
pub mod station;
pub mod supply;

pub use event::Event;
pub use line::Line;
pub use simulation::Simulation;
pub use supply::Supply;
