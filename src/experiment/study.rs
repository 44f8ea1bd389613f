//! What a study is finished from: each scenario's records, in one batch's
//! folder or in the folders of its shards (`taktline merge`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::error::ExperimentError;
use super::records::Manifest;
use crate::scenario::Scenario;

/// One scenario of a finished batch: where its records are and how many.
pub struct StudyInput {
    /// The validated scenario the records are of.
    pub scenario: Scenario,
    /// Its folder's name in the study.
    pub slug: String,
    /// Folders holding its `reps/` records (one, or one per shard).
    pub dirs: Vec<PathBuf>,
    /// Records to fold: replications 0..n.
    pub replications: u64,
}

/// Finds the batches recorded in the folders of sharded runs and pairs up
/// the shards of each scenario, in the batch's scenario order.
pub fn find_shards(dirs: &[PathBuf]) -> Result<Vec<StudyInput>, ExperimentError> {
    let mut found: BTreeMap<String, (Manifest, Vec<PathBuf>)> = BTreeMap::new();
    for dir in dirs {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| ExperimentError::Invalid(format!("cannot read {}: {e}", dir.display())))?;
        let mut subdirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        subdirs.sort();
        for sub in subdirs {
            let Some(manifest) = Manifest::read(&sub)? else {
                continue;
            };
            let slug = sub
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match found.get_mut(&slug) {
                Some((m, dirs)) => {
                    if m.digest != manifest.digest || m.replications != manifest.replications {
                        return Err(ExperimentError::Invalid(format!(
                            "{} and {} hold different batches of {slug} (other scenario, settings or replication count)",
                            dirs[0].display(),
                            sub.display()
                        )));
                    }
                    dirs.push(sub);
                }
                None => {
                    found.insert(slug, (manifest, vec![sub]));
                }
            }
        }
    }
    if found.is_empty() {
        return Err(ExperimentError::Invalid(
            "nothing to merge in the given folders: neither the job.json of a stress test, sweep or comparison shard nor a batch shard's scenario folders (with manifest.json)".into(),
        ));
    }
    let mut inputs: Vec<(usize, StudyInput)> = found
        .into_iter()
        .map(|(slug, (m, dirs))| {
            (
                m.order,
                StudyInput {
                    scenario: m.scenario,
                    slug,
                    dirs,
                    replications: m.replications,
                },
            )
        })
        .collect();
    inputs.sort_by_key(|(order, _)| *order);
    Ok(inputs.into_iter().map(|(_, i)| i).collect())
}
