#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image: JDK 17, Maven, and every dependency
# of the kit, so grading runs offline. AUTOGRADER_ROOT (default /autograder) exists for local tests, which
# skip the system packages (MAVEN_OPTS=-Dmaven.repo.local=DIR then fills an empty local repository).
# As root (Gradescope), it also makes the unprivileged user GRADING_USER (default resnetkit-grading) that
# run_autograder runs the grading JVM as, so code under grade cannot write the results whatever it does.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
GRADING_USER="${GRADING_USER:-resnetkit-grading}"
# the local Maven repository, readable by the grading user (root's home is not)
export MAVEN_OPTS="${MAVEN_OPTS:--Dmaven.repo.local=$ROOT/maven-repository}"
if [ -z "${AUTOGRADER_ROOT:-}" ]; then
  apt-get update
  apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven
fi
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then
  id -u "$GRADING_USER" >/dev/null 2>&1 || useradd --system --create-home --shell /usr/sbin/nologin "$GRADING_USER"
fi
cd "$ROOT/source"
mvn -B -q -Pgrade -pl grader -am verify -DskipTests
