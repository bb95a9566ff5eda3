#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image: JDK 17, Maven, and every dependency
# of the kit, so grading runs offline. AUTOGRADER_ROOT (default /autograder) exists for local tests, which
# skip the system packages (MAVEN_OPTS=-Dmaven.repo.local=DIR then fills an empty local repository).
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
if [ -z "${AUTOGRADER_ROOT:-}" ]; then
  apt-get update
  apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven
fi
cd "$ROOT/source"
mvn -B -q -Pgrade -pl grader -am verify -DskipTests
