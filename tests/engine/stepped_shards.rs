//! Sharded jobs of dependent steps (`stress --reverse`, `plan`): shards in
//! folders side by side, each run again with --resume until the merge
//! succeeds, give the unsharded run's folder byte for byte; a merge before
//! then says what is missing (exit 3); a killed shard resumes without
//! redoing a task it had finished.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::shards::{fresh, killed_then_resumed, ok, refused, same_files, strings};

fn run(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(args)
        .output()
        .unwrap()
}

fn shard_args(args: &[&str], k: usize, n: usize, dir: &Path) -> Vec<String> {
    let mut v = strings(args);
    v.extend(strings(&[
        "--shard",
        &format!("{k}/{n}"),
        "--resume",
        "-j",
        "1",
    ]));
    v.extend(["--out".to_string(), dir.display().to_string()]);
    v
}

fn merge_args(shards: &[PathBuf], out: &Path) -> Vec<String> {
    let mut v = strings(&["merge"]);
    v.extend(shards.iter().rev().map(|d| d.display().to_string()));
    v.extend(["--out".to_string(), out.display().to_string()]);
    v
}

/// Runs `args` whole, then as 3 shards side by side: shard 0 alone first
/// (it must stop at the first step, and a merge then must say the job is
/// not finished), then every shard at once, round after round, until the
/// merge succeeds. The merged folder must be the whole run's.
fn steps_merge_to_the_whole(name: &str, args: &[&str], most_rounds: usize) -> Vec<PathBuf> {
    let whole = fresh(&format!("{name}-whole"));
    let mut w = strings(args);
    w.extend(["--out".to_string(), whole.display().to_string()]);
    ok(&w);
    let parent = fresh(&format!("{name}-shards"));
    let shards: Vec<PathBuf> = (0..3).map(|k| parent.join(k.to_string())).collect();
    let merged = fresh(&format!("{name}-merged"));
    let first = ok(&shard_args(args, 0, 3, &shards[0]));
    assert!(first.contains("needs shard 1/3"), "{first}");
    let early = run(&merge_args(&shards[..1], &merged));
    assert_eq!(early.status.code(), Some(2), "a shard missing is refused");
    std::fs::create_dir_all(&shards[1]).unwrap();
    std::fs::create_dir_all(&shards[2]).unwrap();
    for (k, dir) in shards.iter().enumerate().skip(1) {
        ok(&shard_args(args, k, 3, dir));
    }
    let mut rounds = 1;
    loop {
        let merge = run(&merge_args(&shards, &merged));
        if merge.status.success() {
            break;
        }
        let err = String::from_utf8_lossy(&merge.stderr);
        assert_eq!(merge.status.code(), Some(3), "not finished yet: {err}");
        assert!(err.contains("not finished: step"), "{err}");
        assert!(!merged.join("index.html").exists(), "nothing is merged");
        rounds += 1;
        assert!(rounds <= most_rounds, "{rounds} rounds and still not done");
        let children: Vec<_> = (0..3)
            .map(|k| {
                Command::new(env!("CARGO_BIN_EXE_taktline"))
                    .args(shard_args(args, k, 3, &shards[k]))
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
    }
    assert!(rounds > 1, "a job of steps cannot finish in one round");
    same_files(&whole, &merged);
    shards
}

const REVERSE: [&str; 10] = [
    "stress",
    "scenarios/baseline.ron",
    "--reverse",
    "--k",
    "2",
    "-n",
    "3",
    "--days",
    "30",
    "--quiet",
];

#[test]
fn a_reverse_stress_test_in_three_shards_merges_to_the_unsharded_folder() {
    // Two sizes of combination and the direct runs: three steps, so at
    // most one round per step after the first.
    steps_merge_to_the_whole("reverse", &REVERSE, 4);
}

#[test]
fn a_plan_search_in_three_shards_merges_to_the_unsharded_folder() {
    let plan = [
        "plan",
        "scenarios/baseline.ron",
        "--years",
        "3",
        "--budget",
        "8",
        "--select",
        "3",
        "--most-years",
        "12",
        "--verify-years",
        "3",
        "-n",
        "3",
        "--quiet",
    ];
    steps_merge_to_the_whole("plan", &plan, 60);
}

#[test]
fn two_folders_of_one_shard_side_by_side_are_refused() {
    let shards = steps_merge_to_the_whole("twice", &REVERSE, 4);
    let copy = shards[0].parent().unwrap().join("1-copy");
    std::fs::create_dir_all(copy.join("units")).unwrap();
    std::fs::copy(shards[1].join("job.json"), copy.join("job.json")).unwrap();
    // Shard 0 reads its peers afresh: two of them claim shard 1.
    for e in std::fs::read_dir(shards[0].join("units")).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    let mut args = shard_args(&REVERSE, 0, 3, &shards[0]);
    args.retain(|a| a != "--resume");
    refused(&args, "are both shard 1/3");
}

#[test]
fn a_killed_reverse_shard_resumes_without_redoing_a_finished_task() {
    let whole_parent = fresh("stepped-resume-whole");
    let whole = whole_parent.join("0");
    ok(&shard_args(&REVERSE, 0, 1, &whole));
    let killed = fresh("stepped-resume-killed").join("0");
    let run = shard_args(&REVERSE, 0, 1, &killed);
    killed_then_resumed(&whole, &killed, &run, &run);
}

#[test]
fn a_plan_merge_refuses_a_scenario_changed_since_the_shards_ran() {
    let dir = fresh("stepped-changed");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("line.ron");
    let text = std::fs::read_to_string("scenarios/baseline.ron").unwrap();
    std::fs::write(&file, &text).unwrap();
    let path = file.display().to_string();
    let plan = [
        "plan", &path, "--years", "2", "--budget", "3", "-n", "2", "--quiet",
    ];
    let shards: Vec<PathBuf> = (0..2).map(|k| dir.join(format!("shards/{k}"))).collect();
    for (k, d) in shards.iter().enumerate() {
        ok(&shard_args(&plan, k, 2, d));
    }
    let edited = text.replacen("seed: 1,", "seed: 2,", 1);
    assert_ne!(edited, text, "the test edits the seed");
    std::fs::write(&file, edited).unwrap();
    refused(
        &merge_args(&shards, &dir.join("merged")),
        "not what the shards searched",
    );
}

#[test]
fn resume_without_a_shard_is_refused_rather_than_ignored() {
    let out = fresh("stepped-resume-alone");
    let out = out.display().to_string();
    refused(
        &strings(&["stress", "--reverse", "--resume", "--out", &out]),
        "give --shard K/N too",
    );
    refused(&strings(&["plan", "--resume", "--out", &out]), "--shard");
}
