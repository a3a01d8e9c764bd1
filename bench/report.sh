#!/usr/bin/env bash
# Benchmarks of profile, rank and gti on a database of 2 million events
# (ACLED layout, generated) plus the demo files, built once in bench/out.
# Usage: bench/report.sh [group ...] (groups profiled; default: iskp houthis).
# ACLED_ROWS changes the size.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
rows=${ACLED_ROWS:-2000000}
groups=${*:-iskp houthis}
db=$out/report_${rows}.duckdb

go build -o bin/dossier ./cmd/dossier
go build -o bin/gen ./bench/gen
csv=$out/acled_${rows}.csv
[ -s "$csv" ] || { echo "generating $csv"; bin/gen -layout acled -rows "$rows" -o "$csv"; }
if [ ! -s "$db" ]; then
  echo "importing $csv and the demo files into $db"
  bin/dossier import --quiet --db "$db" "$csv" testdata/demo/*
fi
echo "events: $(bin/dossier events --db "$db" --count)"
for g in $groups; do
  echo "profile $g: $(bin/dossier events --db "$db" --group "$g" --count) events name it"
  DOSSIER_BENCH_DB="$PWD/$db" DOSSIER_BENCH_GROUP=$g go test -run '^$' -bench 'Profile' -benchtime 3x ./report/ | grep Benchmark
done
DOSSIER_BENCH_DB="$PWD/$db" go test -run '^$' -bench 'Rank|GTI' -benchtime 10x ./report/ | grep Benchmark
