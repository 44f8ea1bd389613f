//! Parameter sweeps: a full grid of `--vary PATH=VALUES` settings, each
//! point a batch of replications held in memory and folded in order.

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::aggregate::{Aggregate, ScenarioStudy};
use super::error::BatchError;
use super::fingerprint::fingerprint;
use super::outages::pool;
use super::prefix::Prefix;
use super::progress::{Progress, Silent};
use super::record::RepRecord;
use super::records::{Shard, digest};
use super::run::run_replication_with;
use super::units::{Job, UnitStore};
use crate::scenario::expand_values;
use crate::scenario::{Loaded, Override, Scenario, ScenarioError, load_with};

/// One `--vary PATH=VALUES`.
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    /// The parameter's path, e.g. `routes.Wenzhou-Shanghai.order_up_to`.
    pub path: String,
    /// The values to try, as written (a range already expanded).
    pub values: Vec<String>,
}

impl Vary {
    /// Parses `PATH=VALUES` (a list `a,b,c` or a range `FROM..TO:STEP`).
    pub fn parse(text: &str) -> Result<Vary, String> {
        // The last `=`: values never hold one, an item's name may.
        let (path, values) = text
            .rsplit_once('=')
            .ok_or_else(|| format!("--vary {text:?}: write PATH=VALUES, e.g. routes.Wenzhou-Shanghai.order_up_to=1440..4320:720"))?;
        Ok(Vary {
            path: path.trim().to_string(),
            values: expand_values(values).map_err(|e| format!("--vary {text:?}: {e}"))?,
        })
    }
}

/// Every combination of the varied values, first `--vary` slowest.
pub fn grid(varies: &[Vary]) -> Vec<Vec<(String, String)>> {
    varies.iter().fold(vec![Vec::new()], |points, v| {
        points
            .iter()
            .flat_map(|p| {
                v.values.iter().map(move |x| {
                    let mut q = p.clone();
                    q.push((v.path.clone(), x.clone()));
                    q
                })
            })
            .collect()
    })
}

/// A grid point of one scenario file, validated before anything runs.
pub struct Point {
    /// The scenario file (`None`: the embedded baseline).
    pub file: Option<std::path::PathBuf>,
    /// The (path, value) of each `--vary` at this point, in `--vary` order.
    pub settings: Vec<(String, String)>,
    /// The validated scenario with the settings applied.
    pub scenario: Scenario,
}

/// Builds and validates every grid point of every file, with `common`
/// (`--seed`, `--days`) applied to each; all problems are reported together,
/// and what was only warned about comes back beside the points.
pub fn points(
    files: &[Option<&Path>],
    varies: &[Vary],
    common: &[Override],
) -> Result<(Vec<Point>, Vec<String>), Vec<String>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut warned = Vec::new();
    for file in files {
        // What --seed and --days alone break is said once, not at every point.
        if !common.is_empty()
            && let Err(e) = load_with(*file, common)
        {
            for line in e.diagnostics() {
                if !problems.contains(&line) {
                    problems.push(line);
                }
            }
            continue;
        }
        for settings in grid(varies) {
            let mut overrides: Vec<Override> =
                settings.iter().map(|(p, v)| Override::vary(p, v)).collect();
            overrides.extend(common.iter().cloned());
            match load_with(*file, &overrides) {
                Ok(Loaded { scenario, warnings }) => {
                    for w in warnings {
                        let line = w.to_string();
                        if !warned.contains(&line) {
                            warned.push(line);
                        }
                    }
                    out.push(Point {
                        file: file.map(Path::to_path_buf),
                        settings,
                        scenario,
                    })
                }
                Err(ScenarioError::Invalid(d)) => {
                    for x in d {
                        let line = x.to_string();
                        if !problems.contains(&line) {
                            problems.push(line);
                        }
                    }
                }
                Err(e) => problems.push(e.to_string()),
            }
        }
    }
    if problems.is_empty() {
        Ok((out, warned))
    } else {
        Err(problems)
    }
}

/// Runs replications 0..n in parallel and folds them in order, a bounded
/// chunk at a time, so memory does not grow with n; reports each to
/// `progress` under `label`.
pub fn run_in_memory(
    scenario: &Scenario,
    n: u64,
    jobs: Option<usize>,
    label: &str,
    progress: &dyn Progress,
    prefix: Prefix,
) -> Result<Aggregate, BatchError> {
    progress.start(label, n);
    let pool = pool(jobs)?;
    let chunk = (pool.current_num_threads() as u64 * 4).max(1);
    let mut agg = Aggregate::new(scenario);
    let mut start = 0;
    while start < n {
        let end = (start + chunk).min(n);
        let records: Vec<RepRecord> = pool.install(|| {
            (start..end)
                .into_par_iter()
                .map(|r| {
                    let outcome = run_replication_with(scenario, r, &Silent, prefix);
                    let rec = RepRecord::new(scenario, &outcome, r);
                    progress.tick();
                    rec
                })
                .collect()
        });
        for r in &records {
            agg.push(r);
        }
        start = end;
    }
    progress.finish();
    Ok(agg)
}

/// One row of a sweep's results.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepRow {
    /// The scenario's name.
    pub scenario: String,
    /// The file the point comes from ("" for the embedded baseline).
    #[serde(default)]
    pub source: String,
    /// The point's (path, value) settings, in `--vary` order.
    pub settings: Vec<(String, String)>,
    /// The currency of its costs ("" without costs).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub currency: String,
    /// The point's figures over its replications.
    pub study: ScenarioStudy,
}

/// A finished grid point as kept on disk (a sweep's unit), so a sweep can
/// resume and its shards merge.
#[derive(Serialize, Deserialize)]
pub struct PointRecord {
    /// The point's scenario digest (its content with the settings applied).
    digest: String,
    replications: u64,
    row: SweepRow,
}

impl PointRecord {
    /// The point's row.
    pub fn row(self) -> SweepRow {
        self.row
    }
}

/// What a sweep's shards record: the varied paths, which its tables and
/// charts are drawn by (the rows come from the units).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepSpec {
    /// The `--vary` paths, in order.
    pub paths: Vec<String>,
}

/// The job a sweep's shards share: one unit per grid point, in grid order.
pub fn sweep_job(grid: &[Point], replications: u64, paths: &[String], shard: Option<Shard>) -> Job {
    let content: Vec<(String, &[(String, String)])> = grid
        .iter()
        .map(|p| (digest(&p.scenario), p.settings.as_slice()))
        .collect();
    let digest = fingerprint(&serde_json::to_vec(&(content, replications)).unwrap_or_default());
    let spec = SweepSpec {
        paths: paths.to_vec(),
    };
    Job::new("sweep", digest, grid.len() as u64, shard, &spec)
}

/// Runs the grid points `store` owns in turn, each point's result kept in
/// `store` as soon as it is done; resuming, a point already there is reused
/// where it is this point with these replications (its digest says so,
/// whatever the rest of the grid was). `each` sees every row as it is done
/// (to print it), and the rows come back in grid order, `None` for the
/// points of other shards.
pub fn run_sweep(
    grid: &[Point],
    replications: u64,
    jobs: Option<usize>,
    store: &UnitStore,
    progress: &dyn Progress,
    mut each: impl FnMut(&SweepRow),
) -> Result<Vec<Option<SweepRow>>, BatchError> {
    let mut rows = Vec::new();
    for (i, point) in grid.iter().enumerate() {
        let i = i as u64;
        if !store.owns(i) {
            rows.push(None);
            continue;
        }
        let kept = store
            .kept::<PointRecord>(i)
            .filter(|r| r.digest == digest(&point.scenario) && r.replications == replications);
        let record = match kept {
            Some(record) => {
                progress.note(&format!("{}: kept from an earlier run", point.label()));
                // The digest says the numbers are this point's; the names
                // are this command's, however the earlier one wrote them.
                PointRecord {
                    row: SweepRow {
                        scenario: point.scenario.name.clone(),
                        source: point.scenario.source.clone(),
                        settings: point.settings.clone(),
                        currency: point.scenario.currency().to_string(),
                        ..record.row
                    },
                    ..record
                }
            }
            None => {
                let agg = run_in_memory(
                    &point.scenario,
                    replications,
                    jobs,
                    &point.label(),
                    progress,
                    Prefix::Shared,
                )?;
                PointRecord {
                    digest: digest(&point.scenario),
                    replications,
                    row: SweepRow {
                        scenario: point.scenario.name.clone(),
                        source: point.scenario.source.clone(),
                        settings: point.settings.clone(),
                        currency: point.scenario.currency().to_string(),
                        study: agg.summarise(&point.scenario),
                    },
                }
            }
        };
        store.keep(i, &record)?;
        let row = record.row;
        each(&row);
        rows.push(Some(row));
    }
    Ok(rows)
}

impl Point {
    /// The point as a person reads it: its file and its settings in words
    /// ("typhoon-wenzhou.ron, length of every disruption 24h"); the
    /// scenario's name may describe a value the sweep changes.
    pub fn label(&self) -> String {
        format!(
            "{}, {}",
            file_in_words(&self.scenario.source),
            settings_in_words(&self.settings)
        )
    }
}

/// A grid point's scenario file in words, from where it was read: the
/// file's name, or "embedded baseline".
pub fn file_in_words(source: &str) -> String {
    if source.is_empty() || source.starts_with('<') {
        return "embedded baseline".into();
    }
    std::path::Path::new(source)
        .file_name()
        .map_or_else(|| source.to_string(), |f| f.to_string_lossy().into_owned())
}

/// A grid point's settings in words: "length of every disruption 24h,
/// order-up-to level S of Wenzhou-Shanghai 2880".
pub fn settings_in_words(settings: &[(String, String)]) -> String {
    settings
        .iter()
        .map(|(p, v)| format!("{} {v}", crate::scenario::overrides::describe(p)))
        .collect::<Vec<_>>()
        .join(", ")
}
