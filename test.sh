#!/usr/bin/env bash
# Runs every check and test of Shipshape, installing what is missing first. Safe to run twice.
# The last line is the sum over all test projects: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 ASPIRE_VERSION_CHECK_DISABLED=true

scripts/install-deps.sh test
scripts/scan-secrets.sh --self-test
scripts/scan-secrets.sh
scripts/publish-echo.sh all

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test Shipshape.slnx --logger trx --results-directory "$results" || status=$?
scripts/test-summary.sh "$results"
exit "$status"
