//! Probes of what a batch keeps on disk and reads back: records copied in
//! from another batch, edited manifests, replication counts out of range,
//! `--target` against `--max-replications`, a resumed sweep's labels, and
//! records spoilt on disk (truncated, empty, swapped, edited).
//! Each is refused with exit code 2 and says why, or gives what was asked.

use std::path::Path;

use crate::drive::*;

/// `batch baseline -n 2 --days 2` into `out` as one shard (so `merge` can
/// fold it), with extra arguments.
fn small_batch(out: &Path, extra: &[&str]) {
    run_small_batch(out, extra).ok();
}

/// [`small_batch`], its outcome left to the caller to judge.
fn run_small_batch(out: &Path, extra: &[&str]) -> Ran {
    let mut args = vec![
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
        arg(out),
    ];
    args.extend_from_slice(extra);
    taktline(&args)
}

/// The manifest of the baseline's folder in `out`, as JSON.
fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_str(&read(&out.join("baseline/manifest.json"))).unwrap()
}

fn write_manifest(out: &Path, m: &serde_json::Value) {
    std::fs::write(out.join("baseline/manifest.json"), m.to_string()).unwrap();
}

#[test]
fn a_record_copied_in_from_another_batch_is_refused_by_merge_and_resume() {
    let dir = Scratch::new("foreign-record");
    let (ours, theirs) = (dir.join("ours"), dir.join("theirs"));
    small_batch(&ours, &[]);
    // Another seed: the same scenario file, replication number and figure
    // count, but another batch, whose numbers are not ours.
    small_batch(&theirs, &["--seed", "7"]);
    let record = "baseline/reps/rep-000001.json";
    std::fs::copy(theirs.join(record), ours.join(record)).unwrap();
    let merged = dir.join("merged");
    quick(&["merge", arg(&ours), "--out", arg(&merged)]).fails(
        2,
        &["rep-000001.json", "not a record of this batch", "digest"],
    );
    assert!(!merged.join("summary.json").exists(), "no study is written");
    let resumed = taktline(&[
        "batch",
        "scenarios/baseline.ron",
        "-n",
        "2",
        "--days",
        "2",
        "--resume",
        "--quiet",
        "--out",
        arg(&ours),
    ]);
    resumed.fails(2, &["rep-000001.json", "not a record of this batch"]);
}

#[test]
fn an_edited_manifest_is_refused_before_anything_is_folded() {
    let dir = Scratch::new("edited-manifest");
    let out = dir.join("shard");
    small_batch(&out, &[]);
    let original = manifest(&out);
    let merged = dir.join("merged");
    for (what, replications, fragment) in [
        ("none", serde_json::json!(0), "must be at least 1"),
        (
            "a trillion",
            serde_json::json!(1_000_000_000_000u64),
            "more than the 1000000",
        ),
    ] {
        let mut m = original.clone();
        m["replications"] = replications;
        write_manifest(&out, &m);
        let ran = quick(&["merge", arg(&out), "--out", arg(&merged)]);
        ran.fails(2, &["manifest.json", fragment]);
        assert!(!merged.join("summary.json").exists(), "{what}: no study");
    }
    // The scenario in it changed by hand: it no longer matches its digest.
    let mut m = original.clone();
    let seed = m["scenario"]["seed"].as_u64().unwrap();
    m["scenario"]["seed"] = serde_json::json!(seed + 1);
    write_manifest(&out, &m);
    quick(&["merge", arg(&out), "--out", arg(&merged)])
        .fails(2, &["manifest.json", "does not match its digest"]);
    // Fewer replications written by hand (within range, digest intact):
    // the seal finds it, so records 1.. are not silently ignored.
    let mut m = original.clone();
    m["replications"] = serde_json::json!(1);
    write_manifest(&out, &m);
    quick(&["merge", arg(&out), "--out", arg(&merged)])
        .fails(2, &["manifest.json", "does not match its seal"]);
    write_manifest(&out, &original);
    quick(&["merge", arg(&out), "--out", arg(&merged)]).ok();
}

#[test]
fn a_merge_of_one_shard_of_a_huge_batch_is_answered_at_once() {
    // Shard 0 of 450,000 owns replications 0 and 450,000 of 900,000.
    let dir = Scratch::new("huge-batch");
    let out = dir.join("shard");
    taktline(&[
        "batch",
        "scenarios/baseline.ron",
        "-n",
        "900000",
        "--days",
        "2",
        "--shard",
        "0/450000",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    let merged = dir.join("merged");
    quick(&["merge", arg(&out), "--out", arg(&merged)]).fails(
        2,
        &[
            "899998 of 900000 replications have no record",
            "first: 1, 2, 3",
        ],
    );
}

/// How to spoil a record file in place.
type Spoil = fn(&Path);

/// Every way a kept record can be wrong, as (what, how to spoil `rep-000000.json`).
fn spoilt_records() -> Vec<(&'static str, Spoil)> {
    vec![
        ("truncated", |p| {
            let text = read(p);
            std::fs::write(p, &text[..text.len() / 2]).unwrap();
        }),
        ("empty", |p| std::fs::write(p, "").unwrap()),
        ("swapped with replication 1", |p| {
            std::fs::copy(p.with_file_name("rep-000001.json"), p).unwrap();
        }),
        ("a figure edited", |p| {
            let mut r: serde_json::Value = serde_json::from_str(&read(p)).unwrap();
            r["figures"][0] = serde_json::json!(99999.0);
            std::fs::write(p, r.to_string()).unwrap();
        }),
        ("an hourly series lengthened", |p| {
            let mut r: serde_json::Value = serde_json::from_str(&read(p)).unwrap();
            r["hourly_output"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!(5));
            std::fs::write(p, r.to_string()).unwrap();
        }),
    ]
}

#[test]
fn a_spoilt_record_is_refused_by_merge_and_by_a_sharded_resume() {
    for (what, spoil) in spoilt_records() {
        let dir = Scratch::new("spoilt-record");
        let out = dir.join("shard");
        small_batch(&out, &[]);
        spoil(&out.join("baseline/reps/rep-000000.json"));
        let merged = dir.join("merged");
        quick(&["merge", arg(&out), "--out", arg(&merged)])
            .fails(2, &["rep-000000.json", "not a record of this batch"]);
        assert!(!merged.join("summary.json").exists(), "{what}: no study");
        // A sharded resume folds nothing, yet must not keep a bad record.
        let ran = run_small_batch(&out, &["--resume"]);
        ran.fails(2, &["rep-000000.json", "remove it and resume"]);
    }
}

#[test]
fn replication_counts_out_of_range_are_refused_by_every_command() {
    for args in [
        vec!["batch", "-n", "0"],
        vec!["batch", "-n", "2000000"],
        vec![
            "batch",
            "--target",
            "robots_per_day=1",
            "--max-replications",
            "0",
        ],
        vec!["sweep", "--vary", "parts.*.on_hand=100", "-n", "0"],
        vec!["sweep", "--vary", "parts.*.on_hand=100", "-n", "2000000"],
        vec!["stress", "-n", "0"],
        vec!["stress", "-n", "2000000"],
    ] {
        let dir = Scratch::new("counts");
        let out = dir.join("out");
        let mut all = args.clone();
        all.extend(["--out", arg(&out)]);
        quick(&all).fails(2, &["replications"]);
    }
}

#[test]
fn max_replications_bounds_the_first_round_of_a_target() {
    let dir = Scratch::new("target");
    let out = dir.join("out");
    taktline(&[
        "batch",
        "scenarios/baseline.ron",
        "--days",
        "2",
        "-n",
        "5",
        "--target",
        "robots_per_day=0.000001",
        "--max-replications",
        "3",
        "--keep-series",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    assert_eq!(manifest(&out)["replications"], 3);
    let records = std::fs::read_dir(out.join("baseline/reps"))
        .unwrap()
        .count();
    assert_eq!(records, 3, "three replications ran, not five");
}

#[test]
fn a_resumed_sweep_keeps_its_numbers_but_takes_this_commands_labels() {
    let dir = Scratch::new("sweep-labels");
    let out = dir.join("out");
    let sweep = |value: &str, resume: bool| {
        let vary = format!("disruptions.*.duration={value}");
        let mut args = vec![
            "sweep",
            "scenarios/typhoon-wenzhou.ron",
            "--days",
            "12",
            "-n",
            "2",
            "--vary",
            &vary,
            "--out",
            arg(&out),
        ];
        if resume {
            args.push("--resume");
        }
        taktline(&args).ok()
    };
    sweep("24h", false);
    let first = read(&out.join("sweep.csv"));
    let ran = sweep("1d", true);
    assert!(
        ran.stdout.contains("kept from an earlier run"),
        "{}",
        ran.stdout
    );
    let second = read(&out.join("sweep.csv"));
    assert!(second.contains(",1d,"), "{second}");
    assert!(!second.contains(",24h,"), "{second}");
    assert_eq!(
        first.replace(",24h,", ",1d,"),
        second,
        "the same numbers under the new label"
    );
}
