//! An output folder as a command uses it: created and proven writable before
//! any work starts, held by one taktline process at a time (an exclusive
//! lock on `.taktline.lock`), and tidied at the end: files that the previous
//! command in this folder wrote and this one did not (another scenario's
//! charts, a twin's series) are removed, and files taktline never wrote are
//! never touched. A leaf module: it imports nothing of the crate.

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
