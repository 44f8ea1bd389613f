//! Mixed models: robots of several models share the line, released in a
//! repeating sequence or at random with shares; each takes its own parts
//! and process times, and every figure is kept per model.

use taktline::experiment::simulate;
use taktline::model::Simulation;
use taktline::scenario::{Mix, Scenario};

use super::common::example;

fn mixed() -> Scenario {
    example("scenarios/levers/mixed-models.ron")
}

/// The example without noise: fixed times, no failures, every test passed.
fn zero_noise() -> Scenario {
    let mut s = mixed();
    let fixed = |d: &mut taktline::scenario::Dist| *d = taktline::scenario::Dist::Fixed(d.mean());
    for st in &mut s.line.stations {
        fixed(&mut st.process);
        st.failures = None;
    }
    for m in &mut s.line.models {
        m.process.iter_mut().for_each(fixed);
    }
    for r in &mut s.routes {
        fixed(&mut r.transit);
    }
    s.line.test.as_mut().unwrap().first_pass_yield = 1.0;
    s
}

/// Robots among ids 0..n that are model `m` under the sequence A A B.
fn of_model(n: u64, m: usize) -> u64 {
    // Ids 2, 5, 8, ... are B.
    let b = n / 3;
    if m == 1 { b } else { n - b }
}

#[test]
fn a_zero_noise_repeating_sequence_gives_exact_per_model_counts() {
    let s = zero_noise();
    assert!(matches!(&s.line.mix, Some(Mix::Sequence(q)) if q == &vec![0, 0, 1]));
    let rec = simulate(&s, 0);
    // A serial line passes no robot: they complete in release order.
    let n = rec.completions.len() as u64;
    assert!(n > 3000, "{n}");
    assert_eq!(rec.models[0].completed, of_model(n, 0));
    assert_eq!(rec.models[1].completed, of_model(n, 1));
}

#[test]
fn each_models_part_use_matches_its_bill_of_materials() {
    let s = zero_noise();
    let mut sim = Simulation::new(&s, 0);
    sim.step_until(s.horizon);
    let w = sim.read();
    for (m, model) in s.line.models.iter().enumerate() {
        for p in 0..s.parts.len() {
            // Robots 0..started_k reached station k, in order.
            let expected: u64 = (0..s.line.stations.len())
                .map(|k| {
                    let per: u64 = model.consumes[k]
                        .iter()
                        .filter(|(q, _)| q.index() == p)
                        .map(|&(_, n)| u64::from(n))
                        .sum();
                    of_model(w.line.stations[k].started, m) * per
                })
                .sum();
            assert_eq!(
                w.recorder.models[m].used[p], expected,
                "{} {}",
                model.name, s.parts[p].name
            );
        }
    }
    // Together the models took exactly what the factory stock gave.
    for p in 0..s.parts.len() {
        let used: u64 = w.recorder.models.iter().map(|t| t.used[p]).sum();
        assert_eq!(used, w.supply.parts[p].consumed);
    }
}

#[test]
fn a_random_mix_releases_each_model_at_its_share() {
    let mut s = mixed();
    s.line.mix = Some(Mix::Shares(vec![0.7, 0.3]));
    let rec = simulate(&s, 3);
    let n = rec.completions.len() as f64;
    let b = rec.models[1].completed as f64;
    // Binomial: 4 standard deviations.
    let sd = (n * 0.3 * 0.7).sqrt();
    assert!((b - 0.3 * n).abs() < 4.0 * sd, "{b} of {n}");
}

#[test]
fn the_four_axis_model_is_faster_at_s3_and_takes_fewer_parts() {
    let s = mixed();
    let sum = taktline::stats::RunSummary::new(&s, &simulate(&s, 0));
    let (six, four) = (&sum.models[0], &sum.models[1]);
    let bearings = |m: &taktline::stats::summary::ModelSummary| {
        m.per_robot.iter().find(|(p, _)| p == "bearing").unwrap().1
    };
    assert_eq!((bearings(six), bearings(four)), (12, 8));
    assert!(six.completed > four.completed);
}

#[test]
fn the_models_daily_output_adds_up_to_the_lines() {
    let s = mixed();
    let out = taktline::experiment::run_replication(&s, 1);
    let record = taktline::experiment::record::RepRecord::new(&s, &out, 1);
    assert_eq!(record.daily_by_model.len(), 2);
    for (d, &total) in record.daily_output.iter().enumerate() {
        let by_model: u32 = record.daily_by_model.iter().map(|m| m[d]).sum();
        assert_eq!(by_model, total, "day {d}");
    }
}

#[test]
fn a_run_without_a_twin_counts_completions_by_day_without_keeping_each() {
    let s = mixed();
    let out = taktline::experiment::run_replication(&s, 3);
    let kept = simulate(&s, 3);
    // Memory follows the figures: no instant is kept where no twin needs it.
    assert!(out.recorded.completions.is_empty());
    assert_eq!(out.recorded.completed, kept.completions.len() as u64);
    // The day counts are the kept instants binned by day.
    let mut by_day = vec![0u32; out.recorded.per_day.len()];
    for &c in &kept.completions {
        by_day[(c / 86_400.0).floor() as usize] += 1;
    }
    assert_eq!(out.recorded.per_day, by_day);
    let by_model: Vec<u32> = (0..by_day.len())
        .map(|d| out.recorded.per_day_by_model.iter().map(|m| m[d]).sum())
        .collect();
    assert_eq!(by_model, by_day, "the models' days add up to the line's");
    // A disrupted run and its twin keep every instant for the paired figures.
    let typhoon = example("scenarios/typhoon-wenzhou.ron");
    let out = taktline::experiment::run_replication(&typhoon, 0);
    let twin = out.twin.as_ref().unwrap();
    assert_eq!(
        out.recorded.completions.len() as u64,
        out.recorded.completed
    );
    assert_eq!(
        twin.recorded.completions.len() as u64,
        twin.recorded.completed
    );
}
