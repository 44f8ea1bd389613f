//! An output folder as a command uses it: created and proven writable before
//! any work starts, held by one taktline process at a time (an exclusive
//! lock on `.taktline.lock`), and tidied at the end: files that the previous
//! command in this folder wrote and this one did not (another scenario's
//! charts, a twin's series) are removed, and files taktline never wrote are
//! never touched; half-written files a killed taktline left behind are
//! removed when the folder is claimed again. A leaf module: it imports
//! nothing of the crate.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// The lock file inside an output folder.
pub const LOCK: &str = ".taktline.lock";
/// The list of files the last command wrote into the folder.
pub const OWNED: &str = ".taktline-files";

/// Why an output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// Another taktline process holds the folder's lock.
    #[error(
        "{0} is in use by another taktline process (its lock {LOCK} is held); wait for it or choose another --out"
    )]
    Busy(PathBuf),
    /// The path exists but is a file, not a folder.
    #[error("{0} is not a folder: --out needs a folder (it is created if missing)")]
    NotAFolder(PathBuf),
    /// The folder, its lock or its list of files could not be created or written.
    #[error("cannot use {path} as the output folder: {source}")]
    Io {
        /// The output folder.
        path: PathBuf,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
}

/// A claimed output folder; the lock is released when it is dropped.
#[derive(Debug)]
pub struct OutputDir {
    path: PathBuf,
    _lock: File,
    /// Files (relative paths) the previous command wrote here.
    previous: Vec<PathBuf>,
}

impl OutputDir {
    /// Creates `path` if needed and takes its lock; refuses a file, an
    /// unwritable folder, or a folder another process holds.
    pub fn claim(path: &Path) -> Result<OutputDir, OutputError> {
        let io = |source| OutputError::Io {
            path: path.to_path_buf(),
            source,
        };
        if path.exists() && !path.is_dir() {
            return Err(OutputError::NotAFolder(path.to_path_buf()));
        }
        std::fs::create_dir_all(path).map_err(io)?;
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path.join(LOCK))
            .map_err(io)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(OutputError::Busy(path.to_path_buf())),
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        remove_leftovers(path, LEFTOVER_DEPTH);
        let previous = std::fs::read_to_string(path.join(OWNED))
            .map(|t| {
                t.lines()
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from)
                    .collect()
            })
            .unwrap_or_default();
        Ok(OutputDir {
            path: path.to_path_buf(),
            _lock: lock,
            previous,
        })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records `written` (paths inside the folder) as this command's files
    /// and removes the previous command's files that are not among them.
    pub fn keep_only(&self, written: &[PathBuf]) -> Result<(), OutputError> {
        let relative: Vec<PathBuf> = written
            .iter()
            .map(|p| p.strip_prefix(&self.path).unwrap_or(p).to_path_buf())
            .collect();
        for old in &self.previous {
            // Only plain relative paths inside the folder, never `..`.
            let inside = old
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if inside && !relative.contains(old) && !through_link(&self.path, old) {
                let full = self.path.join(old);
                let _ = std::fs::remove_file(&full);
                if let Some(parent) = full.parent()
                    && parent != self.path
                {
                    let _ = std::fs::remove_dir(parent); // only if now empty
                }
            }
        }
        let list: String = relative
            .iter()
            .map(|p| format!("{}\n", p.display()))
            .collect();
        std::fs::write(self.path.join(OWNED), list).map_err(|source| OutputError::Io {
            path: self.path.clone(),
            source,
        })
    }
}

/// How deep under an output folder its own files lie (a batch's
/// `<scenario>/reps/rep-N.json`, a shard's `units/unit-N.json`).
const LEFTOVER_DEPTH: usize = 3;

/// Removes, `depth` folders down (never through a link), the temporary
/// files of taktline's atomic writes (`name.<pid>-<n>.partial`) whose
/// process is gone: what a killed writer left half-written. Where the
/// processes cannot be looked up (no `/proc`), nothing is removed.
fn remove_leftovers(dir: &Path, depth: usize) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() && depth > 0 {
            remove_leftovers(&path, depth - 1);
        } else if kind.is_file()
            && let Some(pid) = leftover_pid(&entry.file_name().to_string_lossy())
            && !Path::new("/proc").join(pid.to_string()).exists()
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The writer's process id in a temporary file's name `name.<pid>-<n>.partial`.
fn leftover_pid(name: &str) -> Option<u32> {
    let stem = name.strip_suffix(".partial")?;
    let (_, tag) = stem.rsplit_once('.')?;
    let (pid, n) = tag.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether `relative` reaches out of `root` through a symbolic link (any of
/// its components is one): such a path is never removed.
fn through_link(root: &Path, relative: &Path) -> bool {
    let mut at = root.to_path_buf();
    relative.components().any(|c| {
        at.push(c);
        std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink())
    })
}

/// Every file under `dir` (recursively), except taktline's own bookkeeping
/// and anything behind a symbolic link.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            // Never follow a symbolic link out of the folder.
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_symlink() {
                continue;
            }
            if kind.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != LOCK && n != OWNED) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("taktline-outdir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn a_held_folder_is_refused_until_released() {
        let d = scratch("lock");
        let first = OutputDir::claim(&d).unwrap();
        assert!(matches!(OutputDir::claim(&d), Err(OutputError::Busy(_))));
        drop(first);
        OutputDir::claim(&d).unwrap();
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn half_written_files_of_a_process_gone_are_removed_and_nothing_else() {
        let d = scratch("leftovers");
        std::fs::create_dir_all(d.join("units")).unwrap();
        // Process ids are below 2^22 on Linux: this one is never alive.
        let dead = "unit-000001.json.4294967295-0.partial";
        std::fs::write(d.join("units").join(dead), "{").unwrap();
        std::fs::write(d.join("summary.json.4294967295-3.partial"), "{").unwrap();
        let alive = format!("index.html.{}-0.partial", std::process::id());
        std::fs::write(d.join(&alive), "<").unwrap();
        std::fs::write(d.join("notes.partial"), "mine").unwrap();
        drop(OutputDir::claim(&d).unwrap());
        assert!(!d.join("units").join(dead).exists());
        assert!(!d.join("summary.json.4294967295-3.partial").exists());
        assert!(d.join(&alive).exists(), "a live writer's file is kept");
        assert!(d.join("notes.partial").exists(), "not taktline's");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_file_is_not_an_output_folder() {
        let d = scratch("file");
        std::fs::write(&d, "x").unwrap();
        assert!(matches!(
            OutputDir::claim(&d),
            Err(OutputError::NotAFolder(_))
        ));
        std::fs::remove_file(&d).unwrap();
    }

    #[test]
    fn files_of_the_previous_command_that_are_not_rewritten_are_removed() {
        let d = scratch("stale");
        let out = OutputDir::claim(&d).unwrap();
        for f in ["a.csv", "twin.csv"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        out.keep_only(&[d.join("a.csv"), d.join("twin.csv")])
            .unwrap();
        drop(out);
        std::fs::write(d.join("mine.txt"), "not taktline's").unwrap();
        let out = OutputDir::claim(&d).unwrap();
        out.keep_only(&[d.join("a.csv")]).unwrap();
        assert!(d.join("a.csv").exists());
        assert!(
            !d.join("twin.csv").exists(),
            "the twin's file of the last run is gone"
        );
        assert!(
            d.join("mine.txt").exists(),
            "a file taktline did not write is kept"
        );
        drop(out);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
