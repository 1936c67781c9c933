#!/usr/bin/env bash
# Issue 13's bounded-memory proof: `dicom2fhir batch` over a generated archive under -Xmx384m (default 20,000
# studies x 100 instances = 2,000,000 files, about 8 GB in ${TMPDIR:-/tmp}), recording the wall time, the peak RSS
# and the largest size of the on-disk store; then the largest single study that converts under -Xmx384m, by
# trying the sizes given in LARGEST (default "100000 200000 400000 800000").
#
# Usage (from the repository root, after `./mvnw -B -q -pl cli,benchmarks -am package -DskipTests`):
#   benchmarks/scripts/batch-memory.sh [STUDIES] [INSTANCES_PER_STUDY]
# Opt-in: not run by mvn verify. Deletes everything it generated.
set -euo pipefail
cd "$(dirname "$0")/../.."
studies="${1:-20000}"
instances="${2:-100}"
largest="${LARGEST:-100000 200000 400000 800000}"
jar=cli/target/dicom2fhir.jar
work="$(mktemp -d "${TMPDIR:-/tmp}/dicom2fhir-batch.XXXXXX")"
trap 'kill "${watcher:-0}" 2>/dev/null || true; rm -rf -- "$work"' EXIT

java -Xmx4g -cp benchmarks/target/benchmarks.jar org.dicom2fhir.benchmarks.GenerateArchive "$studies" "$instances" \
  "$work/archive"
sync
echo "archive: $(find "$work/archive" -type f | wc -l) files, $(du -sh "$work/archive" | cut -f1)" >&2

# the store's largest size, sampled every second while the run goes
( max=0; while sleep 1; do s=$(du -sb "$work/state" 2>/dev/null | cut -f1 || echo 0); [ "${s:-0}" -gt "$max" ] && max=$s \
  && echo "$max" > "$work/store-max"; done ) &
watcher=$!
/usr/bin/time -v java -Xmx384m -jar "$jar" batch -q --state "$work/state" -o "$work/out" "$work/archive" \
  2> "$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
kill "$watcher" 2>/dev/null || true
echo "batch of $studies x $instances under -Xmx384m:"
grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$work/stderr.txt"
echo "largest store size (bytes): $(cat "$work/store-max" 2>/dev/null || echo 0)"
echo "ImagingStudy.ndjson: $(wc -l < "$work/out/ImagingStudy.ndjson") lines, $(stat -c %s "$work/out/ImagingStudy.ndjson") bytes"
rm -rf -- "$work/archive" "$work/out" "$work/state"

for n in $largest; do
  mkdir -p "$work/one"
  java -Xmx4g -cp benchmarks/target/benchmarks.jar org.dicom2fhir.benchmarks.GenerateArchive 1 "$n" "$work/one" 2>/dev/null
  if /usr/bin/time -v java -Xmx384m -jar "$jar" batch -q --state "$work/one-state" -o "$work/one-out" "$work/one" \
      2> "$work/one-stderr.txt"; then
    echo "one study of $n instances under -Xmx384m: converted ($(grep -E 'Elapsed|Maximum resident' "$work/one-stderr.txt" | tr -s ' ' | tr '\n' ';'))"
  else
    echo "one study of $n instances under -Xmx384m: FAILED ($(grep -m1 -E 'OutOfMemory|error' "$work/one-stderr.txt" || true))"
    rm -rf -- "$work/one" "$work/one-state" "$work/one-out"
    break
  fi
  rm -rf -- "$work/one" "$work/one-state" "$work/one-out"
done
