#!/usr/bin/env bash
# Clones the student repositories of a roster that belong to shard K of N into DEST/<repository name>, for the
# course workflow (.github/workflows/grade-course.yml); the folder's name is the submission's name in the gradebook.
#
#   release/actions/clone-shard.sh ROSTER K N DEST     (needs gh, GitHub's CLI, and GH_TOKEN)
#   release/actions/clone-shard.sh --list ROSTER K N   (prints the shard's repository names, clones nothing)
#
# ROSTER: one repository per line as owner/name (a GitHub Classroom assignment's repositories); blank lines and
# lines starting with # are skipped. The shard of a name is BatchGrade's (grader's Shard): the first 32 bits of the
# SHA-256 of the name, modulo N. A repository that cannot be cloned is named in a warning and left out.
set -euo pipefail
LIST=0
if [ "${1:-}" = "--list" ]; then LIST=1; shift; fi
if [ $# -lt 3 ] || { [ "$LIST" = 0 ] && [ $# -lt 4 ]; }; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" >&2
  exit 2
fi
ROSTER="$1"; K="$2"; N="$3"; DEST="${4:-}"
sha256() { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; }
shard_of() { local h; h=$(printf '%s' "$1" | sha256 | cut -c1-8); echo $(( 16#$h % N )); }
[ "$LIST" = 1 ] || mkdir -p "$DEST"
cloned=0
while IFS= read -r line || [ -n "$line" ]; do
  repo="$(printf '%s' "$line" | tr -d '[:space:]')"
  case "$repo" in ''|'#'*) continue ;; esac
  name="${repo##*/}"
  [ "$(shard_of "$name")" = "$K" ] || continue
  if [ "$LIST" = 1 ]; then echo "$name"; continue; fi
  if gh repo clone "$repo" "$DEST/$name" -- --depth 1 --quiet; then
    cloned=$((cloned + 1))
  else
    echo "::warning::could not clone $repo: it is not graded"
  fi
done < "$ROSTER"
[ "$LIST" = 1 ] || echo "cloned $cloned repositories of shard $K/$N into $DEST"
