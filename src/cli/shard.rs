//! `--shard K/N` as every sharding command reads it, and what a shard says
//! when it is done.

use std::path::Path;

use taktline::experiment::BatchError;
use taktline::experiment::records::Shard;
use taktline::experiment::steps::Steps;
use taktline::experiment::units::Job;
use taktline::output_dir::OutputDir;
use taktline::timings::{self, Phase};

use super::CliError;
use super::output::say;

/// `--shard K/N`, if given (`0/1` is a shard too: every unit, to merge).
pub(super) fn shard(text: Option<&str>) -> Result<Option<Shard>, CliError> {
    text.map(Shard::parse)
        .transpose()
        .map_err(CliError::invalid)
}

/// What a shard prints when it is done: what to run once every shard is.
pub(super) fn shard_done(shard: Shard, dir: &Path) -> Result<(), CliError> {
    say!(
        "shard {}/{} done: {}. When every shard is done: taktline merge <each shard's --out> --out <folder>",
        shard.index,
        shard.count,
        dir.display()
    );
    Ok(())
}

/// Runs shard `shard` of `job`, a job of dependent steps, in `out`: `run`
/// goes as far as the peers' results allow. Then says whether the shard is
/// done or which shard its next step waits for (both a success: the shard
/// did its part).
pub(super) fn shard_steps<T>(
    out: &OutputDir,
    job: Job,
    resume: bool,
    shard: Shard,
    run: impl FnOnce(&mut Steps) -> Result<T, BatchError>,
) -> Result<(), CliError> {
    let mut steps = Steps::shard(out.path(), job, resume)?;
    let result = timings::time(Phase::Simulation, || run(&mut steps));
    out.keep_only(&steps.files())?;
    match result {
        Ok(_) => shard_done(shard, out.path()),
        Err(BatchError::Waiting {
            step,
            shard: other,
            shards,
        }) => {
            say!(
                "shard {}/{}: its part of step {step} is done; step {step} needs shard {other}/{shards}'s. Run every shard again with --resume (each goes at least a step further), then taktline merge",
                shard.index,
                shard.count
            );
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}
