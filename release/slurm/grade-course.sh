#!/usr/bin/env bash
# Grades a course's submissions on a Slurm cluster. Run it on a login node, from the kit's root:
#
#   release/slurm/grade-course.sh SUBMISSIONS OUT [SHARDS] [-- SBATCH_OPTIONS...]
#
#   SUBMISSIONS  a folder with one subfolder per student (a copy of exercises/ or a clone of the release)
#   OUT          where the reports (OUT/<student>/) and the gradebook (OUT/gradebook.csv) go; on a shared file system
#   SHARDS       array tasks, each grading about 1/SHARDS of the submissions (default: one per 25 submissions)
#   after --     options for both sbatch calls, e.g. --account=... --partition=...
#
# 1. Builds the kit and fills an offline Maven repository once, here on the login node (the compute nodes need no
#    network and no Maven: each task runs java with the class path written to .course/batch-grade.args).
# 2. Submits a job array of SHARDS tasks: task K grades shard K/SHARDS into OUT/gradebook-part-K-of-SHARDS.csv.
# 3. Submits the merge job, which runs after every task has ended and joins the parts into OUT/gradebook.csv
#    (it refuses, naming the shard, when a part is missing; rerun this script: finished submissions are not
#    graded again, so only what is missing or changed is).
#
# Environment: JAVA_HOME (else java on the PATH; JDK 17, 21 or 25), SHARD_CPUS (default 2), SHARD_MEM (default 4G),
# SHARD_MINUTES (default: 15 + 4 per submission of the largest expected shard), GRADE_OPTIONS (more BatchGrade options,
# e.g. --exclude-tags training), BATCH_ARGS_FILE (a class-path file made elsewhere: skips the build), WAIT=1 (this
# script returns when the merge job has ended, with its exit code).
# Measured on 2 cores (docs/instructors.md, "Grading a whole course"): a complete submission alone takes 2.5 to 3
# minutes and at most 1.7 GB, so 2 CPUs and 4G per task, and 4 minutes per submission leave room.
set -euo pipefail
usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then usage; exit 0; fi
if [ $# -lt 2 ]; then usage >&2; exit 2; fi
SUBMISSIONS="$(cd "$1" && pwd)"
mkdir -p "$2"
OUT="$(cd "$2" && pwd)"
shift 2
COUNT=$(find "$SUBMISSIONS" -mindepth 1 -maxdepth 1 -type d | wc -l)
SHARDS=$(( COUNT / 25 + 1 ))
if [ $# -gt 0 ] && [ "$1" != "--" ]; then SHARDS="$1"; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi
KIT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$KIT/release/slurm"

ARGS_FILE="${BATCH_ARGS_FILE:-}"
if [ -z "$ARGS_FILE" ]; then
  ARGS_FILE="$KIT/.course/batch-grade.args"
  mkdir -p "$KIT/.course"
  echo "building the kit and its offline Maven repository ($KIT/.course/maven-repository) ..."
  (cd "$KIT" && MAVEN_OPTS="-Dmaven.repo.local=$KIT/.course/maven-repository" \
    mvn -B -q -Pbatch -pl grader -am verify -DskipTests -Dbatch.args="--java-args-file $ARGS_FILE")
fi

PER_SHARD=$(( (COUNT + SHARDS - 1) / SHARDS ))
MINUTES="${SHARD_MINUTES:-$(( 15 + 4 * (PER_SHARD + PER_SHARD / 2) ))}" # the hash is not perfectly even: +50 %
CPUS="${SHARD_CPUS:-2}"
export KIT SUBMISSIONS OUT SHARDS ARGS_FILE
export GRADE_OPTIONS="${GRADE_OPTIONS:-}"
mkdir -p "$OUT/slurm-logs"
ARRAY=$(sbatch --parsable --array="0-$(( SHARDS - 1 ))" --cpus-per-task="$CPUS" --mem="${SHARD_MEM:-4G}" \
  --time="$MINUTES" --output="$OUT/slurm-logs/shard-%a.txt" --export=ALL "$@" "$HERE/shard.sbatch")
ARRAY="${ARRAY%%;*}"
echo "submitted job array $ARRAY: $SHARDS tasks for $COUNT submissions, $CPUS CPUs, ${SHARD_MEM:-4G} and $MINUTES min each"
echo "the merge job runs when they have ended; the gradebook will be $OUT/gradebook.csv (logs: $OUT/slurm-logs/)"
MERGE=$(sbatch --parsable --dependency="afterany:$ARRAY" --output="$OUT/slurm-logs/merge.txt" --export=ALL "$@" \
  "$HERE/merge.sbatch")
MERGE="${MERGE%%;*}"
echo "submitted merge job $MERGE"
if [ "${WAIT:-}" = 1 ]; then
  # polled each second (sbatch --wait polls at growing intervals, up to half a minute late)
  while scontrol show job "$MERGE" 2>/dev/null | grep -Eq 'JobState=(PENDING|CONFIGURING|RUNNING|COMPLETING)'; do
    sleep 1
  done
  code=$(scontrol show job "$MERGE" 2>/dev/null | grep -o ' ExitCode=[0-9]*' | cut -d= -f2)
  echo "the merge job ended with exit code ${code:-unknown}:"
  cat "$OUT/slurm-logs/merge.txt" 2>/dev/null || true
  exit "${code:-1}"
fi
