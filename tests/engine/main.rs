//! Integration tests of taktline, one module per behaviour they guard.

mod alternatives;
mod common;
mod conservation;
mod determinism;
mod deterministic_line;
mod scenario_errors;
mod theory;
