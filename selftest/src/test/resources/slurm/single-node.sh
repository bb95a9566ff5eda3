#!/usr/bin/env bash
# Starts a single-node Slurm cluster (Debian's slurm-wlm and munge) for the kit's tests, the way CI set-ups for
# Slurm do it: munged, then slurmctld and slurmd with a slurm.conf written into DIR for this machine.
#   single-node.sh start DIR   prints SLURM_CONF=DIR/slurm.conf once the node is idle; exit 1 with one line why not
#   single-node.sh stop DIR    shuts the cluster down and waits until its daemons have exited
set -uo pipefail
ACTION="$1"; DIR="$2"
export SLURM_CONF="$DIR/slurm.conf"
if [ "$ACTION" = stop ]; then # and wait until both daemons have written their state and exited
  pids=$(cat "$DIR/slurmctld.pid" "$DIR/slurmd.pid" 2>/dev/null)
  scontrol shutdown >/dev/null 2>&1
  for _ in $(seq 1 30); do
    alive=0
    for pid in $pids; do if kill -0 "$pid" 2>/dev/null; then alive=1; fi; done
    [ "$alive" = 0 ] && exit 0
    sleep 0.5
  done
  exit 0
fi
why() { echo "$1"; exit 1; }
for tool in munged slurmctld slurmd sbatch; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null \
    || why "no $tool (Debian's slurm-wlm and munge packages; .ci/run installs them)"
done
export PATH="$PATH:/usr/sbin"
[ "$(id -u)" = 0 ] || why "not root: slurmd must start as root"
mkdir -p "$DIR/state" "$DIR/spool"
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then # no munged that answers
  [ -f /etc/munge/munge.key ] || why "no /etc/munge/munge.key (the munge package makes it)"
  mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null
  if id munge >/dev/null 2>&1; then runuser -u munge -- munged >/dev/null 2>&1 || munged --force >/dev/null 2>&1
  else munged --force >/dev/null 2>&1; fi
  sleep 1
  munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || why "munged did not start (munge -n | unmunge fails)"
fi
node=$(slurmd -C 2>/dev/null | head -1)
[ -n "$node" ] || why "slurmd -C could not describe this machine"
cat > "$SLURM_CONF" <<CONF
ClusterName=resnetkit-test
SlurmctldHost=$(hostname)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
$node State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
scontrol shutdown >/dev/null 2>&1 # a cluster of an earlier run
sleep 1
slurmctld -f "$SLURM_CONF" >/dev/null 2>&1 || why "slurmctld did not start (see $DIR/slurmctld.log)"
slurmd -f "$SLURM_CONF" >/dev/null 2>&1 || why "slurmd did not start (see $DIR/slurmd.log)"
for _ in $(seq 1 30); do
  if sinfo -h -o %t 2>/dev/null | grep -q idle; then echo "SLURM_CONF=$SLURM_CONF"; exit 0; fi
  sleep 1
done
why "the node did not become idle in 30 s: $(sinfo -h -o '%t %E' 2>&1 | head -1)"
