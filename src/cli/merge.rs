//! `taktline merge`: the study of a whole batch from its shards' folders.

use std::path::PathBuf;

use clap::Args;
use taktline::experiment::find_shards;
use taktline::output_dir::OutputDir;

use super::CliError;
use super::study::finish_study;

/// Options of `taktline merge`.
#[derive(Args)]
pub struct MergeArgs {
    /// Output folders of `taktline batch --shard K/N` runs.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Where to write the merged study.
    #[arg(long, default_value = "study")]
    out: PathBuf,
}

/// `taktline merge`
pub fn merge(args: &MergeArgs) -> Result<(), CliError> {
    let inputs = find_shards(&args.dirs)?;
    let out = OutputDir::claim(&args.out)?;
    finish_study(&out, &inputs, false)
}
