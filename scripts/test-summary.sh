#!/usr/bin/env bash
# Sums the TRX results of every test project into one line: "N passed, N failed, N skipped".
# Fails when a test project left no results (it crashed or was not run).
# Usage: scripts/test-summary.sh RESULTS_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
results="${1:?usage: $0 RESULTS_DIR}"

projects=$(find tests -name '*.Tests.csproj' | wc -l)
shopt -s nullglob
trx_files=("$results"/*.trx)
passed=0 failed=0 skipped=0
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { grep -o " $1=\"[0-9]*\"" <<<"$counters" | grep -o '[0-9]*'; }
  total=$(value total) executed=$(value executed)
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + total - executed))
done
if ((${#trx_files[@]} < projects)); then
  echo "test-summary: $projects test projects but ${#trx_files[@]} result files in $results: a project did not report" >&2
  failed=$((failed + projects - ${#trx_files[@]}))
fi
echo "$passed passed, $failed failed, $skipped skipped"
