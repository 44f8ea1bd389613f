//! Helpers shared by the integration tests.

use taktline::experiment::simulate;
use taktline::observe::Recorder;
use taktline::scenario::{Scenario, load_str};
use taktline::stats::{Estimate, Orders, orders};
use taktline::time::{DAY, Seconds};

/// A 72 h typhoon from day 10 that stops Wenzhou and closes its route to
/// Shanghai, as an `add_disruptions` entry of a scenario file.
pub const TYPHOON: &str = r#"add_disruptions: [Scheduled(name: "Typhoon", start: "10d",
    duration: "72h", effects: [SupplierOutage("Wenzhou"), RouteClosure("Wenzhou-Shanghai")])],"#;

/// The order book replayed from a run's kept instants over [from, to),
/// orders lost after a day.
pub fn book_lost_after_a_day(rec: &Recorder, from: Seconds, to: Seconds) -> Orders {
    orders(&rec.due_instants, &rec.completions, Some(DAY), from, to)
}

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
    r.lead_sum / r.completed_after_warmup as f64 / 60.0
}

/// Completions per minute after warm-up.
pub fn throughput_per_min(r: &Recorder) -> f64 {
    let n = r.completions.iter().filter(|&&t| t >= r.warmup).count();
    n as f64 / ((r.horizon - r.warmup) / 60.0)
}

/// A shipped example scenario by its path from the repository root.
pub fn example(path: &str) -> Scenario {
    taktline::scenario::load_file(std::path::Path::new(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The first route of `s` whose policy `is` picks.
pub fn route_where(s: &Scenario, is: impl Fn(&taktline::scenario::Policy) -> bool) -> usize {
    s.routes
        .iter()
        .position(|r| is(&r.policy))
        .expect("the example has such a route")
}

/// Route `r` of `s` sends no truck in replications 0 to 4.
pub fn assert_route_idle(s: &Scenario, r: usize) {
    for rep in 0..5 {
        let sum = taktline::stats::RunSummary::new(s, &simulate(s, rep));
        assert_eq!(sum.routes[r].trucks, 0, "replication {rep}");
    }
}

/// In replications 0 to 4 of `with`, route `r` sends trucks and the line
/// completes more robots than in the plain Wenzhou typhoon.
pub fn assert_route_covers_the_typhoon(with: &Scenario, r: usize) {
    let without = example("scenarios/typhoon-wenzhou.ron");
    for rep in 0..5 {
        let a = simulate(with, rep);
        let sum = taktline::stats::RunSummary::new(with, &a);
        assert!(
            sum.routes[r].trucks > 0,
            "replication {rep}: route {r} never shipped"
        );
        let b = simulate(&without, rep);
        assert!(
            a.completions.len() > b.completions.len(),
            "replication {rep}: {} robots with route {r}, {} without",
            a.completions.len(),
            b.completions.len()
        );
    }
}

/// Every `.rs` file under `dir`, sorted: what the source scans read.
pub fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable folder") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `taktline check` on `path`: its exit code (-1 if killed) and stderr,
/// after asserting it did not panic.
pub fn check_file(path: &std::path::Path) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_taktline"))
        .arg("check")
        .arg(path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "taktline panicked:\n{stderr}");
    (out.status.code().unwrap_or(-1), stderr)
}
