#!/usr/bin/env bash
# Runs every fuzz target in the module for a short time each.
# Usage: bench/fuzz.sh [DURATION] (default 15s).
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-15s}
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func \(Fuzz[A-Za-z0-9_]*\)' "$dir"/*_test.go 2>/dev/null | awk '{print $2}' | sort -u); do
    echo "== $pkg $target"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$t" "$pkg"
  done
done
