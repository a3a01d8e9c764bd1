#!/usr/bin/env bash
# Load benchmark of `dossier serve`: a store of 200k synthetic GTD events,
# 32 concurrent clients for 30 s on a group profile with many events.
# Usage: bench/serve.sh   (ROWS, CLIENTS, DURATION, GROUP, PORT change the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
rows=${ROWS:-200000}
clients=${CLIENTS:-32}
duration=${DURATION:-30s}
group=${GROUP:-iskp}
port=${PORT:-18080}

make --no-print-directory build
go build -o bin/load ./bench/load
go build -o bin/gen ./bench/gen

csv=$out/gtd_${rows}.csv
db=$out/serve_${rows}.duckdb
[ -s "$csv" ] || { echo "generating $csv ($rows rows)"; bin/gen -layout gtd -rows "$rows" -o "$csv"; }
[ -s "$db" ] || { echo "importing $csv into $db"; bin/dossier import --quiet --db "$db" "$csv"; }

log=$out/serve.log
bin/dossier serve --db "$db" --addr "127.0.0.1:$port" >"$log.out" 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
url=http://127.0.0.1:$port
for _ in $(seq 1 100); do
  curl -fs "$url/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$url/healthz" >/dev/null || { echo "the server did not start:"; cat "$log"; exit 1; }
total=$(curl -fs "$url/api/v1/events?group=$group&limit=1" | sed -n 's/^  "total": \([0-9]*\),$/\1/p')
echo "events of $group: $total"
/usr/bin/time -f 'first profile request (computed, then cached): %e s' curl -fs -o /dev/null "$url/api/v1/groups/$group/profile"

bin/load -url "$url" -path "/api/v1/groups/$group/profile" -c "$clients" -d "$duration"
echo "target: over 500 requests/s, p99 under 100 ms, no errors (on 2 cores)"
