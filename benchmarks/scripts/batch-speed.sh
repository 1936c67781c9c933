#!/usr/bin/env bash
# Issue 13's speed figures for `dicom2fhir batch`, in one sitting (results and load averages under $OUT):
#  1. warm: BatchBenchmark on 1,000 studies x 100 instances against EndToEndBenchmark on one 100,000-instance
#     folder (the single-folder rate for the same number of instances), interleaved for ROUNDS rounds;
#  2. 10,000 single-instance studies (BatchBenchmark, archive 10000x1);
#  3. cold page cache (root only): BatchBenchmark's pipeline against its I/O probe, same reads in flight, by JMH
#     and in pairs seconds apart (ColdPairs: the steadier ratio on a machine whose cold reads change speed);
#  4. the shell loop users write today, `./dicom2fhir` once per study folder, against one `./dicom2fhir batch`,
#     over LOOP_STUDIES (default 1,000) small studies of 10 instances, whole processes.
# Usage (from the repository root, after `./mvnw -B -q -pl cli,benchmarks -am package -DskipTests`):
#   benchmarks/scripts/batch-speed.sh [ROUNDS]        (SKIP_JMH=1 / SKIP_COLD=1 / SKIP_LOOP=1 leave parts out)
# Opt-in, not run by mvn verify. Archives are generated once under ${TMPDIR:-/tmp}/dicom2fhir-bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-2}"
jar=benchmarks/target/benchmarks.jar
OUT="${OUT:-benchmarks/results/$(date -u +%Y-%m-%d)-batch}"
mkdir -p "$OUT"
load() { echo "$(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $1" | tee -a "$OUT/load.txt" >&2; }
jmh() { # name benchmark args...
  local name="$1"; shift
  java -jar "$jar" "$@" -rf json -rff "$OUT/$name.json" > "$OUT/$name.txt" 2>&1
  grep -E '^(Batch|EndToEnd)' "$OUT/$name.txt" | tail -2 | sed "s/^/$name: /"
}

load "start"
if [ -z "${SKIP_JMH:-}" ]; then
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="single batch"; else order="batch single"; fi
  for v in $order; do
    if [ "$v" = single ]; then
      jmh "warm-single-100k-r$r" EndToEndBenchmark -p shape=100k -p writer=hapi -f 1 -wi 2 -i 5 -w 1s -r 1s
    else
      jmh "warm-batch-1000x100-r$r" 'BatchBenchmark.batchToNdjson' -p archive=1000x100 -f 1 -wi 2 -i 5
    fi
  done
done
load "after warm"
jmh "studies-10000x1" 'BatchBenchmark.batchToNdjson' -p archive=10000x1 -f 1 -wi 8 -i 10 # 1 s operations: 8 to settle the JIT
load "after 10000x1"
fi
if [ -z "${SKIP_JMH:-}${SKIP_COLD:-}" ]; then
  jmh "cold-1000x100" 'BatchBenchmark' -p archive=1000x100 -p cache=cold -f 1 -wi 4 -i 5 # warm-ups: as ColdPairs' (its javadoc)
  java -cp "$jar" org.dicom2fhir.benchmarks.ColdPairs 1000x100 8 16 2>/dev/null | tee "$OUT/cold-pairs-1000x100.txt" | tail -1
  load "after cold"
fi
if [ -z "${SKIP_LOOP:-}" ]; then
  n="${LOOP_STUDIES:-1000}"
  work="$(mktemp -d "${TMPDIR:-/tmp}/dicom2fhir-loop.XXXXXX")"
  trap 'rm -rf -- "$work"' EXIT
  java -cp "$jar" org.dicom2fhir.benchmarks.GenerateArchive "$n" 10 "$work/archive" 2>/dev/null
  # builds the jar if needed and the launcher's class-data archive, outside the timings
  ./dicom2fhir -q -o "$work/first.json" "$(ls -d "$work"/archive/*/study* | head -1)"
  mkdir -p "$work/loop"
  load "loop start"
  start=$(date +%s.%N)
  i=0
  for d in "$work"/archive/*/study*; do
    i=$((i + 1))
    ./dicom2fhir -q -o "$work/loop/$i.json" "$d"
  done
  loop=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  ./dicom2fhir batch -q -o "$work/batch" "$work/archive"
  batch=$(echo "$(date +%s.%N) - $start" | bc)
  echo "loop of $i ./dicom2fhir runs: $loop s; one ./dicom2fhir batch: $batch s; ratio $(echo "$loop / $batch" | bc -l | cut -c1-6)" \
    | tee "$OUT/loop-vs-batch.txt"
  load "after loop"
fi
