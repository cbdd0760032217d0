#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the sweep tests: `start` writes a configuration into a state folder,
# starts munged, slurmctld and slurmd as root and waits until the node takes jobs; `stop` ends the daemons it started
# (by their pid files). Needs Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge) and root.
# Clients find the cluster through SLURM_CONF: `eval "$(tools/slurm/local-cluster.sh env)"`.
set -euo pipefail

STATE="${MANNRL_SLURM_DIR:-/tmp/mannrl-slurm}"
CTLD_PORT="${MANNRL_SLURM_CTLD_PORT:-6817}"
SLURMD_PORT="${MANNRL_SLURM_SLURMD_PORT:-6818}"
CONF="$STATE/slurm.conf"

die() { echo "local-cluster: $*" >&2; exit 1; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_config() {
    local host cpus mem_mib
    host="$(hostname -s)"
    cpus="$(nproc)"
    # RealMemory must not exceed what slurmd sees, or the node is drained; leave the machine a quarter.
    mem_mib=$(( $(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 1024 * 3 / 4 ))
    cat > "$CONF" <<CONF
# written by tools/slurm/local-cluster.sh: a one-node test cluster (daemons run as root, no cgroups, no accounting)
ClusterName=mannrl-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
AuthInfo=socket=$STATE/munge.socket
CredType=cred/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/slurmd
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/slurmctld.log
SlurmdLogFile=$STATE/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
MaxArraySize=10001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mib State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
}

start() {
    [[ $EUID -eq 0 ]] || die "run as root (the daemons run as root here)"
    for tool in munged mungekey slurmctld slurmd sinfo; do
        command -v "$tool" >/dev/null || die "$tool is missing: apt-get install -y slurm-wlm munge"
    done
    if alive "$STATE/slurmctld.pid" && alive "$STATE/slurmd.pid" && alive "$STATE/munged.pid"; then
        echo "local-cluster: already running ($CONF)"
        return 0
    fi
    stop >/dev/null 2>&1 || true
    mkdir -p "$STATE/ctld" "$STATE/slurmd"
    chmod 755 "$STATE"
    [[ -f "$STATE/munge.key" ]] || mungekey --create --keyfile="$STATE/munge.key" >/dev/null
    chmod 400 "$STATE/munge.key"
    munged --force --key-file="$STATE/munge.key" --socket="$STATE/munge.socket" --pid-file="$STATE/munged.pid" \
        --log-file="$STATE/munged.log" --seed-file="$STATE/munged.seed"
    write_config
    slurmctld -f "$CONF"
    slurmd -f "$CONF"
    export SLURM_CONF="$CONF"
    for _ in $(seq 1 60); do
        if sinfo --noheader --format=%t 2>/dev/null | grep -Eq '^(idle|mix|alloc)'; then
            echo "local-cluster: up ($(nproc) CPUs); clients need SLURM_CONF=$CONF"
            return 0
        fi
        sleep 0.5
    done
    sinfo >&2 || true
    tail -n 20 "$STATE/slurmctld.log" "$STATE/slurmd.log" >&2 || true
    die "the node did not become idle within 30 s (logs above, in $STATE)"
}

stop() {
    local stopped=0
    for daemon in slurmd slurmctld munged; do
        local pidfile="$STATE/$daemon.pid"
        if alive "$pidfile"; then
            local pid
            pid="$(cat "$pidfile")"
            kill "$pid"
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
            stopped=$((stopped + 1))
        fi
        rm -f "$pidfile"
    done
    echo "local-cluster: stopped $stopped daemon(s)"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) echo "export SLURM_CONF=$CONF" ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
