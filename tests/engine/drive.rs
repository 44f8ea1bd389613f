//! Driving the binary from a test: a scratch folder removed when dropped,
//! a command run with a time limit (a hang fails the test, so does any
//! panic), and what it printed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub(crate) const BASELINE: &str = include_str!("../../scenarios/baseline.ron");
/// The shipped scenarios by absolute path, for files written elsewhere that extend them.
pub(crate) const BASELINE_FILE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/baseline.ron");
pub(crate) const TYPHOON_FILE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/typhoon-wenzhou.ron");

/// Longest a command that simulates may take before the test fails.
pub(crate) const SLOW: Duration = Duration::from_secs(600);
/// Longest a command that must refuse its input at once may take.
pub(crate) const FAST: Duration = Duration::from_secs(60);

/// A fresh folder of this test process, removed when dropped.
pub(crate) struct Scratch(pub(crate) PathBuf);

impl Scratch {
    pub(crate) fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("taktline-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        Scratch(dir)
    }

    /// A path inside the folder.
    pub(crate) fn join(&self, relative: &str) -> PathBuf {
        self.0.join(relative)
    }

    /// Writes `contents` to a file inside the folder and gives its path.
    pub(crate) fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A path as a command-line argument.
pub(crate) fn arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What one taktline command did.
pub(crate) struct Ran {
    pub(crate) command: String,
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Ran {
    /// Asserts that the command succeeded.
    pub(crate) fn ok(self) -> Ran {
        assert_eq!(
            self.code,
            Some(0),
            "{} failed:\n{}",
            self.command,
            self.stderr
        );
        self
    }

    /// Asserts exit code `code` and every fragment in standard error.
    pub(crate) fn fails(self, code: i32, fragments: &[&str]) -> Ran {
        assert_eq!(
            self.code,
            Some(code),
            "{}: exit code\nstdout:\n{}\nstderr:\n{}",
            self.command,
            self.stdout,
            self.stderr
        );
        for f in fragments {
            assert!(
                self.stderr.contains(f),
                "{}: expected {f:?} in:\n{}",
                self.command,
                self.stderr
            );
        }
        self
    }
}

/// Reads a child's pipe to its end on a thread of its own.
pub(crate) fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs taktline with `args`, killing it and failing the test if it runs
/// longer than `limit`; `close_stdout` closes its standard output at once.
/// A panic (message or exit code 101) always fails the test.
pub(crate) fn exec(args: &[&str], limit: Duration, close_stdout: bool) -> Ran {
    let command = format!("taktline {}", args.join(" "));
    let mut child = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{command}: cannot start: {e}"));
    if close_stdout {
        drop(child.stdout.take());
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let ran = Ran {
        command,
        code: status.code(),
        stdout: stdout.join().expect("stdout is read"),
        stderr: stderr.join().expect("stderr is read"),
    };
    assert!(
        !ran.stderr.contains("panicked") && ran.code != Some(101),
        "{} panicked:\n{}",
        ran.command,
        ran.stderr
    );
    ran
}

/// A command that may simulate.
pub(crate) fn taktline(args: &[&str]) -> Ran {
    exec(args, SLOW, false)
}

/// A command that must answer at once.
pub(crate) fn quick(args: &[&str]) -> Ran {
    exec(args, FAST, false)
}

/// Writes `text` as `name.ron` into `dir` and runs `taktline check` on it.
pub(crate) fn check(dir: &Scratch, name: &str, text: impl AsRef<[u8]>) -> Ran {
    let path = dir.write(&format!("{name}.ron"), text);
    quick(&["check", arg(&path)])
}

/// The baseline without its design space (whose levers a changed network,
/// e.g. a split route, may no longer fit).
pub(crate) fn baseline_without_plan() -> String {
    let cut = BASELINE
        .find("\n    // An illustrative design space")
        .expect("the baseline ships a design space");
    format!("{}\n)\n", &BASELINE[..cut])
}

/// The baseline (without its design space) with the first occurrence of
/// `from` replaced by `to`.
pub(crate) fn baseline_with(from: &str, to: &str) -> String {
    let base = baseline_without_plan();
    assert!(base.contains(from), "the baseline has no {from:?}");
    base.replacen(from, to, 1)
}
