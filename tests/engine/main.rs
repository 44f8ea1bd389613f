//! Integration tests of taktline, one module per behaviour they guard.

mod alternatives;
mod backup;
mod calendars;
mod capacity;
mod charts;
mod common;
mod conservation;
mod coverage;
mod cycles;
mod determinism;
mod deterministic_line;
mod emergency;
mod fuzz;
mod hardening;
mod layers;
mod models;
mod policies;
mod probes;
mod resilience;
mod scenario_errors;
mod scrap;
mod split;
mod stress;
mod study;
mod theory;
mod tiers;
