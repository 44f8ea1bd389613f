//! `--shard K/N` as every sharding command reads it, and what a shard says
//! when it is done.

use std::path::Path;

use taktline::experiment::records::Shard;

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

/// What a shard of a job of dependent steps prints when it stops at a step
/// that needs `other`'s results.
pub(super) fn shard_waiting(shard: Shard, step: u64, other: Shard) {
    say!(
        "shard {}/{}: its part of step {step} is done; step {step} needs shard {}/{}'s. Run every shard again with --resume (each goes at least a step further), then taktline merge",
        shard.index,
        shard.count,
        other.index,
        other.count
    );
}
