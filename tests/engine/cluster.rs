//! The cluster recipes of docs/cluster/ work as written: the Slurm array
//! scripts and the Kubernetes Indexed Jobs' commands, run here as 3 shards
//! in 3 processes at once (the array task or completion index set as Slurm
//! and Kubernetes set it), then their merge step, give the folder the same
//! recipe gives as one task (an array of one) and its merge, byte for
//! byte; tests/engine/shards.rs holds merges to the unsharded commands. Only the size is made small
//! (through the variables the recipes read) and, for Kubernetes, the
//! volume's mount point `/data` is a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::shards::files;

const RECIPES: &str = "docs/cluster";

fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("taktline-cluster-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The recipes run in a checkout: scenarios/ is where they read it.
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"),
        dir.join("scenarios"),
    )
    .unwrap();
    dir
}

/// A PATH where `taktline` is this build's binary.
fn path_with_taktline() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_taktline")).parent().unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn assert_same_folders(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    assert!(!fa.is_empty(), "{} is empty", a.display());
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        fb.keys().collect::<Vec<_>>(),
        "{} and {} hold other files",
        a.display(),
        b.display()
    );
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs");
    }
}

/// Runs each command to its end, one after the other, and checks each succeeded.
fn all_succeed(commands: Vec<Command>) {
    let children: Vec<_> = commands
        .into_iter()
        .map(|mut c| c.output().unwrap())
        .collect();
    for o in children {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// Runs every command at once, in processes of their own, and checks each succeeded.
fn spawn_all(commands: Vec<Command>) {
    let children: Vec<_> = commands
        .into_iter()
        .map(|mut c| {
            c.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{err}");
    }
}

/// `bash SCRIPT args` in `dir` as Slurm's array task `task` of `count` runs it.
fn slurm(
    dir: &Path,
    script: &str,
    args: &[&str],
    task: u64,
    count: u64,
    size: &[(&str, &str)],
) -> Command {
    let mut c = Command::new("bash");
    c.arg(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(RECIPES)
            .join(script),
    )
    .args(args)
    .current_dir(dir)
    .env("PATH", path_with_taktline())
    .env("SLURM_ARRAY_TASK_ID", task.to_string())
    .env("SLURM_ARRAY_TASK_COUNT", count.to_string());
    for (k, v) in size {
        c.env(k, v);
    }
    c
}

fn slurm_array_merges_to_one_task(name: &str, script: &str, size: &[(&str, &str)]) {
    let sharded = fresh(&format!("slurm-{name}"));
    spawn_all(
        (0..3)
            .map(|k| slurm(&sharded, script, &[], k, 3, size))
            .collect(),
    );
    all_succeed(vec![slurm(&sharded, "merge.slurm", &[name], 0, 1, &[])]);
    let whole = fresh(&format!("slurm-{name}-whole"));
    all_succeed(vec![
        slurm(&whole, script, &[], 0, 1, size),
        slurm(&whole, "merge.slurm", &[name], 0, 1, &[]),
    ]);
    assert_same_folders(&whole.join(name), &sharded.join(name));
}

#[test]
fn the_slurm_stress_array_and_its_merge_give_the_stress_test_of_a_single_task() {
    slurm_array_merges_to_one_task("stress", "stress.slurm", &[("REPS", "3"), ("DAYS", "30")]);
}

#[test]
fn the_slurm_compare_array_and_its_merge_give_the_comparison_of_a_single_task() {
    slurm_array_merges_to_one_task("compare", "compare.slurm", &[("YEARS", "3"), ("REPS", "2")]);
}

/// The `sh -c` command of a Job's container and its `env` list, as written.
fn job(file: &str) -> (String, Vec<(String, String)>) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(RECIPES)
            .join(file),
    )
    .unwrap();
    let quoted = |line: &str| -> Vec<String> {
        line.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let command = text
        .lines()
        .find(|l| l.trim_start().starts_with("command: [\"sh\", \"-c\""))
        .map(|l| quoted(l)[2].clone())
        .unwrap_or_else(|| panic!("{file}: no sh -c command"));
    let env = text
        .lines()
        .find(|l| l.trim_start().starts_with("env:"))
        .map(|l| {
            l.split("{name: ")
                .skip(1)
                .map(|item| {
                    let name = item.split(',').next().unwrap().trim().to_string();
                    (name, quoted(item)[0].clone())
                })
                .collect()
        })
        .unwrap_or_default();
    (command, env)
}

/// The Job's command as pod `index` runs it, with the volume at `data`.
fn pod(file: &str, data: &Path, index: u64, set: &[(&str, &str)]) -> Command {
    let (command, env) = job(file);
    let command = command
        .replace("/data/bin/bin/taktline", env!("CARGO_BIN_EXE_taktline"))
        .replace("/data/", &format!("{}/", data.display()));
    let mut c = Command::new("sh");
    c.args(["-c", &command])
        .current_dir(data.join("taktline"))
        .env("JOB_COMPLETION_INDEX", index.to_string());
    for (k, v) in env {
        c.env(k, v);
    }
    for (k, v) in set {
        c.env(k, v);
    }
    c
}

/// A volume as the Jobs see it: the checkout at /data/taktline.
fn volume(name: &str) -> PathBuf {
    let data = std::env::temp_dir().join(format!("taktline-cluster-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).unwrap();
    let checkout = fresh(&format!("{name}-checkout"));
    std::os::unix::fs::symlink(checkout, data.join("taktline")).unwrap();
    data
}

#[test]
fn the_kubernetes_indexed_jobs_and_their_merge_give_the_results_of_a_single_pod() {
    let stress = [("SHARDS", "3"), ("REPS", "3"), ("DAYS", "30")];
    let compare = [("SHARDS", "3"), ("YEARS", "3"), ("REPS", "2")];
    let data = volume("k8s");
    let mut pods: Vec<Command> = (0..3)
        .map(|k| pod("stress-job.yaml", &data, k, &stress))
        .collect();
    pods.extend((0..3).map(|k| pod("compare-job.yaml", &data, k, &compare)));
    spawn_all(pods);
    all_succeed(vec![pod("merge-job.yaml", &data, 0, &[])]);
    let whole = volume("k8s-whole");
    all_succeed(vec![
        pod(
            "stress-job.yaml",
            &whole,
            0,
            &[("SHARDS", "1"), ("REPS", "3"), ("DAYS", "30")],
        ),
        pod(
            "compare-job.yaml",
            &whole,
            0,
            &[("SHARDS", "1"), ("YEARS", "3"), ("REPS", "2")],
        ),
        pod("merge-job.yaml", &whole, 0, &[]),
    ]);
    assert_same_folders(&whole.join("stress"), &data.join("stress"));
    assert_same_folders(&whole.join("compare"), &data.join("compare"));
}

/// `steps.sh WHAT` in `dir`, with a stand-in for `sbatch --wait SCRIPT`
/// that runs the array's `tasks` tasks at once here, as Slurm would.
fn steps_driver(dir: &Path, what: &str, tasks: u64, size: &[(&str, &str)]) -> Command {
    let bin = dir.join("fake-slurm");
    std::fs::create_dir_all(&bin).unwrap();
    let sbatch = bin.join("sbatch");
    std::fs::write(
        &sbatch,
        format!(
            "#!/bin/bash\n[ \"$1\" = --wait ] || exit 64\npids=()\nfor k in $(seq 0 {last}); do\n  SLURM_ARRAY_TASK_ID=$k SLURM_ARRAY_TASK_COUNT={tasks} bash \"$2\" >/dev/null &\n  pids+=($!)\ndone\nrc=0\nfor p in \"${{pids[@]}}\"; do wait \"$p\" || rc=1; done\nexit $rc\n",
            last = tasks - 1
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&sbatch, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut c = Command::new("bash");
    c.arg(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(RECIPES)
            .join("steps.sh"),
    )
    .arg(what)
    .current_dir(dir)
    .env(
        "PATH",
        format!("{}:{}", bin.display(), path_with_taktline()),
    );
    for (k, v) in size {
        c.env(k, v);
    }
    c
}

fn steps_driver_merges_to_one_task(what: &str, size: &[(&str, &str)]) {
    let sharded = fresh(&format!("steps-{what}"));
    let out = steps_driver(&sharded, what, 3, size).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("round 1: not finished"),
        "more than one round: {err}"
    );
    let whole = fresh(&format!("steps-{what}-whole"));
    let one = steps_driver(&whole, what, 1, size).output().unwrap();
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert_same_folders(&whole.join(what), &sharded.join(what));
}

#[test]
fn the_slurm_steps_driver_gives_the_reverse_stress_test_of_a_single_task() {
    steps_driver_merges_to_one_task("reverse", &[("REPS", "3"), ("K", "2"), ("DAYS", "30")]);
}

#[test]
fn the_slurm_steps_driver_gives_the_plan_of_a_single_task() {
    let size = [
        ("YEARS", "3"),
        ("BUDGET", "6"),
        ("REPS", "3"),
        ("MOST_YEARS", "9"),
        ("VERIFY_YEARS", "3"),
    ];
    steps_driver_merges_to_one_task("plan", &size);
}
