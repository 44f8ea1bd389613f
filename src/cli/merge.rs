//! `taktline merge`: the output of a whole sharded run from its shards'
//! folders: a batch's study, or the folder of a stress test, sweep or
//! comparison, byte for byte what the unsharded command writes.

use std::path::{Path, PathBuf};

use clap::Args;
use taktline::experiment::find_shards;
use taktline::experiment::steps::Steps;
use taktline::experiment::units::{command_of, gather};
use taktline::output_dir::OutputDir;

use super::CliError;
use super::compare::merge_compare;
use super::plan::merge_plan;
use super::reverse::merge_reverse;
use super::stress::merge_stress;
use super::study::finish_study;
use super::sweep::merge_sweep;

/// Options of `taktline merge`.
#[derive(Args)]
pub struct MergeArgs {
    /// Output folders of the shards (`--shard K/N`) of one `batch`,
    /// `stress` (or `stress --reverse`), `sweep`, `compare` or `plan` run, every K
    /// once. Exit code 3 where shards of a job of dependent steps have not
    /// finished: run them again with --resume.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Where to write the merged output.
    #[arg(long, default_value = "study")]
    out: PathBuf,
}

/// `taktline merge`
pub fn merge(args: &MergeArgs) -> Result<(), CliError> {
    let command = command_of(&args.dirs[0])?;
    let Some(command) = command else {
        let inputs = find_shards(&args.dirs)?;
        let out = OutputDir::claim(&args.out)?;
        return finish_study(&out, &inputs, false);
    };
    let out = claim_apart(&args.out, &args.dirs)?;
    match command.as_str() {
        "stress" => {
            let (job, units) = gather(&args.dirs)?;
            merge_stress(job, units, &out)
        }
        "sweep" => {
            let (job, units) = gather(&args.dirs)?;
            merge_sweep(job, units, &out)
        }
        "compare" => {
            let (job, units) = gather(&args.dirs)?;
            merge_compare(job, units, &out)
        }
        "reverse" => {
            let (job, steps) = Steps::merge(&args.dirs)?;
            merge_reverse(job, steps, &out)
        }
        "plan" => {
            let (job, steps) = Steps::merge(&args.dirs)?;
            merge_plan(job, steps, &out)
        }
        other => Err(CliError::invalid(format!(
            "{} holds a {other} job, which this version cannot merge",
            args.dirs[0].display()
        ))),
    }
}

/// Claims `out`, which must not be one of the shards' folders (the merge
/// would overwrite the units it reads).
fn claim_apart(out: &Path, dirs: &[PathBuf]) -> Result<OutputDir, CliError> {
    let same = |d: &PathBuf| match (d.canonicalize(), out.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if let Some(d) = dirs.iter().find(|d| same(d)) {
        return Err(CliError::invalid(format!(
            "--out {}: is one of the shards being merged; choose another folder",
            d.display()
        )));
    }
    Ok(OutputDir::claim(out)?)
}
