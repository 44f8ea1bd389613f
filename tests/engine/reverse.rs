//! The reverse stress test: breaking outages derived by hand on a
//! zero-noise line, two failures that break together where neither does
//! alone, monotone in the nodes added, the same answers forked or rerun,
//! bounded or not, on any thread count; and its bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use taktline::experiment::Prefix;
use taktline::experiment::Silent;
use taktline::experiment::reverse::{ReversePlan, ReverseResult, run_reverse};
use taktline::scenario::{Scenario, load_file};
use taktline::time::HOUR;

fn taktline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taktline"))
        .env("TAKTLINE_CHECK_TEXT", "1") // charts with overlapping labels fail
        .args(args)
        .output()
        .expect("the binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("taktline-reverse-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `text` without noise: every cv 0, no station failures, a first-pass
/// yield of 1.
fn without_noise(text: &str) -> String {
    let mut z = text
        .replace(", failures: (mtbf: \"40h\", mttr: \"45min\")", "")
        .replace("first_pass_yield: 0.97", "first_pass_yield: 1.0");
    for cv in ["0.15", "0.2", "0.1", "0.3"] {
        z = z.replace(&format!("cv: {cv}"), "cv: 0.0");
    }
    z
}

/// The baseline without noise, written into `dir`.
fn zero_noise(dir: &Path) -> PathBuf {
    let z = without_noise(&std::fs::read_to_string("scenarios/baseline.ron").unwrap());
    assert!(!z.contains("mtbf") && !z.contains("cv: 0.1"), "{z}");
    let file = dir.join("zero-noise.ron");
    std::fs::write(&file, z).unwrap();
    file
}

/// The Ningbo backup route (it ships only while Wenzhou's route or
/// supplier is down) on the zero-noise baseline, written into `dir`.
fn zero_noise_backup(dir: &Path) -> PathBuf {
    let base = zero_noise(dir);
    let text = std::fs::read_to_string("scenarios/levers/typhoon-with-ningbo-backup.ron")
        .unwrap()
        .replace("\"../typhoon-wenzhou.ron\"", &format!("{base:?}"));
    let file = dir.join("zero-noise-backup.ron");
    std::fs::write(&file, without_noise(&text)).unwrap();
    file
}

fn plan(s: Scenario, nodes: &[&str], k: usize, lose: u64) -> ReversePlan {
    ReversePlan {
        nodes: s
            .stress
            .nodes
            .iter()
            .filter(|n| nodes.contains(&n.name.as_str()))
            .cloned()
            .collect(),
        start: s.stress.start,
        scenario: s,
        replications: 1,
        jobs: Some(2),
        resolution: HOUR,
        lose,
        k,
        share: 0.5,
        each: false,
        top: 3,
        capacity: None,
        prefix: Prefix::Shared,
        bounded: true,
    }
}

fn run(plan: &ReversePlan) -> ReverseResult {
    run_reverse(plan, &Silent).expect("the reverse stress test runs")
}

/// The combination named `name` ("A + B").
fn combination<'a>(
    r: &'a ReverseResult,
    name: &str,
) -> &'a taktline::experiment::reverse::Combination {
    r.combinations
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} in {r:?}"))
}

/// The breaking duration of node `i` of a combination [h].
fn hours(r: &ReverseResult, name: &str, i: usize) -> f64 {
    let c = combination(r, name);
    assert!(c.breaks, "{name} breaks: {c:?}");
    c.failures[i].duration_h
}

#[test]
fn a_station_outage_breaks_the_target_where_the_backlog_outlasts_the_catch_up() {
    // Zero noise: the twin completes 5 robots an hour (takt 12 min). With
    // S3 (11 min, the slowest with S5) down for d hours from day 10, the
    // line makes none for d hours, then works off its release backlog at
    // 60/11 an hour, gaining 60/11 - 5 = 5/11 an hour on the twin until the
    // horizon (day 30, 480 h after the start). Robots lost at the horizon:
    // 5 d - (480 - d) * 5/11, so losing L takes d* = (L + 480 * 5/11) / (5 +
    // 5/11) hours. The search is on a 1 h grid (S3's TTR is 8 h, the
    // resolution 1 h) and the outage's first and last robot in progress can
    // shift the count by a robot (0.2 h): the answer lies within 1.2 h of d*.
    let dir = scratch("station");
    let s = load_file(&zero_noise(&dir)).unwrap();
    for lose in [40, 120] {
        let r = run(&plan(s.clone(), &["S3"], 1, lose));
        let d = hours(&r, "S3", 0);
        let derived = (lose as f64 + 480.0 * 5.0 / 11.0) / (5.0 + 5.0 / 11.0);
        assert!(
            (d - derived).abs() <= 1.2,
            "lose {lose}: S3 down {d} h breaks, derived {derived:.2} h"
        );
        assert_eq!(d.fract(), 0.0, "on the 1 h grid: {d}");
        // One grid step shorter does not break.
        let c = combination(&r, "S3");
        assert!(c.just_shorter.unwrap().share_reaching < 0.5, "{c:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_routes_of_a_part_break_together_where_the_backup_covers_either_alone() {
    // The Ningbo route ships only while Wenzhou's is down: closed alone it
    // changes nothing (exactly 0 robots lost at any length). Closed with
    // Wenzhou's, the line is the baseline's with Wenzhou's route closed:
    // the pair breaks as soon as that closure breaks the baseline, on the
    // pair's grid within the 1 h resolution; Wenzhou's closure alone, with
    // the backup shipping, breaks later.
    let dir = scratch("backup");
    let base = load_file(&zero_noise(&dir)).unwrap();
    let backup = load_file(&zero_noise_backup(&dir)).unwrap();
    let lose = 120;
    let alone = run(&plan(base, &["Wenzhou-Shanghai"], 1, lose));
    let without_backup = hours(&alone, "Wenzhou-Shanghai", 0);
    let r = run(&plan(
        backup,
        &["Wenzhou-Shanghai", "Ningbo-Shanghai"],
        2,
        lose,
    ));
    let ningbo = combination(&r, "Ningbo-Shanghai");
    assert!(!ningbo.breaks, "{ningbo:?}");
    assert_eq!(ningbo.to_horizon.unwrap().robots_lost, 0.0);
    let pair = combination(&r, "Wenzhou-Shanghai + Ningbo-Shanghai");
    assert!(pair.breaks && pair.dominated_by.is_none(), "{pair:?}");
    let together = hours(&r, "Wenzhou-Shanghai + Ningbo-Shanghai", 0);
    assert!(
        (together - without_backup).abs() <= 1.0,
        "together {together} h, the baseline's closure {without_backup} h"
    );
    let covered = combination(&r, "Wenzhou-Shanghai");
    assert!(
        !covered.breaks || covered.failures[0].duration_h > together + 1.0,
        "the backup covers Wenzhou's closure for a while: {covered:?}"
    );
    // The pair comes first: Ningbo alone never breaks, Wenzhou alone later.
    assert_eq!(r.mildest().next().unwrap().name, pair.name);
    // Verified by a direct run from t = 0.
    assert!(pair.verified.as_ref().unwrap().breaks, "{pair:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn adding_a_node_never_lengthens_a_zero_noise_breaking_outage() {
    // Searched over the whole range (no bound from the parts), every pair
    // breaks at most as late as each of its nodes alone, in multiples of
    // TTR; and the bounded search finds the same answers.
    let dir = scratch("monotone");
    let s = load_file(&zero_noise(&dir)).unwrap();
    let nodes = ["Suzhou-Shanghai", "S3", "Quzhou", "Wenzhou-Shanghai"];
    let mut full = plan(s, &nodes, 2, 120);
    full.bounded = false;
    let unbounded = run(&full);
    full.bounded = true;
    let bounded = run(&full);
    let x = |r: &ReverseResult, name: &str| combination(r, name).breaking_ttrs;
    let mut pairs = 0;
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            // Named in the scenario's order of nodes.
            let name = unbounded
                .combinations
                .iter()
                .map(|c| c.name.clone())
                .find(|n| *n == format!("{a} + {b}") || *n == format!("{b} + {a}"))
                .unwrap();
            let pair = x(&unbounded, &name).expect("a pair of breaking nodes breaks");
            for single in [a, b] {
                if let Some(alone) = x(&unbounded, single) {
                    // Grids differ by the pair's longest TTR: one step of the
                    // single's grid.
                    let step = 1.0 / combination(&unbounded, single).failures[0].ttr_h;
                    assert!(pair <= alone + step, "{name}: {pair} > {single} {alone}");
                }
            }
            pairs += 1;
        }
    }
    assert_eq!(pairs, 6);
    for c in &unbounded.combinations {
        assert_eq!(
            c.breaking_ttrs,
            x(&bounded, &c.name),
            "{}: bounded and whole-range searches differ",
            c.name
        );
    }
    assert!(
        bounded
            .combinations
            .iter()
            .map(|c| c.evaluations)
            .sum::<u32>()
            < unbounded
                .combinations
                .iter()
                .map(|c| c.evaluations)
                .sum::<u32>(),
        "the bound saves evaluations"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_reverse_stress_test_is_the_same_forked_or_rerun_and_on_any_thread_count() {
    let s = taktline::scenario::load_file(Path::new("scenarios/baseline.ron")).unwrap();
    let mut p = plan(s, &["Suzhou-Shanghai", "S3", "Wenzhou region"], 2, 60);
    p.replications = 3;
    p.resolution = 4.0 * HOUR;
    p.each = true;
    let forked = run(&p);
    p.prefix = Prefix::Rerun;
    p.jobs = Some(1);
    let rerun = run(&p);
    assert_eq!(forked, rerun);
    assert!(forked.breaking().count() > 0, "{forked:?}");
}

#[test]
fn a_target_no_combination_reaches_is_said_plainly() {
    let dir = scratch("unreachable");
    let out = dir.join("out");
    let o = taktline(&[
        "stress",
        "--reverse",
        "--nodes",
        "S3,Suzhou-Shanghai",
        "--k",
        "2",
        "--lose",
        "1000000",
        "-n",
        "1",
        "--resolution",
        "8h",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("no combination of up to 2 nodes loses 1,000,000 robots"),
        "{stdout}"
    );
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("No combination of up to 2 nodes loses 1,000,000 robots"));
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("reverse.json")).unwrap()).unwrap();
    assert!(
        json["combinations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["breaks"] == false)
    );
    assert!(
        !out.join("reverse-breaking.png").exists(),
        "no chart of nothing"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_reverse_stress_test_writes_its_tables_chart_and_page() {
    let dir = scratch("outputs");
    let out = dir.join("out");
    let o = taktline(&[
        "stress",
        "--reverse",
        "--nodes",
        "S3,Suzhou-Shanghai,Wenzhou region",
        "--k",
        "2",
        "-n",
        "2",
        "--resolution",
        "4h",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "reverse.csv",
        "reverse.json",
        "reverse-breaking.png",
        "reverse-breaking.svg",
        "index.html",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let csv = std::fs::read_to_string(out.join("reverse.csv")).unwrap();
    // A row per combination: 3 singles and 3 pairs, after the header.
    assert_eq!(csv.lines().count(), 1 + 6, "{csv}");
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("The mildest failure that loses 120 robots (one day of output at takt)"));
    assert!(page.contains("A direct run from t = 0"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_reverse_settings_exit_2_and_say_what_is_expected() {
    for (args, says) in [
        (vec!["--k", "0"], "--k 0"),
        (vec!["--k", "13"], "--k 13"),
        (vec!["--lose", "0"], "--lose 0"),
        (vec!["--lose", "-5"], "--lose -5"),
        (vec!["--share", "0"], "--share 0"),
        (vec!["--share", "1.5"], "--share 1.5"),
        (vec!["--share", "NaN"], "--share NaN"),
        (vec!["--top", "0"], "--top 0"),
    ] {
        let mut all = vec!["stress", "--reverse", "--quiet", "--out", "/nonexistent/x"];
        all.extend(&args);
        let o = taktline(&all);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // Reverse-only options without --reverse, and advice with it.
    for args in [
        vec!["stress", "--lose", "5"],
        vec!["stress", "--reverse", "--advise"],
    ] {
        let o = taktline(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}
