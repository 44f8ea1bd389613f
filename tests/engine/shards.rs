//! Sharded stress tests, sweeps and comparisons: shards run in processes
//! of their own, merged, give the unsharded run's folder byte for byte;
//! shards of another job are refused; a killed run resumes without
//! redoing what it had finished.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn taktline(args: &[String]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "taktline panicked:\n{stderr}");
    out
}

pub fn ok(args: &[String]) -> String {
    let out = taktline(args);
    assert!(
        out.status.success(),
        "taktline {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Fails with exit code 2 and a message holding `words`.
pub fn refused(args: &[String], words: &str) {
    let out = taktline(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(words), "{args:?}: {err}");
}

pub fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taktline-shards-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

pub fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

fn with_out(args: &[&str], extra: &[&str], out: &Path) -> Vec<String> {
    let mut v = strings(args);
    v.extend(strings(extra));
    v.push("--out".into());
    v.push(out.display().to_string());
    v
}

/// Every file under `dir` (but the lock and what a killed writer left
/// half-written) with its bytes, by relative path.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, into);
            } else if !p.ends_with(".taktline.lock")
                // What a killed writer left half-written.
                && !p.to_string_lossy().ends_with(".partial")
            {
                let name = p.strip_prefix(root).unwrap().display().to_string();
                into.insert(name, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut all = BTreeMap::new();
    walk(dir, dir, &mut all);
    all
}

/// The merged folder holds the whole run's files, byte for byte.
pub fn same_files(whole: &Path, merged: &Path) {
    let (a, b) = (files(whole), files(merged));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between whole and merged");
    }
}

/// Runs `args` whole and as 3 shards in 3 processes at once, merges the
/// shards (given out of order), and checks the folders are the same.
fn shards_merge_to_the_whole(name: &str, args: &[&str]) -> (PathBuf, Vec<PathBuf>) {
    let whole = fresh(&format!("{name}-whole"));
    ok(&with_out(args, &["-j", "2"], &whole));
    let shards: Vec<PathBuf> = (0..3).map(|k| fresh(&format!("{name}-{k}"))).collect();
    let children: Vec<_> = shards
        .iter()
        .enumerate()
        .map(|(k, dir)| {
            Command::new(env!("CARGO_BIN_EXE_taktline"))
                .args(with_out(
                    args,
                    &["--shard", &format!("{k}/3"), "-j", "1"],
                    dir,
                ))
                .output()
        })
        .collect();
    for c in children {
        let c = c.unwrap();
        assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    }
    assert!(
        !shards[0].join("index.html").exists(),
        "a shard alone writes no result"
    );
    let merged = fresh(&format!("{name}-merged"));
    let mut merge = strings(&["merge"]);
    merge.extend([2, 0, 1].map(|k| shards[k].display().to_string()));
    merge.extend(strings(&["--out", merged.to_str().unwrap()]));
    ok(&merge);
    same_files(&whole, &merged);
    (whole, shards)
}

const STRESS: [&str; 8] = [
    "stress",
    "scenarios/baseline.ron",
    "-n",
    "3",
    "--days",
    "30",
    "--advise",
    "--quiet",
];

#[test]
fn a_stress_test_in_three_shards_merges_to_the_unsharded_folder() {
    shards_merge_to_the_whole("stress", &STRESS);
}

#[test]
fn a_sweep_in_three_shards_merges_to_the_unsharded_folder() {
    shards_merge_to_the_whole(
        "sweep",
        &[
            "sweep",
            "scenarios/typhoon-wenzhou.ron",
            "scenarios/power-cut-quzhou.ron",
            "--vary",
            "disruptions.*.duration=12h,36h",
            "-n",
            "2",
            "--days",
            "30",
            "--quiet",
        ],
    );
}

#[test]
fn a_comparison_in_three_shards_merges_to_the_unsharded_folder() {
    shards_merge_to_the_whole(
        "compare",
        &[
            "compare",
            "scenarios/typhoon-wenzhou.ron",
            "--plan",
            "more bearings=routes.Wenzhou-Shanghai.order_up_to=9000",
            "--years",
            "4",
            "-n",
            "3",
            "--quiet",
        ],
    );
}

#[test]
fn shards_of_another_job_or_a_missing_shard_are_refused() {
    let (_, shards) = shards_merge_to_the_whole("refuse", &STRESS);
    let out = fresh("refuse-out");
    let merge = |dirs: &[&Path]| {
        let mut v = strings(&["merge"]);
        v.extend(dirs.iter().map(|d| d.display().to_string()));
        v.extend(strings(&["--out", out.to_str().unwrap()]));
        v
    };
    refused(&merge(&[&shards[0], &shards[2]]), "shard 1/3 missing");
    refused(
        &merge(&[&shards[0], &shards[0], &shards[1]]),
        "both shard 0/3",
    );
    // Another scenario's shard 1: the same command, another seed.
    let other = fresh("refuse-other");
    ok(&with_out(
        &STRESS,
        &["--shard", "1/3", "--seed", "9"],
        &other,
    ));
    refused(
        &merge(&[&shards[0], &other, &shards[2]]),
        "hold different jobs",
    );
    // Resuming another job in a shard's folder is refused, not mixed in.
    let mut resume = with_out(&STRESS, &["--shard", "1/3", "--resume"], &other);
    resume.extend(strings(&["--seed", "9"]));
    ok(&resume);
    refused(
        &with_out(&STRESS, &["--shard", "1/3", "--resume"], &other),
        "another stress job",
    );
    // A job edited by hand (say, to another version) is refused.
    let job = shards[1].join("job.json");
    let text = std::fs::read_to_string(&job).unwrap();
    let edited = text.replace(env!("CARGO_PKG_VERSION"), "0.0.1");
    assert_ne!(text, edited);
    std::fs::write(&job, edited).unwrap();
    refused(&merge(&[&shards[0], &shards[1], &shards[2]]), "edited");
    // A shard that did not finish: one of its units is gone.
    std::fs::write(&job, text).unwrap();
    std::fs::remove_file(shards[2].join("units/unit-000002.json")).unwrap();
    refused(
        &merge(&[&shards[0], &shards[1], &shards[2]]),
        "has not finished",
    );
    assert!(!out.join("index.html").exists(), "nothing is merged");
}

#[test]
fn a_killed_stress_test_resumes_without_redoing_a_finished_node() {
    let whole = fresh("resume-whole");
    let args = [
        "stress",
        "scenarios/baseline.ron",
        "-n",
        "4",
        "--days",
        "30",
        "--quiet",
        "-j",
        "1",
    ];
    ok(&with_out(&args, &[], &whole));
    let killed = fresh("resume-killed");
    killed_then_resumed(
        &whole,
        &killed,
        &with_out(&args, &[], &killed),
        &with_out(&args, &["--resume"], &killed),
    );
}

/// Runs `run` (writing units into `killed`), kills it once 3 units are
/// done, finishes it with `resume`, and checks no finished unit was redone
/// and the folder is `whole`'s, byte for byte.
pub fn killed_then_resumed(whole: &Path, killed: &Path, run: &[String], resume: &[String]) {
    let units = killed.join("units");
    let mut child = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(run)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let finished = |p: &Path| p.extension().is_some_and(|x| x == "json");
    let count = || {
        std::fs::read_dir(&units).map_or(0, |d| {
            d.filter(|e| finished(&e.as_ref().unwrap().path())).count()
        })
    };
    while count() < 3 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().ok();
    child.wait().unwrap();
    let done = count();
    let all = files(whole)
        .keys()
        .filter(|k| k.starts_with("units/"))
        .count();
    assert!(
        (3..all).contains(&done),
        "the kill must land mid-run ({done} of {all} done)"
    );
    let stamps = || -> BTreeMap<PathBuf, std::time::SystemTime> {
        std::fs::read_dir(&units)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| finished(p))
            .map(|p| {
                let t = std::fs::metadata(&p).unwrap().modified().unwrap();
                (p, t)
            })
            .collect()
    };
    let before = stamps();
    ok(resume);
    let after = stamps();
    for (p, t) in &before {
        assert_eq!(after.get(p), Some(t), "{} was redone", p.display());
    }
    assert_eq!(
        files(whole),
        files(killed),
        "the same folder, byte for byte"
    );
}
