#!/bin/bash
# Drives a sharded job of dependent steps on Slurm, from the login node:
#   docs/cluster/steps.sh reverse    # or: plan
# Each round submits the array (reverse.slurm or plan.slurm) and waits for
# it; every task does its part of the step it has reached. Then the merge
# is tried: exit code 3 means a step is still missing, so another round
# goes on; 0 is the merged folder (reverse/ or plan/), byte for byte what
# the unsharded command writes; anything else stops. ROUNDS caps the rounds.
set -u
what="$1"
here="$(dirname "$0")"
for round in $(seq 1 "${ROUNDS:-200}"); do
    sbatch --wait "$here/$what.slurm" || exit 1
    taktline merge shards/"$what"/* --out "$what"
    rc=$?
    if [ "$rc" -ne 3 ]; then
        exit "$rc"
    fi
    echo "round $round: not finished, another round" >&2
done
echo "not finished after ${ROUNDS:-200} rounds" >&2
exit 3
