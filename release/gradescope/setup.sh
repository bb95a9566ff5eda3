#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image: JDK 17, Maven, and every dependency
# of the kit, so grading runs offline.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven
cd /autograder/source
mvn -B -q -Pgrade -pl grader -am verify -DskipTests
