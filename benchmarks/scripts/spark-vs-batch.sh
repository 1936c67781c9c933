#!/usr/bin/env bash
# Issue 17's figures: the Spark job against `dicom2fhir batch`, whole processes (results and load averages under
# $OUT):
#  1. start-up: one small study (samples/ct-chest), `./dicom2fhir batch -o` against
#     `./dicom2fhir-spark --master 'local[2]'`;
#  2. the 100,000-file archive (GenerateArchive 1000 x 100): batch against Spark local[2]: wall, files/s, peak RSS;
#  3. the same archive on a standalone cluster: a master and two workers of one core each (the Spark 3.5.9 home
#     the spark-it-3.5 tests build), the job jar submitted with SparkSubmit (what spark-submit runs);
#  4. the driver's listing of 10,000 local files: java.nio through core's scan (what the job does) against
#     Hadoop's FileSystem.listFiles.
# Hadoop's listing forks a process per file here (minutes for 10,000 files): one round; SKIP_LISTING=1 skips it.
# Usage (from the repository root, after `./mvnw -B -pl spark,spark-it-3.5,benchmarks,cli -am verify` or at least
# package plus one spark-it-3.5 test run for its Spark home):  benchmarks/scripts/spark-vs-batch.sh
# Opt-in, not run by mvn verify. Archives are generated once under ${TMPDIR:-/tmp}/dicom2fhir-bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
OUT="${OUT:-benchmarks/results/$(date -u +%Y-%m-%d)-spark}"
mkdir -p "$OUT"
work="${TMPDIR:-/tmp}/dicom2fhir-bench/spark"
mkdir -p "$work"
jar=benchmarks/target/benchmarks.jar
load() { echo "$(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $1" | tee -a "$OUT/load.txt" >&2; }
# name command...: wall seconds and peak RSS (KB) of the whole process
measure() {
  local name="$1"; shift
  /usr/bin/time -v -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$OUT/$name.time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$OUT/$name.time" | awk '{print $NF}')
  echo "$name: wall $wall, peak RSS $rss KB" | tee -a "$OUT/summary.txt"
}
lines() { cat "$@" 2>/dev/null | wc -l; }

archive="$work/archive-1000x100"
[ -d "$archive" ] || java -cp "$jar" org.dicom2fhir.benchmarks.GenerateArchive 1000 100 "$archive" 2>/dev/null
small="$work/archive-100x100"
[ -d "$small" ] || java -cp "$jar" org.dicom2fhir.benchmarks.GenerateArchive 100 100 "$small" 2>/dev/null
rm -rf "$work/out-"*
# builds outside the timings
./dicom2fhir batch -q -o "$work/out-warm" samples/ct-chest
./dicom2fhir-spark --master 'local[2]' -o "$work/out-warm-spark" samples/ct-chest 2>/dev/null

load "start-up"
measure startup-batch ./dicom2fhir batch -q -o "$work/out-startup-batch" samples/ct-chest
measure startup-spark ./dicom2fhir-spark --master 'local[2]' -o "$work/out-startup-spark" samples/ct-chest

load "100k batch"
measure 100k-batch ./dicom2fhir batch -q -o "$work/out-100k-batch" "$archive"
load "100k spark local[2]"
measure 100k-spark-local2 ./dicom2fhir-spark --master 'local[2]' -o "$work/out-100k-spark" "$archive"
echo "lines: batch $(lines "$work/out-100k-batch/ImagingStudy.ndjson"), spark $(lines "$work"/out-100k-spark/ImagingStudy-part-*)" \
  | tee -a "$OUT/summary.txt"

home="$ROOT/spark-it-3.5/target/spark-home-3.5.9"
if [ -d "$home/jars" ]; then
  flags=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
    --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
  port=$((20000 + RANDOM % 20000))
  pids=()
  java -Xmx512m "${flags[@]}" -cp "$home/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
    --port "$port" --webui-port 0 > "$OUT/cluster-master.log" 2>&1 &
  pids+=($!)
  sleep 8
  for i in 1 2; do
    mkdir -p "$work/cluster-work-$i"
    java -Xmx512m "${flags[@]}" -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
      --webui-port 0 --cores 1 --memory 1500m --work-dir "$work/cluster-work-$i" "spark://127.0.0.1:$port" \
      > "$OUT/cluster-worker-$i.log" 2>&1 &
    pids+=($!)
  done
  stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
  trap stop EXIT
  sleep 12
  job=$(ls spark/target/dicom2fhir-spark-*-job.jar)
  load "100k standalone, two workers"
  measure 100k-spark-standalone java -Xmx1g "${flags[@]}" -cp "$home/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "spark://127.0.0.1:$port" --conf spark.executor.memory=1g --class org.dicom2fhir.spark.Main "$job" \
    -o "$work/out-100k-cluster" "$archive"
  echo "lines: standalone $(lines "$work"/out-100k-cluster/ImagingStudy-part-*)" | tee -a "$OUT/summary.txt"
  stop
  trap - EXIT
fi

if [ -z "${SKIP_LISTING:-}" ]; then
load "listing"
cp="spark/target/classes:spark/target/test-classes:$(cat spark/target/classpath-runtime.txt):$(cat spark/target/classpath-spark.txt)"
java -cp "$cp" org.dicom2fhir.spark.ListingProbe "$small" 1 | tee "$OUT/listing.txt" | tee -a "$OUT/summary.txt"
fi
load "end"
# the recorded logs name the repository's folder, not this machine's path to it
find "$OUT" -type f -exec sed -i "s|$ROOT|<repository>|g" {} +
