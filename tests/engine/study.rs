//! Batches, shards, merges, resumption and sweeps, driven through the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn taktline(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "taktline panicked:\n{stderr}");
    out
}

fn ok(args: &[&str]) -> String {
    let out = taktline(args);
    assert!(
        out.status.success(),
        "taktline {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taktline-study-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

const FILES: [&str; 2] = ["scenarios/baseline.ron", "scenarios/typhoon-wenzhou.ron"];

fn batch(out: &Path, extra: &[&str]) -> String {
    let out = out.to_str().unwrap();
    let mut args = vec![
        "batch", FILES[0], FILES[1], "-n", "6", "--days", "16", "--quiet", "--out", out,
    ];
    args.extend_from_slice(extra);
    ok(&args)
}

#[test]
fn one_and_two_jobs_give_identical_results() {
    let (a, b) = (fresh("j1"), fresh("j2"));
    batch(&a, &["-j", "1"]);
    batch(&b, &["-j", "2"]);
    assert_eq!(read(&a.join("summary.json")), read(&b.join("summary.json")));
    for slug in ["baseline", "typhoon-wenzhou"] {
        let csv = |d: &Path| read(&d.join(slug).join("replications.csv"));
        assert_eq!(csv(&a), csv(&b));
    }
}

#[test]
fn shards_then_merge_equal_the_unsharded_run() {
    let whole = fresh("whole");
    batch(&whole, &[]);
    let shards: Vec<PathBuf> = (0..3).map(|k| fresh(&format!("shard{k}"))).collect();
    for (k, dir) in shards.iter().enumerate() {
        batch(dir, &["--shard", &format!("{k}/3")]);
        assert!(
            !dir.join("summary.json").exists(),
            "a shard alone writes no study"
        );
    }
    let merged = fresh("merged");
    let mut args = vec!["merge"];
    let names: Vec<String> = shards
        .iter()
        .map(|d| d.to_str().unwrap().to_string())
        .collect();
    args.extend(names.iter().map(String::as_str));
    args.extend(["--out", merged.to_str().unwrap()]);
    ok(&args);
    assert_eq!(
        read(&whole.join("summary.json")),
        read(&merged.join("summary.json")),
        "byte for byte"
    );
    assert_eq!(
        read(&whole.join("typhoon-wenzhou/replications.csv")),
        read(&merged.join("typhoon-wenzhou/replications.csv"))
    );
    // A missing shard is an error, not a smaller study.
    let partial = fresh("partial");
    let out = taktline(&[
        "merge",
        &names[0],
        &names[1],
        "--out",
        partial.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("have no record"));
}

#[test]
fn resume_after_a_kill_loses_nothing_and_redoes_nothing() {
    let whole = fresh("resume-whole");
    let args = |out: &Path| -> Vec<String> {
        [
            "batch",
            FILES[1],
            "-n",
            "40",
            "--days",
            "60",
            "-j",
            "1",
            "--quiet",
            "--keep-series",
            "--out",
            out.to_str().unwrap(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    ok(&args(&whole).iter().map(String::as_str).collect::<Vec<_>>());

    let killed = fresh("resume-killed");
    let reps = killed.join("typhoon-wenzhou/reps");
    let mut child = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(args(&killed))
        .spawn()
        .unwrap();
    let count = || {
        std::fs::read_dir(&reps)
            .map(|d| {
                d.filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .path()
                        .extension()
                        .is_some_and(|x| x == "json")
                })
                .count()
            })
            .unwrap_or(0)
    };
    while count() < 5 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().ok();
    child.wait().unwrap();
    let done_before = count();
    assert!(
        (5..40).contains(&done_before),
        "the kill must land mid-batch ({done_before} done)"
    );
    let stamps = |n: usize| -> Vec<(PathBuf, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(&reps)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                (
                    p.clone(),
                    std::fs::metadata(&p).unwrap().modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v.truncate(n);
        v
    };
    let before = stamps(done_before);
    let mut resume = args(&killed);
    resume.push("--resume".into());
    let printed = ok(&resume.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        printed.contains(&format!(
            "ran {} replications, {done_before} already recorded",
            40 - done_before
        )),
        "{printed}"
    );
    assert_eq!(
        stamps(done_before),
        before,
        "finished replications are not redone"
    );
    assert_eq!(
        read(&whole.join("summary.json")),
        read(&killed.join("summary.json"))
    );
}

#[test]
fn a_sweep_over_a_bad_path_fails_before_running() {
    let out = fresh("bad-sweep");
    for vary in [
        "suppliers.Wenzhou.colour=1,2",
        "suppliers.Nowhere.fg_cap=1,2",
        "routes.Suzhou-Shanghai.order_up_to=lots",
    ] {
        let o = taktline(&[
            "sweep",
            FILES[0],
            "--vary",
            vary,
            "-n",
            "2",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{vary}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("error:"), "{vary}: {err}");
        assert!(!out.exists(), "{vary}: nothing may run or be written");
    }
}

#[test]
fn a_sweep_over_outage_duration_draws_resilience_curves() {
    let out = fresh("sweep");
    let printed = ok(&[
        "sweep",
        "scenarios/power-cut-quzhou.ron",
        "scenarios/typhoon-wenzhou.ron",
        "--vary",
        "disruptions.*.duration=0h..96h:48h",
        "-n",
        "3",
        "--days",
        "16",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(printed.contains("6 grid points"), "{printed}");
    let csv = read(&out.join("sweep.csv"));
    assert_eq!(csv.lines().count(), 7, "a header and one row per point");
    for chart in [
        "sweep-robots-lost",
        "sweep-time-to-recover",
        "sweep-robots-per-day",
    ] {
        assert!(out.join(format!("{chart}.png")).exists(), "{chart}");
    }
    // Robots lost grow with the typhoon's duration, and a zero-length one loses none.
    let column = csv
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|c| c == "robots_lost_mean")
        .expect("a robots_lost_mean column");
    let lost: Vec<f64> = csv
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("Typhoon"))
        .map(|l| l.split(',').nth(column).unwrap().parse().unwrap())
        .collect();
    assert_eq!(lost[0], 0.0);
    assert!(lost[1] < lost[2], "{lost:?}");
}

#[test]
fn replications_are_added_until_the_target_half_width_is_met() {
    let out = fresh("target");
    let o = out.to_str().unwrap();
    let printed = ok(&[
        "batch",
        FILES[0],
        "-n",
        "4",
        "--days",
        "10",
        "--target",
        "robots_per_day=1.5",
        "--max-replications",
        "60",
        "--quiet",
        "--out",
        o,
    ]);
    let line = printed
        .lines()
        .find(|l| l.contains("replications give a 95% half-width"))
        .expect(&printed);
    let n: u64 = line
        .split(" replications give")
        .next()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let hw: f64 = line
        .split("half-width of ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 4 && n.is_multiple_of(4), "{line}");
    assert!(hw <= 1.5 || n == 60, "{line}");
    let summary: serde_json::Value =
        serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    assert_eq!(summary["scenarios"][0]["replications"], n);
    let bad = taktline(&["batch", FILES[0], "--target", "speed=1", "--out", o]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_sweep_over_the_promise_shows_more_orders_on_time_for_a_later_promise() {
    let out = fresh("sweep-promise");
    ok(&[
        "sweep",
        "scenarios/typhoon-wenzhou.ron",
        "--vary",
        "line.promised_lead_time=4h,24h,72h",
        "-n",
        "2",
        "--days",
        "16",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = read(&out.join("sweep.csv"));
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = header
        .iter()
        .position(|&c| c == "on_time_share_mean")
        .expect("an on_time_share_mean column");
    let on_time: Vec<f64> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(column).unwrap().parse().unwrap())
        .collect();
    assert!(on_time.windows(2).all(|w| w[0] < w[1]), "{on_time:?}");
    // What does not depend on the promise is said once, not as a range
    // from a value to the same value.
    let page = read(&out.join("index.html"));
    assert!(page.contains("robots per day"), "{page}");
    assert!(page.contains("at every value swept"), "{page}");
    assert!(page.contains("orders on time from"), "{page}");
}
