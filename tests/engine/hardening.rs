//! Hostile or careless input, driven through the binary: markup in names,
//! locked or mistaken output folders, a closed standard output, absurd
//! numbers, FIFOs, symbolic-link loops and malformed records. Each is
//! refused with exit code 2 (invalid input) or 1 (an output that cannot be
//! produced) and a message that says what is wrong; nothing panics, hangs
//! or runs away.

use std::fs::File;
use std::process::Command;
use std::time::Duration;

use crate::drive::*;

#[test]
fn a_sweep_index_escapes_markup_in_a_scenario_name() {
    let dir = Scratch::new("xss");
    let file = dir.write(
        "xss.ron",
        format!("Scenario(extends: {TYPHOON_FILE:?}, name: \"<script>alert(1)</script>\")"),
    );
    let out = dir.join("sweep");
    taktline(&[
        "sweep",
        arg(&file),
        "--vary",
        "disruptions.*.duration=0h,24h",
        "-n",
        "2",
        "--days",
        "12",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    let index = read(&out.join("index.html"));
    assert!(
        index.contains("&lt;script&gt;"),
        "the name is missing:\n{index}"
    );
    assert!(
        !index.contains("<script>alert"),
        "the name went into the page unescaped:\n{index}"
    );
}

#[test]
fn an_output_folder_locked_by_another_process_is_refused() {
    let dir = Scratch::new("locked");
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".taktline.lock"))
        .unwrap();
    lock.try_lock().expect("the test takes the lock");
    let ran = quick(&["run", "--days", "2", "--out", arg(&dir.0)])
        .fails(1, &["in use by another taktline process"]);
    assert!(ran.stdout.is_empty(), "nothing may run:\n{}", ran.stdout);
    assert!(!dir.join("summary.json").exists());
    drop(lock);
}

#[test]
fn a_file_given_as_the_output_folder_is_refused_before_anything_runs() {
    let dir = Scratch::new("out-is-file");
    let file = dir.write("not-a-folder", "mine");
    let ran = quick(&["run", "--days", "2", "--out", arg(&file)]).fails(1, &["is not a folder"]);
    assert!(ran.stdout.is_empty(), "nothing may run:\n{}", ran.stdout);
    assert_eq!(read(&file), "mine", "the file is left alone");
}

#[test]
fn a_later_run_removes_the_earlier_runs_stale_files_but_not_the_users() {
    let dir = Scratch::new("stale");
    let out = dir.join("out");
    taktline(&[
        "run",
        "scenarios/typhoon-wenzhou.ron",
        "--days",
        "12",
        "--out",
        arg(&out),
    ])
    .ok();
    let twin = out.join("hourly-undisrupted.csv");
    assert!(twin.exists(), "a disrupted run writes its twin's series");
    std::fs::write(out.join("notes.txt"), "the user's").unwrap();
    taktline(&[
        "run",
        "scenarios/baseline.ron",
        "--days",
        "2",
        "--out",
        arg(&out),
    ])
    .ok();
    assert!(
        !twin.exists(),
        "the twin's series of the earlier run is removed"
    );
    assert!(out.join("summary.json").exists());
    assert_eq!(
        read(&out.join("notes.txt")),
        "the user's",
        "a file taktline did not write is kept"
    );
}

#[test]
fn a_closed_stdout_neither_panics_nor_loses_the_files() {
    let dir = Scratch::new("closed-stdout");
    let out = dir.join("out");
    exec(&["run", "--days", "2", "--out", arg(&out)], SLOW, true).ok();
    assert!(out.join("summary.json").exists());
    assert!(out.join("hourly.csv").exists());
}

#[test]
fn a_vary_count_too_large_for_its_field_is_refused_not_wrapped() {
    let dir = Scratch::new("vary-large");
    let out = dir.join("sweep");
    quick(&[
        "sweep",
        "scenarios/baseline.ron",
        "--vary",
        "parts.bearing.per_robot=4294967308",
        "-n",
        "2",
        "--days",
        "3",
        "--out",
        arg(&out),
    ])
    .fails(2, &["too large"]);
    assert!(!out.exists(), "nothing may run or be written");
}

#[test]
fn the_same_vary_path_twice_is_refused() {
    let dir = Scratch::new("vary-twice");
    let out = dir.join("sweep");
    quick(&[
        "sweep",
        "scenarios/baseline.ron",
        "--vary",
        "line.takt=12min",
        "--vary",
        "line.takt=10min,11min",
        "-n",
        "2",
        "--days",
        "3",
        "--out",
        arg(&out),
    ])
    .fails(2, &["varied twice"]);
    assert!(!out.exists(), "nothing may run or be written");
}

#[test]
fn check_refuses_a_huge_buffer_and_a_huge_order_up_to_level() {
    let dir = Scratch::new("huge-counts");
    check(
        &dir,
        "huge-buffer",
        baseline_with("buffer: 2,", "buffer: 18446744073709551615,"),
    )
    .fails(2, &["buffer"]);
    check(
        &dir,
        "huge-order-up-to",
        baseline_with("order_up_to: 2880", "order_up_to: 18446744073709551615"),
    )
    .fails(2, &["order_up_to", "at most"]);
}

#[test]
fn check_refuses_a_huge_lognormal_cv() {
    let dir = Scratch::new("huge-cv");
    check(&dir, "huge-cv", baseline_with("cv: 0.15", "cv: 1e155")).fails(2, &["cv may be at most"]);
}

#[test]
fn merge_refuses_a_record_of_another_replication_or_a_truncated_one() {
    let dir = Scratch::new("bad-record");
    let shard = dir.join("shard");
    taktline(&[
        "batch",
        "scenarios/baseline.ron",
        "-n",
        "2",
        "--days",
        "2",
        "--shard",
        "0/1",
        "--quiet",
        "--out",
        arg(&shard),
    ])
    .ok();
    let reps = shard.join("baseline").join("reps");
    let second = reps.join("rep-000001.json");
    assert!(second.exists(), "a shard keeps its records");
    std::fs::copy(reps.join("rep-000000.json"), &second).unwrap();
    let merged = dir.join("merged");
    quick(&["merge", arg(&shard), "--out", arg(&merged)])
        .fails(2, &["rep-000001.json", "not a record of this batch"]);
    std::fs::write(second, "{").unwrap();
    quick(&["merge", arg(&shard), "--out", arg(&merged)]).fails(2, &["rep-000001.json"]);
    assert!(!merged.join("summary.json").exists(), "no study is written");
}

#[test]
fn bench_refuses_nonsense_sizes_before_running_anything() {
    quick(&["bench", "--customers", "0"]).fails(2, &["--customers"]);
    quick(&["bench", "--days", "nan"]).fails(2, &["--days"]);
}

#[test]
fn runaway_inputs_are_refused_at_once_with_the_limit_named() {
    let dir = Scratch::new("runaway");
    let cases = [
        (
            "tiny-takt",
            baseline_with("takt: \"12min\"", "takt: \"0.001s\""),
            "at least",
        ),
        (
            "frequent-trucks",
            baseline_with("every: \"4h\"", "every: \"1s\""),
            "at least",
        ),
        (
            "huge-wip",
            baseline_with("release: Takt,", "release: Conwip(wip: 1000000000),"),
            "at most",
        ),
        (
            "huge-servers",
            baseline_with("buffer: 0,", "buffer: 0, servers: 1000000000,"),
            "at most",
        ),
        (
            "frequent-disruptions",
            baseline_with(
                "disruptions: [],",
                "disruptions: [Random(name: \"flicker\", mean_between: \"1s\", \
                 duration: Exponential(mean: \"1min\"), effects: [StationDown(\"S3\")])],",
            ),
            "at least",
        ),
    ];
    for (name, text, limit) in cases {
        check(&dir, name, text).fails(2, &[limit]);
    }
    let out = dir.join("out");
    quick(&["run", "--days", "1e12", "--out", arg(&out)]).fails(2, &["at most"]);
    assert!(!out.exists(), "nothing may run or be written");
}

#[test]
fn a_fifo_as_scenario_file_is_refused_without_blocking() {
    let dir = Scratch::new("fifo");
    let fifo = dir.join("scenario.ron");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("mkfifo is not available: skipped");
        return;
    }
    exec(&["check", arg(&fifo)], Duration::from_secs(10), false).fails(2, &["not a regular file"]);
}

#[test]
fn parse_errors_say_what_is_wrong_and_on_which_line() {
    let dir = Scratch::new("positions");
    check(
        &dir,
        "decimal-seed",
        baseline_with("seed: 1,", "seed: 1.5,"),
    )
    .fails(2, &["expected an integer"]);

    let unclosed = format!("// one\n// two\n/* never closed\n{BASELINE}");
    check(&dir, "unclosed", unclosed).fails(2, &["unclosed.ron:3:", "never closed"]);

    let second_line = BASELINE.find('\n').unwrap() + 1;
    let mut bytes = BASELINE.as_bytes().to_vec();
    bytes.insert(second_line + 10, 0xff);
    check(&dir, "bad-utf8", bytes).fails(2, &["bad-utf8.ron:2:", "not valid UTF-8"]);

    let mut with_bom = b"\xef\xbb\xbf".to_vec();
    with_bom.extend_from_slice(BASELINE.as_bytes());
    check(&dir, "bom", with_bom).ok();
}

#[test]
fn durations_follow_one_grammar_in_files_and_on_the_command_line() {
    let dir = Scratch::new("durations");
    let out = dir.join("out");
    quick(&[
        "batch",
        "scenarios/baseline.ron",
        "-n",
        "2",
        "--days",
        "3",
        "--warmup=-1d",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .fails(2, &["negative"]);

    let huge = format!("horizon: \"{}d\"", "9".repeat(310));
    check(
        &dir,
        "huge-horizon",
        baseline_with("horizon: \"30d\"", &huge),
    )
    .fails(2, &["too large"]);
    check(
        &dir,
        "inner-sign",
        baseline_with("horizon: \"30d\"", "horizon: \"2d-6h\""),
    )
    .fails(2, &["sign only at the start"]);
    check(
        &dir,
        "months-or-minutes",
        baseline_with("horizon: \"30d\"", "horizon: \"12m\""),
    )
    .fails(2, &["unknown unit"]);
    check(
        &dir,
        "long-unit",
        baseline_with("warmup: \"1d\"", "warmup: \"3 hours\""),
    )
    .ok();
}

#[test]
fn a_vary_value_that_makes_the_scenario_invalid_is_named() {
    let dir = Scratch::new("vary-invalid");
    let out = dir.join("sweep");
    quick(&[
        "sweep",
        "scenarios/baseline.ron",
        "--vary",
        "line.takt=0s",
        "-n",
        "2",
        "--days",
        "3",
        "--out",
        arg(&out),
    ])
    .fails(2, &["--vary line.takt=0s"]);
    assert!(!out.exists(), "nothing may run or be written");
}

#[test]
fn shards_of_one_scenario_merge_however_its_path_is_written() {
    let dir = Scratch::new("identity");
    let (a, b, merged) = (dir.join("a"), dir.join("b"), dir.join("merged"));
    for (file, shard, out) in [
        ("scenarios/baseline.ron", "0/2", &a),
        ("./scenarios/baseline.ron", "1/2", &b),
    ] {
        taktline(&[
            "batch",
            file,
            "-n",
            "2",
            "--days",
            "2",
            "--shard",
            shard,
            "--quiet",
            "--out",
            arg(out),
        ])
        .ok();
    }
    taktline(&["merge", arg(&a), arg(&b), "--out", arg(&merged)]).ok();
    assert!(merged.join("summary.json").exists());
}

#[test]
fn resume_refuses_another_scenarios_batch_but_a_fresh_batch_replaces_a_corrupt_manifest() {
    let dir = Scratch::new("manifest");
    let out = dir.join("study");
    let batch = |file: &str, resume: bool| {
        let mut args = vec![
            "batch",
            file,
            "-n",
            "2",
            "--days",
            "2",
            "--quiet",
            "--out",
            arg(&out),
        ];
        if resume {
            args.push("--resume");
        }
        taktline(&args)
    };
    batch("scenarios/baseline.ron", false).ok();
    // Another scenario in a file of the same name: the same folder in the study.
    let other = dir.write(
        "other/baseline.ron",
        format!("Scenario(extends: {BASELINE_FILE:?}, name: \"Another line\")"),
    );
    batch(arg(&other), true).fails(2, &["cannot resume"]);

    let manifest = out.join("baseline").join("manifest.json");
    assert!(manifest.exists());
    std::fs::write(&manifest, "garbage").unwrap();
    batch("scenarios/baseline.ron", true).fails(2, &["manifest.json"]);
    batch("scenarios/baseline.ron", false).ok();
    assert!(
        read(&manifest).contains("\"digest\""),
        "the manifest is written anew"
    );
}

#[test]
fn nonsense_options_and_settings_are_refused() {
    let dir = Scratch::new("nonsense");
    let out = dir.join("out");
    let batch = |extra: &[&str]| {
        let mut args = vec![
            "batch",
            "scenarios/baseline.ron",
            "-n",
            "2",
            "--days",
            "3",
            "--quiet",
            "--out",
            arg(&out),
        ];
        args.extend_from_slice(extra);
        quick(&args)
    };
    batch(&["--jobs", "0"]).fails(2, &["--jobs"]);
    batch(&["--target", "robots_per_day=nan"]).fails(2, &["--target"]);
    assert!(!out.exists(), "nothing may run or be written");

    check(
        &dir,
        "empty-name",
        baseline_with(
            "name: \"Baseline: Yangtze River Delta robot line\"",
            "name: \"\"",
        ),
    )
    .fails(2, &["name is empty"]);
    check(
        &dir,
        "late-disruption",
        format!(
            "Scenario(extends: {BASELINE_FILE:?}, add_disruptions: [Scheduled(name: \"Late\", \
             start: \"40d\", duration: \"1h\", effects: [StationDown(\"S3\")])])"
        ),
    )
    .fails(2, &["never happen"]);
    check(
        &dir,
        "twice-consumed",
        baseline_with("\"bearing\": 2}", "\"bearing\": 2, \"bearing\": 3}"),
    )
    .fails(2, &["named twice"]);
    check(
        &dir,
        "warmup-to-horizon",
        baseline_with("warmup: \"1d\"", "warmup: \"30d\""),
    )
    .fails(2, &["warm-up"]);
}

#[test]
fn a_resumed_sweep_keeps_every_point_and_writes_the_same_table() {
    let dir = Scratch::new("sweep-resume");
    let out = dir.join("sweep");
    let sweep = |resume: bool| {
        let mut args = vec![
            "sweep",
            "scenarios/typhoon-wenzhou.ron",
            "--vary",
            "disruptions.*.duration=0h,24h",
            "-n",
            "2",
            "--days",
            "12",
            "--quiet",
            "--out",
            arg(&out),
        ];
        if resume {
            args.push("--resume");
        }
        taktline(&args).ok()
    };
    let first = sweep(false);
    assert!(!first.stdout.contains("kept from an earlier run"));
    let table = read(&out.join("sweep.csv"));
    let again = sweep(true);
    assert_eq!(
        again.stdout.matches("kept from an earlier run").count(),
        2,
        "{}",
        again.stdout
    );
    assert_eq!(read(&out.join("sweep.csv")), table, "byte for byte");
}

#[test]
fn a_loop_of_symbolic_links_is_refused_as_a_loop() {
    let dir = Scratch::new("symlink-loop");
    let (a, b) = (dir.join("a.ron"), dir.join("b.ron"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, b).unwrap();
    let out = dir.join("out");
    quick(&["check", arg(&a)]).fails(2, &["loop"]);
    quick(&["run", arg(&a), "--days", "2", "--out", arg(&out)]).fails(2, &["loop"]);
    quick(&[
        "batch",
        arg(&a),
        "-n",
        "2",
        "--days",
        "2",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .fails(2, &["loop"]);
    assert!(!out.exists(), "nothing may run or be written");
}

#[cfg(not(feature = "viewer"))]
#[test]
fn view_in_a_build_without_the_viewer_says_how_to_build_it() {
    let o = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(["view", "scenarios/typhoon-wenzhou.ron", "--speed", "300"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("--features viewer"), "{err}");
}

#[test]
fn quiet_leaves_out_bookkeeping_but_keeps_the_report() {
    let dir = Scratch::new("quiet-records");
    let run = |quiet: bool| {
        let out = dir.join(if quiet { "quiet" } else { "loud" });
        let mut args = vec![
            "batch",
            "scenarios/s3-down.ron",
            "-n",
            "2",
            "--days",
            "12",
            "--out",
            arg(&out),
        ];
        if quiet {
            args.push("--quiet");
        }
        taktline(&args).ok().stdout
    };
    let loud = run(false);
    assert!(loud.contains("records take about"), "{loud}");
    let quiet = run(true);
    assert!(!quiet.contains("records take about"), "{quiet}");
    assert!(
        quiet.contains("robots per day"),
        "the report itself stays: {quiet}"
    );
}
