#!/usr/bin/env bash
# P6's large run: a 1,000,000-instance synthetic study (no pixel data, ~7 KB headers, 20 series),
# generated on the fly, converted by ./dicom2fhir with the default writer under -Xmx1g, then deleted.
#
# Usage (from the repository root, after `./mvnw -B -q -pl cli,benchmarks -am package -DskipTests`):
#   benchmarks/scripts/million-instances.sh [SHAPE] [EXTRA_JVM_OPTS...]
# SHAPE defaults to 1000k (needs ~8 GB of disk in ${TMPDIR:-/tmp}, 2-5 minutes to write).
# Prints the summary line, wall time, peak RSS and the live heap after each full collection.
set -euo pipefail
cd "$(dirname "$0")/../.."
shape="${1:-1000k}"
shift || true
work="$(mktemp -d "${TMPDIR:-/tmp}/dicom2fhir-million.XXXXXX")"
trap 'rm -rf -- "$work"' EXIT

java -Xmx8g -cp benchmarks/target/benchmarks.jar org.dicom2fhir.benchmarks.GenerateStudy "$shape" "$work/study"
sync
echo "files: $(find "$work/study" -type f | wc -l), size: $(du -sh "$work/study" | cut -f1)" >&2

export DICOM2FHIR_JAVA_OPTS="-Xmx1g -Xlog:gc:file=$work/gc.log $*"
/usr/bin/time -v ./dicom2fhir --no-progress -o "$work/out.json" "$work/study" 2> "$work/stderr.txt" || {
  cat "$work/stderr.txt" >&2
  exit 1
}
grep -E '^converted' "$work/stderr.txt"
grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$work/stderr.txt"
echo "output: $(stat -c %s "$work/out.json") bytes"
echo "numberOfInstances in the output: $(grep -o '"numberOfInstances":[0-9]*' "$work/out.json" | head -1)"
full=$(grep -c 'Pause Full' "$work/gc.log" || true)
echo "full collections: $full"
grep 'Pause Full' "$work/gc.log" | sed -E 's/.*\) ([0-9]+)M->([0-9]+)M\(([0-9]+)M\).*/\2/' | sort -n | tail -1 \
  | sed 's/^/largest live heap after a full collection (MiB): /'
awk '/Pause/ { gsub("ms", "", $NF); t += $NF } END { printf "time in GC pauses: %.1f s\n", t / 1000 }' "$work/gc.log"
