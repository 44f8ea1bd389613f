//! The line and supply-chain model: state as bevy resources of one World
//! ([`state::ModelState`]), behaviour as plain event handlers over
//! [`context::Ctx`], stepped through [`access::ModelMut`].
//!
//! ```text
//!  Wenzhou ─truck─┐                      release backlog
//!  Quzhou  ─truck─┼─▶ factory stock ──▶ S1 ▶[2]▶ S2 ▶[2]▶ S3 ▶[2]▶ S4 ▶[2]▶ S5 ──▶ done
//!  Suzhou  ─truck─┘    (parts at start)                              ▲      │ fail
//!                                                                    └─ R ◀─┘
//! ```

pub mod access;
pub mod breakdowns;
pub mod context;
pub mod disruption;
pub mod event;
pub mod flow;
pub mod kernel;
pub mod line;
pub mod paced;
pub mod replenishment;
pub mod robot;
pub mod shifts;
pub mod simulation;
pub mod state;
pub mod station;
pub mod supply;

pub use access::{ModelMut, ModelRef};
pub use event::Event;
pub use kernel::Kernel;
pub use line::Line;
pub use simulation::Simulation;
pub use state::{ModelState, Spec};
pub use supply::Supply;
