//! A job whose work comes in steps that depend on each other: the reverse
//! stress test's levels (a combination is bounded by its parts' results)
//! and the plan search's rounds. The algorithm runs as on one machine and
//! asks for each step's tasks at once; they are numbered in the order
//! asked, and with `--shard K/N` task i is this shard's where i mod N = K.
//! A shard makes its own tasks, keeping each in its folder, and reads the
//! others' from its peers (the folders beside its own that hold shards of
//! the same job). Where a peer's task is not there yet, the shard stops
//! once its own tasks of that step are made: run every shard again with
//! `--resume` and each goes at least one step further. `merge` replays the
//! algorithm with every task read from the shard that made it.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::BatchError;
use super::units::{JOB_FILE, Job, UnitStore, shards_of, unit_path};

/// Where each step's tasks come from.
#[derive(Debug)]
pub struct Steps {
    source: Source,
    /// The number of the next task asked for.
    next: u64,
    /// Steps asked for so far.
    step: u64,
    /// This shard's tasks, made or kept, by number.
    mine: Vec<u64>,
}

#[derive(Debug)]
enum Source {
    /// One machine, unsharded: every task made here, none kept.
    Here,
    /// A shard: its tasks kept in its folder, the others' read from its peers.
    Shard {
        store: Box<UnitStore>,
        dir: PathBuf,
        /// Each shard's folder, by shard, where found.
        peers: Vec<Option<PathBuf>>,
    },
    /// A merge: every task read from its shard's folder.
    Merge { dirs: Vec<PathBuf> },
}

impl Steps {
    /// Every task made here (no shard, nothing kept).
    pub fn here() -> Steps {
        Steps::with(Source::Here)
    }

    /// Shard `job` in `dir`; resuming, its tasks already kept there are
    /// not made again.
    pub fn shard(dir: &Path, job: Job, resume: bool) -> Result<Steps, BatchError> {
        let shards = job.shards as usize;
        let store = Box::new(UnitStore::open(dir, job, resume)?);
        Ok(Steps::with(Source::Shard {
            store,
            dir: dir.to_path_buf(),
            peers: vec![None; shards],
        }))
    }

    /// The merge of the shards in `dirs`: the whole job, and every task
    /// read from the shard that made it.
    pub fn merge(dirs: &[PathBuf]) -> Result<(Job, Steps), BatchError> {
        let (job, dirs) = shards_of(dirs)?;
        Ok((job, Steps::with(Source::Merge { dirs })))
    }

    fn with(source: Source) -> Steps {
        Steps {
            source,
            next: 0,
            step: 0,
            mine: Vec::new(),
        }
    }

    /// Whether tasks are read from shards' folders rather than made (a
    /// merge makes none).
    pub fn merging(&self) -> bool {
        matches!(self.source, Source::Merge { .. })
    }

    /// The next step's `count` tasks, in order: `make(indices)` makes the
    /// tasks of those indices that are this process's to make (in the
    /// order given); the rest are read back. [`BatchError::Waiting`] where
    /// another shard's task of this step is not there yet.
    pub fn step<T, F>(&mut self, count: usize, make: F) -> Result<Vec<T>, BatchError>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce(&[usize]) -> Vec<T>,
    {
        self.step += 1;
        let first = self.next;
        self.next += count as u64;
        let (store, dir, peers) = match &mut self.source {
            Source::Here => {
                let all: Vec<usize> = (0..count).collect();
                return Ok(make(&all));
            }
            Source::Merge { dirs } => {
                let shards = dirs.len() as u64;
                let mut out = Vec::with_capacity(count);
                for g in first..first + count as u64 {
                    let shard = g % shards;
                    out.push(read(&dirs[shard as usize], g).ok_or(BatchError::Waiting {
                        step: self.step,
                        shard,
                        shards,
                    })?);
                }
                return Ok(out);
            }
            Source::Shard { store, dir, peers } => (store, dir, peers),
        };
        let job = store.job();
        let mut out: Vec<Option<T>> = (0..count).map(|_| None).collect();
        let own: Vec<usize> = (0..count).filter(|&i| job.owns(first + i as u64)).collect();
        for &i in &own {
            out[i] = store.kept(first + i as u64);
        }
        let todo: Vec<usize> = own.iter().copied().filter(|&i| out[i].is_none()).collect();
        if !todo.is_empty() {
            for (&i, task) in todo.iter().zip(make(&todo)) {
                store.keep(first + i as u64, &task)?;
                out[i] = Some(task);
            }
        }
        self.mine.extend(own.iter().map(|&i| first + i as u64));
        let mut waiting = None;
        // Peers are looked for afresh once a step, where one is not known yet.
        let mut looked = false;
        for (i, slot) in out.iter_mut().enumerate() {
            let g = first + i as u64;
            if slot.is_some() {
                continue;
            }
            let shard = g % job.shards;
            if peers[shard as usize].is_none() && !looked {
                *peers = find_peers(dir, job)?;
                looked = true;
            }
            *slot = peers[shard as usize].as_deref().and_then(|d| read(d, g));
            if slot.is_none() && waiting.is_none() {
                waiting = Some(shard);
            }
        }
        if let Some(shard) = waiting {
            return Err(BatchError::Waiting {
                step: self.step,
                shard,
                shards: job.shards,
            });
        }
        Ok(out.into_iter().flatten().collect())
    }

    /// The files this shard wrote: its `job.json` and every task of its
    /// own (none unsharded or merging).
    pub fn files(&self) -> Vec<PathBuf> {
        let Source::Shard { dir, .. } = &self.source else {
            return Vec::new();
        };
        let mut files = vec![dir.join(JOB_FILE)];
        files.extend(self.mine.iter().map(|&g| unit_path(dir, g)));
        files
    }
}

/// Task `g` as the shard in `dir` kept it, if it is there.
fn read<T: DeserializeOwned>(dir: &Path, g: u64) -> Option<T> {
    let bytes = std::fs::read(unit_path(dir, g)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The folders beside `dir` that hold shards of `job`, by shard (`dir`
/// itself for its own); two folders of one shard are refused.
fn find_peers(dir: &Path, job: &Job) -> Result<Vec<Option<PathBuf>>, BatchError> {
    let mut peers: Vec<Option<PathBuf>> = vec![None; job.shards as usize];
    peers[job.shard as usize] = Some(dir.to_path_buf());
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let own = dir.canonicalize().ok();
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return Ok(peers);
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.canonicalize().ok() != own)
        .collect();
    found.sort();
    for peer in found {
        let Ok(Some(other)) = Job::read(&peer) else {
            continue;
        };
        if !other.same_work(job) || other.shard == job.shard {
            continue;
        }
        let slot = &mut peers[other.shard as usize];
        if let Some(before) = slot {
            return Err(BatchError::Inconsistent(format!(
                "{} and {} are both shard {}/{} of this job: keep one",
                before.display(),
                peer.display(),
                other.shard,
                other.shards
            )));
        }
        *slot = Some(peer);
    }
    Ok(peers)
}
