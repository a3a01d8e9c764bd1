#!/usr/bin/env bash
# Import benchmarks on synthetic files in the GTD and ACLED layouts, each
# reported as a ratio to a plain encoding/csv read of the same data measured
# in the same run. Usage: bench/run.sh [gtd|xlsx|acled ...] (default: all).
# GTD_ROWS and ACLED_ROWS change the sizes (defaults 200000 and 2000000).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
gtd_rows=${GTD_ROWS:-200000}
acled_rows=${ACLED_ROWS:-2000000}
which=${*:-gtd xlsx acled}

go build -o bin/dossier ./cmd/dossier
go build -o bin/gen ./bench/gen
go build -o bin/csvread ./bench/csvread

gen() { # layout rows file
  [ -s "$3" ] || { echo "generating $3 ($2 rows)"; bin/gen -layout "$1" -rows "$2" -o "$3"; }
}

# seconds and peak RSS (MiB) of a command, via GNU time
measure() {
  local log; log=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null
  read -r secs kib < "$log"; rm -f "$log"
  echo "$secs $((kib / 1024))"
}

report() { # name target_s baseline_s import_s rss_mib
  awk -v n="$1" -v t="$2" -v b="$3" -v s="$4" -v m="$5" 'BEGIN {
    printf "%-28s import %7.2f s (target < %s s)  encoding/csv %6.2f s  ratio %5.1fx  peak RSS %5d MiB\n", n, s, t, b, s / b, m }'
}

for w in $which; do
  case $w in
  gtd)
    f=$out/gtd_${gtd_rows}.csv; gen gtd "$gtd_rows" "$f"
    read -r base _ < <(measure bin/csvread "$f")
    rm -f "$out/gtd.duckdb"*
    read -r secs rss < <(measure bin/dossier import --quiet --db "$out/gtd.duckdb" "$f")
    report "GTD CSV ${gtd_rows} rows" 5 "$base" "$secs" "$rss" ;;
  xlsx)
    f=$out/gtd_${gtd_rows}.xlsx; gen gtd "$gtd_rows" "$f"
    c=$out/gtd_${gtd_rows}.csv; gen gtd "$gtd_rows" "$c"
    read -r base _ < <(measure bin/csvread "$c")
    rm -f "$out/xlsx.duckdb"*
    read -r secs rss < <(measure bin/dossier import --quiet --db "$out/xlsx.duckdb" "$f")
    report "GTD XLSX ${gtd_rows} rows" 30 "$base" "$secs" "$rss" ;;
  acled)
    f=$out/acled_${acled_rows}.csv; gen acled "$acled_rows" "$f"
    read -r base _ < <(measure bin/csvread "$f")
    rm -f "$out/acled.duckdb"*
    read -r secs rss < <(measure bin/dossier import --quiet --db "$out/acled.duckdb" "$f")
    report "ACLED CSV ${acled_rows} rows" 60 "$base" "$secs" "$rss"
    [ "$rss" -lt 1024 ] || echo "  peak memory over 1 GiB" ;;
  *) echo "unknown benchmark $w (gtd, xlsx, acled)"; exit 2 ;;
  esac
done
