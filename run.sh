#!/usr/bin/env bash
# Runs Shipshape's main job on this machine. For now: the Echo service on http://127.0.0.1:${PORT:-8080}.
# Ctrl-C (or SIGTERM) stops it gracefully. Installs what is missing first; safe to run twice.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

port="${PORT:-8080}"
scripts/install-deps.sh run
dotnet build src/Echo/Echo.csproj -c Release --nologo --verbosity quiet -clp:NoSummary

url="http://127.0.0.1:$port"
cat >&2 <<MSG

  Echo is starting on $url (JSON log lines follow on stdout; Ctrl-C stops it)
  Try:     curl -s '$url/api?hello=world&hello=again&password=hidden-in-the-log'
  Health:  $url/healthz   Readiness: $url/readyz   Metrics: $url/metrics

MSG
exec dotnet src/Echo/bin/Release/net10.0/Echo.dll --urls "$url" --Echo:Shutdown:DrainDelay=00:00:00
