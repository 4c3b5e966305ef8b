#!/usr/bin/env bash
# What an application pays for Sturdy as it grows (see ScaleHarness): for N protected methods,
# compile time, context start, first calls, heap, against the same application with a no-op
# interceptor on each method, three runs each. Usage, from the repository root: benchmarks/scale.sh [N ...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100 1000 10000}")
./mvnw -q -pl benchmarks -am -DskipTests package
./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/scale.cp >/dev/null
deps=$(cat benchmarks/target/scale.cp):benchmarks/target/classes
work=benchmarks/target/scale
for n in ${sizes[@]}; do
  for variant in noop sturdy; do
    dir=$work/$variant-$n
    rm -rf "$dir" && mkdir -p "$dir/classes"
    java -cp "$deps" dev.sturdy.benchmarks.scale.ScaleHarness generate "$dir/src" "$n" "$variant"
    begin=$(date +%s%N)
    javac -nowarn -d "$dir/classes" -cp "$deps" -processorpath "$deps" $(find "$dir/src" -name '*.java') 2>&1 | grep -v '^Note:' || true
    end=$(date +%s%N)
    echo "$variant methods=$n compile_ms=$(( (end - begin) / 1000000 ))"
    for run in 1 2 3; do # start-up times vary by a few hundred ms from run to run: compare medians
      java -Xmx2g -cp "$dir/classes:$deps" dev.sturdy.benchmarks.scale.ScaleHarness measure "$n" "$variant"
    done
  done
done
