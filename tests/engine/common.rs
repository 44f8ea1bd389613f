//! Helpers shared by the integration tests.

use taktline::experiment::simulate;
use taktline::observe::Recorder;
use taktline::scenario::{Scenario, load_str};
use taktline::stats::Estimate;

/// A scenario from RON text; panics with the diagnostics if it is invalid.
pub fn scenario(text: &str) -> Scenario {
    load_str(text, "<test>").unwrap_or_else(|e| panic!("test scenario invalid: {e}"))
}

/// Runs `n` replications and applies `figure` to each recording.
pub fn replicate(s: &Scenario, n: u64, figure: impl Fn(&Recorder) -> f64) -> Vec<f64> {
    (0..n).map(|r| figure(&simulate(s, r))).collect()
}

/// Asserts that a 99.9% Student-t interval over replications covers the
/// theoretical value, and that it is narrow enough (relative half-width
/// below `max_rel_half_width`) for the check to have teeth.
pub fn assert_covers(what: &str, values: &[f64], theory: f64, max_rel_half_width: f64) {
    let e = Estimate::new(values, 0.999);
    eprintln!(
        "{what}: mean {:.5} ± {:.5} (99.9%, n = {}), theory {theory:.5}",
        e.mean, e.half_width, e.n
    );
    assert!(
        e.half_width / theory.abs() < max_rel_half_width,
        "{what}: interval too wide to test anything ({} vs theory {theory})",
        e.half_width
    );
    assert!(
        e.covers(theory),
        "{what}: 99.9% interval [{:.5}, {:.5}] misses the theoretical {theory:.5}",
        e.low,
        e.high
    );
}

/// Mean lead time (sojourn) after warm-up [min].
pub fn mean_sojourn_min(r: &Recorder) -> f64 {
    r.lead_sum / r.lead_count as f64 / 60.0
}

/// Completions per minute after warm-up.
pub fn throughput_per_min(r: &Recorder) -> f64 {
    let n = r.completions.iter().filter(|&&t| t >= r.warmup).count();
    n as f64 / ((r.horizon - r.warmup) / 60.0)
}
