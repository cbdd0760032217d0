#!/usr/bin/env bash
# Installs Debian's Slurm and munge, starts the one-node test cluster of tools/slurm/local-cluster.sh for the sweep
# test (a job array submitted through sbatch) and stops it when .ci/run exits, tests failed or not. Sourced by
# .ci/run so that the exports reach the test step.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
as_root tools/slurm/local-cluster.sh start
trap 'as_root tools/slurm/local-cluster.sh stop' EXIT
eval "$(tools/slurm/local-cluster.sh env)"
export MANNRL_REQUIRE_SLURM=1
