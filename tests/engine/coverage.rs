//! The study's confidence intervals cover a known value at their nominal rate.

use taktline::experiment::simulate;
use taktline::stats::Running;

use crate::common::*;

/// 100 independent studies of an M/M/1 queue (rho = 0.5, W = 1 min), each
/// of 10 replications: about 95 of their 95% intervals should cover W.
/// The count is Binomial(100, 0.95): mean 95, sd 2.2; we accept 88 or more
/// (3 sd below). Intervals that were too wide would pass too, so the check
/// also bounds the mean half-width by what 10 replications can give.
#[test]
fn mm1_intervals_cover_the_exact_sojourn_at_their_nominal_rate() {
    let mut covered = 0;
    let mut widths = 0.0;
    for study in 0..100u64 {
        let s = scenario(&format!(
            r#"Scenario(
                run: (horizon: "2000min", warmup: "100min", seed: {}),
                parts: [],
                line: (
                    takt: "1min",
                    release: Random(Exponential(mean: "1min")),
                    stations: [(name: "Q", buffer: "unbounded", process: Exponential(mean: "0.5min"))],
                ),
            )"#,
            1000 + study
        ));
        let mut acc = Running::default();
        for r in 0..10 {
            acc.push(mean_sojourn_min(&simulate(&s, r)));
        }
        let i = acc.estimate();
        widths += i.half_width.unwrap();
        if i.low.unwrap() <= 1.0 && 1.0 <= i.high.unwrap() {
            covered += 1;
        }
    }
    eprintln!(
        "{covered} of 100 intervals cover W = 1 min; mean half-width {:.4}",
        widths / 100.0
    );
    assert!(
        widths / 100.0 < 0.1,
        "intervals this wide would cover anything"
    );
    assert!(
        covered >= 88,
        "only {covered} of 100 95% intervals cover the exact value"
    );
}
