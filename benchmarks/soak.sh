#!/usr/bin/env bash
# The soak (see SoakHarness): contexts started, hammered with random failures, delays, interrupts
# and cancellations, and closed with calls in flight, for the given seconds (default 600).
# Usage, from the repository root: benchmarks/soak.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl benchmarks -am -DskipTests package
java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.sturdy.benchmarks.soak.SoakHarness "${1:-600}"
