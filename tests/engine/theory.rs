//! The engine against queueing theory. Each check runs independent
//! replications and asks a 99.9% confidence interval of the replication
//! means to cover the exact value: a correct engine fails it about once in
//! a thousand seeds, and a biased one by more than the interval fails it.

use crate::common::*;

/// M/M/1 with arrival rate 1/min and service rate 1/0.7 min:
/// mean time in system W = 1 / (mu - lambda) = 0.7 / 0.3 min.
#[test]
fn mm1_mean_sojourn_matches_theory() {
    let s = scenario(
        r#"Scenario(
            run: (horizon: "40000min", warmup: "1000min", seed: 11),
            parts: [],
            line: (
                takt: "1min",
                release: Random(Exponential(mean: "1min")),
                stations: [(name: "Q", buffer: "unbounded", process: Exponential(mean: "0.7min"))],
            ),
        )"#,
    );
    let w = replicate(&s, 30, mean_sojourn_min);
    assert_covers("M/M/1 mean sojourn [min]", &w, 0.7 / 0.3, 0.03);
}

/// Three exponential stations in tandem fed by Poisson arrivals (a Jackson
/// network): W = sum of 1 / (mu_i - lambda).
#[test]
fn tandem_mm1_mean_sojourn_matches_jackson() {
    let s = scenario(
        r#"Scenario(
            run: (horizon: "40000min", warmup: "1000min", seed: 12),
            parts: [],
            line: (
                takt: "1min",
                release: Random(Exponential(mean: "1min")),
                stations: [
                    (name: "A", buffer: "unbounded", process: Exponential(mean: "0.5min")),
                    (name: "B", buffer: "unbounded", process: Exponential(mean: "0.6min")),
                    (name: "C", buffer: "unbounded", process: Exponential(mean: "0.7min")),
                ],
            ),
        )"#,
    );
    let theory = 0.5 / 0.5 + 0.6 / 0.4 + 0.7 / 0.3;
    let w = replicate(&s, 30, mean_sojourn_min);
    assert_covers("tandem mean sojourn [min]", &w, theory, 0.03);
}

/// A balanced CONWIP line of n exponential stations is Hopp and Spearman's
/// practical worst case: TH(w) = w / (W0 + w - 1) * rb with W0 = n, rb = 1/t.
#[test]
fn conwip_balanced_exponential_line_matches_practical_worst_case() {
    for wip in [1u32, 3, 6] {
        let s = scenario(&format!(
            r#"Scenario(
                run: (horizon: "30000min", warmup: "500min", seed: 13),
                parts: [],
                line: (
                    takt: "1min",
                    release: Conwip(wip: {wip}),
                    stations: [
                        (name: "A", buffer: "unbounded", process: Exponential(mean: "1min")),
                        (name: "B", buffer: "unbounded", process: Exponential(mean: "1min")),
                        (name: "C", buffer: "unbounded", process: Exponential(mean: "1min")),
                    ],
                ),
            )"#
        ));
        let w = f64::from(wip);
        let theory = w / (3.0 + w - 1.0);
        let th = replicate(&s, 20, throughput_per_min);
        assert_covers(
            &format!("CONWIP w = {wip} throughput [/min]"),
            &th,
            theory,
            0.02,
        );
    }
}

/// Two exponential stations, the first never starved, a buffer of B slots
/// between them and blocking after service. With n = robots past station 1
/// (buffer, station 2, and one blocked at station 1), n is a birth-death
/// chain on 0..=B+2 with up-rate mu1 and down-rate mu2, so
/// pi_n ~ (mu1/mu2)^n and TH = mu2 (1 - pi_0).
#[test]
fn saturated_two_station_finite_buffer_matches_markov_chain() {
    for buffer in [0usize, 2] {
        let s = scenario(&format!(
            r#"Scenario(
                run: (horizon: "30000min", warmup: "500min", seed: 14),
                parts: [],
                line: (
                    takt: "1min",
                    release: Conwip(wip: 50),
                    stations: [
                        (name: "first", buffer: "unbounded", process: Exponential(mean: "1min")),
                        (name: "second", buffer: {buffer}, process: Exponential(mean: "1.25min")),
                    ],
                ),
            )"#
        ));
        let (mu1, mu2) = (1.0, 0.8);
        let rho: f64 = mu1 / mu2;
        let states = buffer + 3;
        let norm: f64 = (0..states).map(|n| rho.powi(n as i32)).sum();
        let theory = mu2 * (1.0 - 1.0 / norm);
        let th = replicate(&s, 20, throughput_per_min);
        assert_covers(
            &format!("finite buffer B = {buffer} throughput [/min]"),
            &th,
            theory,
            0.02,
        );
    }
}
