//! The work of a heavy command cut into numbered units (a stress node, a
//! sweep's grid point, a hazard year): each unit is written to a file of
//! its own as soon as it is done, so that a shard (`--shard K/N`) runs only
//! the units i with i mod N = K, a killed run resumes (`--resume`) without
//! redoing one, and `taktline merge` gathers every shard's units into
//! exactly the unsharded run's result. What was asked travels in the
//! folder's `job.json`, so the merge needs nothing but the folders.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::error::BatchError;
use super::fingerprint::fingerprint;
use super::records::Shard;
use crate::atomic_file::write as write_atomic;

/// The file that says which job a folder's units belong to.
pub const JOB_FILE: &str = "job.json";
/// The folder of the units under an output folder.
const UNITS: &str = "units";

/// What a folder of units is part of.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Job {
    /// The command that cut the work: "stress", "sweep", "compare".
    pub command: String,
    /// The taktline version that ran it: units of another version are refused.
    pub version: String,
    /// Fingerprint of everything that decides the results (scenarios and
    /// settings, not thread counts or file paths).
    pub digest: String,
    /// Units of the whole job, every shard together.
    pub units: u64,
    /// This folder's shard K ...
    pub shard: u64,
    /// ... of N (1: the whole job).
    pub shards: u64,
    /// What was asked, as the command writes it: enough to finish the job.
    pub spec: serde_json::Value,
    /// Fingerprint of everything above, so a hand-edited job is refused.
    pub seal: String,
}

impl Job {
    /// The job of `command` over `units` units, this process's `shard`.
    pub fn new(
        command: &str,
        digest: String,
        units: u64,
        shard: Option<Shard>,
        spec: &impl Serialize,
    ) -> Job {
        let mut job = Job {
            command: command.to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            digest,
            units,
            shard: shard.map_or(0, |s| s.index),
            shards: shard.map_or(1, |s| s.count),
            spec: serde_json::to_value(spec).unwrap_or_default(),
            seal: String::new(),
        };
        job.seal = job.content_seal();
        job
    }

    fn content_seal(&self) -> String {
        let unsealed = Job {
            seal: String::new(),
            ..self.clone()
        };
        fingerprint(&serde_json::to_vec(&unsealed).unwrap_or_default())
    }

    /// Whether unit `i` is this folder's.
    pub fn owns(&self, i: u64) -> bool {
        i % self.shards == self.shard
    }

    /// The job of a folder, if it holds one.
    pub fn read(dir: &Path) -> Result<Option<Job>, BatchError> {
        let path = dir.join(JOB_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(BatchError::Read {
                    path,
                    message: e.to_string(),
                });
            }
        };
        let job: Job = serde_json::from_str(&text).map_err(|e| BatchError::Read {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if job.seal != job.content_seal() || job.shards == 0 || job.shard >= job.shards {
            return Err(BatchError::Inconsistent(format!(
                "{} was edited or damaged (its seal does not match): run the shard again",
                path.display()
            )));
        }
        Ok(Some(job))
    }

    /// The command's spec, read back.
    pub fn spec<T: DeserializeOwned>(&self) -> Result<T, BatchError> {
        serde_json::from_value(self.spec.clone()).map_err(|e| {
            BatchError::Inconsistent(format!(
                "the {} job's settings cannot be read back: {e}",
                self.command
            ))
        })
    }

    /// The whole job this is a shard of: shard 0 of 1, as the unsharded
    /// run writes it.
    pub fn whole(&self) -> Job {
        let whole = Job {
            shard: 0,
            shards: 1,
            seal: String::new(),
            ..self.clone()
        };
        Job {
            seal: whole.content_seal(),
            ..whole
        }
    }

    /// Whether `other` is a shard of the same job (any shard).
    pub(super) fn same_work(&self, other: &Job) -> bool {
        self.command == other.command
            && self.version == other.version
            && self.digest == other.digest
            && self.units == other.units
            && self.shards == other.shards
    }
}

/// The file of unit `i` under `dir`.
pub(super) fn unit_path(dir: &Path, i: u64) -> PathBuf {
    dir.join(UNITS).join(format!("unit-{i:06}.json"))
}

/// A folder where one shard of a job keeps its units.
#[derive(Debug)]
pub struct UnitStore {
    dir: PathBuf,
    job: Job,
    resume: bool,
}

impl UnitStore {
    /// Opens `dir` for `job`, writing its `job.json`. Resuming, a folder of
    /// another job (other scenario, settings, version or shard) is refused
    /// rather than mixed in.
    pub fn open(dir: &Path, job: Job, resume: bool) -> Result<UnitStore, BatchError> {
        if resume
            && let Some(old) = Job::read(dir)?
            && !(old.same_work(&job) && old.shard == job.shard)
        {
            return Err(BatchError::Inconsistent(format!(
                "--resume: {} holds {} of another {} job (other scenario, settings, version or shard); choose another --out or leave out --resume",
                dir.display(),
                shard_words(&old),
                old.command
            )));
        }
        UnitStore::open_self_checked(dir, job, resume)
    }

    /// Like [`UnitStore::open`] for units that check themselves when kept
    /// (a sweep's point carries its scenario's digest): resuming, whatever
    /// job the folder held before is replaced, and its units are offered.
    pub fn open_self_checked(dir: &Path, job: Job, resume: bool) -> Result<UnitStore, BatchError> {
        write_atomic(
            &dir.join(JOB_FILE),
            &serde_json::to_vec_pretty(&job).unwrap_or_default(),
        )?;
        Ok(UnitStore {
            dir: dir.to_path_buf(),
            job,
            resume,
        })
    }

    /// The whole job's store in `dir`, as the unsharded run leaves it: its
    /// `job.json` and every unit (what `merge` writes).
    pub fn merged<T: Serialize>(
        dir: &Path,
        job: Job,
        units: &[T],
    ) -> Result<UnitStore, BatchError> {
        let store = UnitStore::open(dir, job, false)?;
        for (i, unit) in units.iter().enumerate() {
            store.keep(i as u64, unit)?;
        }
        Ok(store)
    }

    /// The job it holds.
    pub fn job(&self) -> &Job {
        &self.job
    }

    /// Whether unit `i` is this shard's to run.
    pub fn owns(&self, i: u64) -> bool {
        self.job.owns(i)
    }

    /// Unit `i` as an earlier run of this job left it, when resuming.
    pub fn kept<T: DeserializeOwned>(&self, i: u64) -> Option<T> {
        if !self.resume {
            return None;
        }
        let text = std::fs::read(unit_path(&self.dir, i)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Writes unit `i` (to a temporary name, then renamed).
    pub fn keep<T: Serialize>(&self, i: u64, unit: &T) -> Result<(), BatchError> {
        let bytes = serde_json::to_vec(unit).unwrap_or_default();
        write_atomic(&unit_path(&self.dir, i), &bytes)?;
        Ok(())
    }

    /// Unit `i`: kept from an earlier run when resuming, else made by
    /// `make` and written at once.
    pub fn get_or_make<T: Serialize + DeserializeOwned>(
        &self,
        i: u64,
        make: impl FnOnce() -> T,
    ) -> Result<T, BatchError> {
        if let Some(unit) = self.kept(i) {
            return Ok(unit);
        }
        let unit = make();
        self.keep(i, &unit)?;
        Ok(unit)
    }

    /// Every file of the folder's units and job: what the command wrote.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.dir.join(JOB_FILE)];
        files.extend(
            (0..self.job.units)
                .filter(|&i| self.owns(i))
                .map(|i| unit_path(&self.dir, i)),
        );
        files
    }
}

fn shard_words(job: &Job) -> String {
    if job.shards == 1 {
        "the whole".to_string()
    } else {
        format!("shard {}/{}", job.shard, job.shards)
    }
}

/// The command whose job `dir` holds, if it holds one.
pub fn command_of(dir: &Path) -> Result<Option<String>, BatchError> {
    Ok(Job::read(dir)?.map(|j| j.command))
}

/// The folders of a job's shards, checked: each shard exactly once and
/// all of the same job. Returns the whole job (shard 0 of 1, what the
/// unsharded run writes) and each shard's folder, by shard.
pub fn shards_of(dirs: &[PathBuf]) -> Result<(Job, Vec<PathBuf>), BatchError> {
    let mut jobs: Vec<(Job, &PathBuf)> = Vec::new();
    for dir in dirs {
        let job = Job::read(dir)?.ok_or_else(|| {
            BatchError::Inconsistent(format!(
                "{} holds no {JOB_FILE}: not the output of a sharded command",
                dir.display()
            ))
        })?;
        if let Some((first, first_dir)) = jobs.first()
            && !first.same_work(&job)
        {
            return Err(BatchError::Inconsistent(format!(
                "{} and {} hold different jobs ({} {} of {} vs {} {} of {}: other command, scenario, settings, version or shard count)",
                first_dir.display(),
                dir.display(),
                first.command,
                shard_words(first),
                first.version,
                job.command,
                shard_words(&job),
                job.version
            )));
        }
        if let Some((_, twice)) = jobs.iter().find(|(j, _)| j.shard == job.shard) {
            return Err(BatchError::Inconsistent(format!(
                "{} and {} are both shard {}/{}",
                twice.display(),
                dir.display(),
                job.shard,
                job.shards
            )));
        }
        jobs.push((job, dir));
    }
    let Some((first, _)) = jobs.first() else {
        return Err(BatchError::Inconsistent("no folders to merge".into()));
    };
    let missing: Vec<String> = (0..first.shards)
        .filter(|k| !jobs.iter().any(|(j, _)| j.shard == *k))
        .map(|k| format!("{k}/{}", first.shards))
        .collect();
    if !missing.is_empty() {
        return Err(BatchError::Inconsistent(format!(
            "shard {} missing: no folder given holds it",
            missing.join(", ")
        )));
    }
    let whole = first.whole();
    jobs.sort_by_key(|(j, _)| j.shard);
    Ok((whole, jobs.into_iter().map(|(_, d)| d.clone()).collect()))
}

/// Every unit of a job from the folders of its shards, in unit order: each
/// shard exactly once, all of the same job, and every unit there.
pub fn gather<T: DeserializeOwned>(dirs: &[PathBuf]) -> Result<(Job, Vec<T>), BatchError> {
    let (whole, dirs) = shards_of(dirs)?;
    let mut units = Vec::with_capacity(whole.units as usize);
    for i in 0..whole.units {
        let path = unit_path(&dirs[(i % dirs.len() as u64) as usize], i);
        let bytes = std::fs::read(&path).map_err(|e| BatchError::Read {
            path: path.clone(),
            message: format!("{e}: that shard has not finished (run it again with --resume)"),
        })?;
        units.push(
            serde_json::from_slice(&bytes).map_err(|e| BatchError::Read {
                path,
                message: e.to_string(),
            })?,
        );
    }
    Ok((whole, units))
}
