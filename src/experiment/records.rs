//! The records of a batch: a folder per scenario with its manifest and one
//! record per replication, written by any number of shards and threads, and
//! folded back in replication order.
//!
//! Each finished replication is written at once to `reps/rep-NNNNNN.json`
//! (written, then renamed), so a killed batch resumes without redoing or
//! losing any. The aggregate is a pure function of the records 0..N read in
//! order: the same for any thread count, any sharding, any resumption.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::aggregate::Aggregate;
use super::error::BatchError;
use super::fingerprint::fingerprint;
use super::progress::Progress;
use super::record::{RepRecord, figure_names};
use super::run::run_replication;
use crate::atomic_file::write as write_atomic;
use crate::scenario::Scenario;
use crate::scenario::limits::{MAX_HOURLY_ROWS, MAX_UNITS};

/// This process's share of a batch: replications r with r mod `count` == `index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard's number K, counted from 0.
    pub index: u64,
    /// Shards in all, N.
    pub count: u64,
}

impl Shard {
    /// Parses `K/N` (0 <= K < N), as Slurm array and Kubernetes indexed-job
    /// indices count from 0.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("shard {text:?}: write K/N, e.g. 0/4"))?;
        let index: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("shard {text:?}: K is not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard {text:?}: N is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!("shard {text:?}: needs 0 <= K < N"));
        }
        Ok(Shard { index, count })
    }

    /// Whether replication `r` is this shard's.
    pub fn owns(&self, r: u64) -> bool {
        r % self.count == self.index
    }
}

/// What identifies a batch, so that resumed and merged runs are checked to
/// be of the same scenario and settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// Position of the scenario among the batch's files.
    pub order: usize,
    /// Digest of the validated scenario (seed, horizon and every parameter).
    pub digest: String,
    /// Replications of the whole batch (all shards).
    pub replications: u64,
    /// Names of the headline figures each record holds, in order.
    pub figures: Vec<String>,
    /// The validated scenario itself, with command-line settings applied.
    pub scenario: Scenario,
    /// Fingerprint of everything above, so a hand-edited manifest (fewer
    /// replications, say) is refused rather than believed.
    #[serde(default)]
    pub seal: String,
}

/// A stable digest of a validated scenario's content: every parameter, the
/// seed and the horizon, but not the path it was read from, so
/// `baseline.ron`, `./baseline.ron` and an absolute path are the same.
pub fn digest(scenario: &Scenario) -> String {
    let content = Scenario {
        source: String::new(),
        ..scenario.clone()
    };
    fingerprint(&serde_json::to_vec(&content).unwrap_or_default())
}

impl Manifest {
    /// The manifest of `replications` replications of `scenario`, the
    /// `order`-th scenario of its batch.
    pub fn new(scenario: &Scenario, replications: u64, order: usize) -> Manifest {
        let mut manifest = Manifest {
            order,
            digest: digest(scenario),
            replications,
            figures: figure_names(scenario),
            scenario: scenario.clone(),
            seal: String::new(),
        };
        manifest.seal = manifest.content_seal();
        manifest
    }

    /// The fingerprint of the manifest's content without its seal.
    fn content_seal(&self) -> String {
        let unsealed = Manifest {
            seal: String::new(),
            ..self.clone()
        };
        fingerprint(&serde_json::to_vec(&unsealed).unwrap_or_default())
    }

    /// The manifest in `dir`, if there is one.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, BatchError> {
        let path = dir.join("manifest.json");
        if !path.exists() {
            return Ok(None);
        }
        let text = read(&path)?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| BatchError::Read {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let edited = |why: String| {
            Err(BatchError::Inconsistent(format!(
                "{}: {why}; it was not written by taktline as it is (run the batch again)",
                path.display()
            )))
        };
        if digest(&manifest.scenario) != manifest.digest {
            return edited("the scenario it holds does not match its digest".into());
        }
        if let Err(why) = check_replications(manifest.replications) {
            return edited(format!("its replications: {why}"));
        }
        if manifest.figures != figure_names(&manifest.scenario) {
            return edited("its figures are not this version's".into());
        }
        if manifest.seal != manifest.content_seal() {
            return edited("its content does not match its seal".into());
        }
        Ok(Some(manifest))
    }
}

/// Most replications of one scenario in one batch, sweep point or stress
/// test: a million already gives intervals far below any figure's meaning.
pub const MAX_REPLICATIONS: u64 = 1_000_000;

/// Whether `n` replications can be run: at least 1, at most [`MAX_REPLICATIONS`].
pub fn check_replications(n: u64) -> Result<(), String> {
    match n {
        0 => Err("must be at least 1".into()),
        n if n > MAX_REPLICATIONS => Err(format!(
            "{n} is more than the {MAX_REPLICATIONS} one batch may run"
        )),
        _ => Ok(()),
    }
}

fn read(path: &Path) -> Result<String, BatchError> {
    std::fs::read_to_string(path).map_err(|e| BatchError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// The record file of replication `r`.
pub fn record_path(dir: &Path, r: u64) -> PathBuf {
    dir.join("reps").join(format!("rep-{r:06}.json"))
}

/// Runs the replications in `reps` that this shard owns and that have no
/// record yet, on `jobs` threads, reporting each to `progress` under
/// `label`; returns how many ran.
pub fn run_replications(
    scenario: &Scenario,
    dir: &Path,
    reps: std::ops::Range<u64>,
    shard: Option<Shard>,
    jobs: Option<usize>,
    label: &str,
    progress: &dyn Progress,
) -> Result<u64, BatchError> {
    let batch = digest(scenario);
    let todo = pending(dir, reps, shard, &batch)?;
    progress.start(label, todo.len() as u64);
    let pool = rayon::ThreadPoolBuilder::new()
        // No more threads than replications to run: idle ones cost their start.
        .num_threads(jobs.map_or(0, |j| j.min(todo.len().max(1))))
        .build()
        .map_err(|e| BatchError::Threads(e.to_string()))?;
    let first_error = Mutex::new(None);
    let estimated = std::sync::atomic::AtomicBool::new(false);
    pool.install(|| {
        todo.par_iter().for_each(|&r| {
            if first_error.lock().expect("no poisoned lock").is_some() {
                return;
            }
            let outcome = run_replication(scenario, r);
            let json = record_bytes(scenario, &batch, &outcome, r);
            if !estimated.swap(true, std::sync::atomic::Ordering::Relaxed) {
                progress.detail(&format!(
                    "{label}: records take about {:.1} MB on disk for {} replications in {}",
                    (json.len() as f64 * todo.len() as f64) / 1e6,
                    todo.len(),
                    dir.join("reps").display()
                ));
            }
            match write_atomic(&record_path(dir, r), &json) {
                Ok(()) => progress.tick(),
                Err(e) => {
                    first_error
                        .lock()
                        .expect("no poisoned lock")
                        .get_or_insert(e);
                }
            }
        });
    });
    progress.finish();
    match first_error.into_inner().expect("no poisoned lock") {
        Some(e) => Err(e.into()),
        None => Ok(todo.len() as u64),
    }
}

/// The replications in `reps` that this shard owns and that have no record
/// in `dir` yet; a record kept must be sound (it is trusted from then on).
pub(super) fn pending(
    dir: &Path,
    reps: std::ops::Range<u64>,
    shard: Option<Shard>,
    batch: &str,
) -> Result<Vec<u64>, BatchError> {
    let mut todo = Vec::new();
    for r in reps.filter(|&r| shard.is_none_or(|s| s.owns(r))) {
        let path = record_path(dir, r);
        if !path.exists() {
            todo.push(r);
        } else {
            // A record kept is a record trusted: one damaged, edited or
            // copied in is named now, not skipped and found at the merge.
            read_record(&path, r, batch).map_err(|e| match e {
                BatchError::Inconsistent(why) => BatchError::Inconsistent(format!(
                    "{why}; remove it and resume to run replication {r} again"
                )),
                other => other,
            })?;
        }
    }
    Ok(todo)
}

/// Replication `r`'s record as written to disk: sealed, with the batch's digest.
pub(super) fn record_bytes(
    scenario: &Scenario,
    batch: &str,
    outcome: &super::run::RunOutcome,
    r: u64,
) -> Vec<u8> {
    let record = RepRecord {
        digest: batch.to_string(),
        ..RepRecord::new(scenario, outcome, r)
    }
    .sealed();
    serde_json::to_vec(&record).unwrap_or_default()
}

/// Prepares a scenario's folder: checks or writes its manifest; without
/// `resume`, earlier records (and an unreadable old manifest) are discarded.
pub fn prepare(dir: &Path, manifest: &Manifest, resume: bool) -> Result<(), BatchError> {
    // A scenario's folder is taktline's only if it holds a manifest: a
    // folder of the user's that happens to share the name is never touched.
    let foreign = !dir.join("manifest.json").exists()
        && std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if foreign {
        return Err(BatchError::Inconsistent(format!(
            "{} already holds files taktline did not write; choose another --out",
            dir.display()
        )));
    }
    if resume
        && let Some(old) = Manifest::read(dir)?
        && old.digest != manifest.digest
    {
        return Err(BatchError::Inconsistent(format!(
            "{}: cannot resume: the folder holds replications of another scenario or other settings (digest {} vs {})",
            dir.display(),
            old.digest,
            manifest.digest
        )));
    }
    if !resume {
        let reps = dir.join("reps");
        if reps.exists() {
            std::fs::remove_dir_all(&reps).map_err(|e| BatchError::Read {
                path: reps,
                message: e.to_string(),
            })?;
        }
    }
    let json = serde_json::to_vec_pretty(manifest).expect("manifests serialise");
    write_atomic(&dir.join("manifest.json"), &json)?;
    Ok(())
}

/// Folds the records 0..n found in `dirs` (shard folders, or one batch
/// folder), in replication order; `each` sees every record as it is folded.
pub fn aggregate(
    scenario: &Scenario,
    dirs: &[PathBuf],
    n: u64,
    mut each: impl FnMut(&RepRecord),
) -> Result<Aggregate, BatchError> {
    let expected = digest(scenario);
    for d in dirs {
        if let Some(m) = Manifest::read(d)?
            && m.digest != expected
        {
            return Err(BatchError::Inconsistent(format!(
                "{} holds replications of another scenario or settings than {}",
                d.display(),
                scenario.source
            )));
        }
    }
    // Count what is on disk first, so a manifest claiming more replications
    // than were ever recorded is answered at once, not after a walk of 0..n.
    let present = recorded(dirs)?;
    let found = present.range(..n).count() as u64;
    if found < n {
        let first: Vec<String> = (0..n)
            .filter(|r| !present.contains(r))
            .take(10)
            .map(|r| r.to_string())
            .collect();
        return Err(BatchError::Inconsistent(format!(
            "{}: {} of {n} replications have no record (first: {}); run the missing shards or resume",
            scenario.name,
            n - found,
            first.join(", ")
        )));
    }
    let mut agg = Aggregate::new(scenario);
    for r in 0..n {
        let path = dirs
            .iter()
            .map(|d| record_path(d, r))
            .find(|p| p.exists())
            .ok_or_else(|| BatchError::Read {
                path: record_path(&dirs[0], r),
                message: "the record vanished while the batch was folded".into(),
            })?;
        let record = read_record(&path, r, &expected)?;
        check_record(&record, &agg).map_err(|why| {
            BatchError::Inconsistent(format!(
                "{}: not a record of this batch: {why}",
                path.display()
            ))
        })?;
        each(&record);
        agg.push(&record);
    }
    Ok(agg)
}

/// The record at `path`, if it is intact (its seal holds) and is
/// replication `r` of the batch with `digest`.
fn read_record(path: &Path, r: u64, digest: &str) -> Result<RepRecord, BatchError> {
    let text = read(path)?;
    let not_ours = |why: String| {
        BatchError::Inconsistent(format!(
            "{}: not a record of this batch: {why}",
            path.display()
        ))
    };
    let record: RepRecord = serde_json::from_str(&text)
        .map_err(|e| not_ours(format!("it does not read as a record ({e})")))?;
    if record.digest != digest {
        return Err(not_ours(format!(
            "it is of the batch with digest {:?}, this batch's is {digest:?}",
            record.digest
        )));
    }
    if record.replication != r {
        return Err(not_ours(format!(
            "it holds replication {}, expected {r}",
            record.replication
        )));
    }
    if !record.seal_holds() {
        return Err(not_ours(
            "its content does not match its seal (edited or damaged)".into(),
        ));
    }
    Ok(record)
}

/// The replication numbers that have a record file in any of `dirs`.
fn recorded(dirs: &[PathBuf]) -> Result<BTreeSet<u64>, BatchError> {
    let mut found = BTreeSet::new();
    for d in dirs {
        let reps = d.join("reps");
        let Ok(entries) = std::fs::read_dir(&reps) else {
            continue;
        };
        for entry in entries {
            let entry = entry.map_err(|e| BatchError::Read {
                path: reps.clone(),
                message: e.to_string(),
            })?;
            let name = entry.file_name();
            let r = name
                .to_str()
                .and_then(|n| n.strip_prefix("rep-"))
                .and_then(|n| n.strip_suffix(".json"))
                .and_then(|n| n.parse::<u64>().ok());
            if let Some(r) = r
                && record_path(d, r).file_name() == Some(name.as_os_str())
            {
                found.insert(r);
            }
        }
    }
    Ok(found)
}

/// Whether a record read from disk fits replication `r` of the batch whose
/// aggregate is `agg`, so folding it can neither panic nor allocate wildly.
fn check_record(record: &RepRecord, agg: &Aggregate) -> Result<(), String> {
    /// More robots than any line completes in an hour or a day.
    const MOST_PER_PERIOD: u32 = 10_000_000;
    /// More hours or days than any record holds.
    const MOST_PERIODS: usize = MAX_HOURLY_ROWS + 1;
    let figures = agg.names.len();
    if record.figures.len() != figures {
        return Err(format!(
            "{} figures, expected {figures}",
            record.figures.len()
        ));
    }
    if let Some(t) = &record.twin_figures
        && t.len() != figures
    {
        return Err(format!("{} twin figures, expected {figures}", t.len()));
    }
    if record.twin_figures.is_some() != agg.twin_output.is_some() {
        return Err("its twin does not match the scenario's disruptions".into());
    }
    if record.hourly_on_hand.len() != agg.on_hand.len() {
        return Err(format!(
            "stock of {} parts, expected {}",
            record.hourly_on_hand.len(),
            agg.on_hand.len()
        ));
    }
    let series = [
        Some(&record.hourly_output),
        record.twin_hourly_output.as_ref(),
        Some(&record.daily_output),
        record.twin_daily_output.as_ref(),
    ];
    if series
        .iter()
        .flatten()
        .any(|s| s.len() > MOST_PERIODS || s.iter().any(|&v| v > MOST_PER_PERIOD))
    {
        return Err("an output series out of range".into());
    }
    if record
        .hourly_on_hand
        .iter()
        .chain(&record.hourly_supplier_stock)
        .any(|s| s.len() > MOST_PERIODS || s.iter().any(|&v| v > MAX_UNITS))
    {
        return Err("a stock series out of range".into());
    }
    if record.daily_by_model.len() > agg.by_day_model.len()
        || record
            .daily_by_model
            .iter()
            .any(|s| s.len() > MOST_PERIODS || s.iter().any(|&v| v > MOST_PER_PERIOD))
    {
        return Err("a per-model output series out of range".into());
    }
    if record
        .overtime
        .iter()
        .any(|&(a, b)| !(a >= 0.0 && a <= b && b <= MOST_PERIODS as f64))
    {
        return Err("an overtime stretch out of range".into());
    }
    if let Some(&(hour, route)) = record.contingent_trucks.iter().find(|&&(h, r)| {
        h as usize >= MOST_PERIODS || !agg.contingent_routes.contains(&(r as usize))
    }) {
        return Err(format!(
            "an emergency or backup truck at hour {hour} on route {route}, which is not such a route"
        ));
    }
    Ok(())
}

/// A file-system-safe name for a scenario's folder.
pub fn slug(scenario: &Scenario) -> String {
    let stem = Path::new(&scenario.source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = if stem.is_empty() || scenario.source.starts_with('<') {
        "baseline".to_string()
    } else {
        stem
    };
    base.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_replications() {
        let shards: Vec<Shard> = (0..3)
            .map(|k| Shard::parse(&format!("{k}/3")).unwrap())
            .collect();
        for r in 0..30 {
            assert_eq!(shards.iter().filter(|s| s.owns(r)).count(), 1);
        }
        assert!(Shard::parse("3/3").is_err());
        assert!(Shard::parse("1").is_err());
    }
}
