//! Writing a file so that it is never seen half-written: the bytes go to a
//! sibling temporary file, which is synced and then renamed over the target.
//! A leaf module: it imports nothing of the crate, so every layer may use it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why an output file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    /// The file that was being written.
    pub path: PathBuf,
    /// What the operating system reported.
    #[source]
    pub source: std::io::Error,
}

/// Temporary files made by this process so far, to keep their names apart.
static TEMPORARIES: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically, creating its folder if needed. The
/// temporary name is unique per process and call, so concurrent writers
/// never collide; it is removed again if the write fails.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let err = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let tmp = temporary_name(path);
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let result = written.and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}

/// `name.ext` -> `name.ext.<pid>-<n>.partial` beside it.
fn temporary_name(path: &Path) -> PathBuf {
    let n = TEMPORARIES.fetch_add(1, Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}-{n}.partial", std::process::id()));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_whole_file_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("taktline-atomic-{}", std::process::id()));
        let path = dir.join("sub").join("a.json");
        write(&path, b"{}").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        let names: Vec<_> = std::fs::read_dir(dir.join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("taktline-atomic-fail-{}", std::process::id()));
        // The target is a folder: the rename fails after the bytes were written.
        let target = dir.join("summary.json");
        std::fs::create_dir_all(target.join("inside")).unwrap();
        assert!(write(&target, b"{}").is_err());
        let left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["summary.json"], "no .partial file is left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temporary_names_differ_between_calls() {
        let p = Path::new("out/summary.json");
        assert_ne!(temporary_name(p), temporary_name(p));
    }
}
