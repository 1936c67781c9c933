#!/usr/bin/env bash
# Interleaved JMH: OLD jar vs NEW jar, ReaderBenchmark and EndToEndBenchmark at 10k, ROUNDS rounds,
# each round in the opposite order. JSON results per run in $OUT. Run from benchmarks/:
#   OLD=/path/to/old/benchmarks.jar scripts/jmh-interleave.sh 3
set -u
OLD=${OLD:?set OLD to the benchmarks.jar of the commit to compare against}
NEW=${NEW:-target/benchmarks.jar}
ROUNDS=${1:-3}
OUT=${OUT:-results/interleaved}; mkdir -p "$OUT"
OPTS="-f 1 -wi 2 -i 5 -w 2s -r 2s"
run() { # name jar bench params
  java -jar "$2" "$3" $OPTS $4 -rf json -rff "$OUT/$1.json" > "$OUT/$1.txt" 2>&1
  echo "$1 $(grep -E '^(Reader|EndToEnd)' "$OUT/$1.txt" | tail -1)"
}
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
  for v in $order; do
    jar=$OLD; [ "$v" = new ] && jar=$NEW
    run "reader-$v-$r" "$jar" ReaderBenchmark "-p shape=10k -t 1"
    run "e2e-$v-$r" "$jar" EndToEndBenchmark "-p shape=10k -p writer=hapi"
  done
done
