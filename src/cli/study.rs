//! What `batch`, `merge` and `sweep` share: the options common to batch and
//! sweep, loading every scenario file, and finishing a study (its files and
//! the headline table). The work is the experiment layer's.

use std::path::{Path, PathBuf};

use clap::Args;
use taktline::experiment::StudyInput;
use taktline::output_dir::{OutputDir, files_under};
use taktline::report::study::{StudyEntry, finish};
use taktline::scenario::{Override, Scenario, load_with};
use taktline::stats::Interval;

use super::output::say;
use super::{CliError, seed_and_days};
use taktline::stats::figures::{Paired, Run};

/// The title of every study's index page.
const TITLE: &str = "taktline study";

/// Options shared by `batch` and `sweep`.
#[derive(Args)]
pub(super) struct Common {
    /// Worker threads (default: all cores; at most 1024); results are the same for any value.
    #[arg(long, short = 'j')]
    pub(super) jobs: Option<usize>,
    /// Base seed of every random stream (default: each scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Horizon in days (default: each scenario's).
    #[arg(long)]
    days: Option<f64>,
    /// No progress output.
    #[arg(long)]
    pub(super) quiet: bool,
}

impl Common {
    /// `--seed` and `--days` as overrides of each scenario, validated with
    /// it (`warmup_replaced`: `--warmup` will set the warm-up, so the horizon
    /// is not held to the file's meanwhile).
    pub(super) fn overrides(&self, warmup_replaced: bool) -> Vec<Override> {
        seed_and_days(self.seed, self.days, warmup_replaced)
    }
}

/// The files given, or the embedded baseline when none is.
pub(super) fn sources(files: &[PathBuf]) -> Vec<Option<&Path>> {
    if files.is_empty() {
        vec![None]
    } else {
        files.iter().map(|f| Some(f.as_path())).collect()
    }
}

/// Loads every file (or the baseline) and applies the common settings;
/// every problem of every file is reported.
pub(super) fn load_all(
    files: &[PathBuf],
    common: &Common,
    warmup_replaced: bool,
) -> Result<Vec<Scenario>, CliError> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let overrides = common.overrides(warmup_replaced);
    for p in sources(files) {
        match load_with(p, &overrides) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    super::error::warn(w);
                }
                out.push(loaded.scenario);
            }
            Err(e) => problems.extend(e.diagnostics()),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(CliError::Invalid(problems))
    }
}

pub(super) fn pm(i: Option<Interval>) -> String {
    match i {
        Some(Interval {
            mean: Some(m),
            half_width: Some(h),
            ..
        }) => format!("{m:.2} ± {h:.2}"),
        Some(Interval { mean: Some(m), .. }) => format!("{m:.2}"),
        _ => "–".into(),
    }
}

fn print_entries(entries: &[StudyEntry]) {
    say!(
        "\n{:<44} {:>5} {:>18} {:>16}",
        "scenario",
        "reps",
        "robots per day",
        "attainment [%]"
    );
    for e in entries {
        say!(
            "{:<44} {:>5} {:>18} {:>16}",
            e.scenario.name,
            e.study.replications,
            pm(e.aggregate.figure(Run::RobotsPerDay.name())),
            pm(e.aggregate
                .figure(Run::TaktAttainment.name())
                .map(|i| Interval {
                    mean: i.mean.map(|m| m * 100.0),
                    half_width: i.half_width.map(|h| h * 100.0),
                    ..i
                })),
        );
        for r in &e.study.resilience {
            let est = |key: Paired| r.get(key).map(|p| p.estimate);
            let share = |key: Paired| r.get(key).map_or(0.0, |p| p.share_undefined);
            say!(
                "    {}: robots lost {}, TTS {} h (P(survived) {:.2}), TTR {} h, delay {} robot-h{}",
                r.disruption,
                pm(est(Paired::RobotsLost)),
                pm(est(Paired::TimeToSurviveH)),
                share(Paired::TimeToSurviveH),
                pm(est(Paired::TimeToRecoverH)),
                pm(est(Paired::DelayRobotH)),
                r.get(Paired::Cost).filter(|c| c.estimate.n > 0).map_or(
                    String::new(),
                    |c| format!(", cost {}", pm(Some(c.estimate)))
                ),
            );
        }
    }
}

/// Every file in the scenario folders of a batch (manifests, records).
pub(super) fn records(out: &OutputDir, inputs: &[StudyInput]) -> Vec<PathBuf> {
    inputs
        .iter()
        .flat_map(|i| {
            let dir = out.path().join(&i.slug);
            std::iter::once(dir.join("manifest.json")).chain(files_under(&dir.join("reps")))
        })
        .collect()
}

pub(super) fn finish_study(
    out: &OutputDir,
    inputs: &[StudyInput],
    drop_records: bool,
) -> Result<(), CliError> {
    let finished = finish(out.path(), inputs, TITLE)?;
    if drop_records {
        for i in inputs {
            let _ = std::fs::remove_dir_all(out.path().join(&i.slug).join("reps"));
        }
    }
    let mut files = finished.files;
    files.extend(records(out, inputs));
    out.keep_only(&files)?;
    print_entries(&finished.entries);
    say!("\nwrote {}", out.path().join("index.html").display());
    Ok(())
}
