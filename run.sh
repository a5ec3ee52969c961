#!/usr/bin/env bash
# Runs Shipshape on this machine. Installs what is missing first; safe to run twice.
#   ./run.sh            the whole system (src/AppHost): 4 Echo replicas behind nginx, the admission webhook over TLS,
#                       the log archiver and a local S3 server, Prometheus with the chart's rules, Alertmanager, and
#                       the Aspire dashboard. Prints the URLs once everything is healthy. Ctrl-C stops it all.
#                       Settings: src/AppHost/appsettings.json, or arguments such as --Local:EntryPort=8081.
#   ./run.sh echo       Echo alone on http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 ASPIRE_VERSION_CHECK_DISABLED=true

scripts/install-deps.sh run

if [[ "${1:-}" == echo ]]; then
  port="${PORT:-8080}"
  dotnet build src/Echo/Echo.csproj -c Release --nologo --verbosity quiet -clp:NoSummary
  url="http://127.0.0.1:$port"
  cat >&2 <<MSG

  Echo is starting on $url (JSON log lines follow on stdout; Ctrl-C stops it)
  Try:     curl -s '$url/api?hello=world&hello=again&password=hidden-in-the-log'
  Health:  $url/healthz   Readiness: $url/readyz   Metrics: $url/metrics

MSG
  exec dotnet src/Echo/bin/Release/net10.0/Echo.dll --urls "$url" --Echo:Shutdown:DrainDelay=00:00:00
fi

# The dashboard on plain http on 127.0.0.1 (launch profile "http"): no developer certificate needed.
exec dotnet run --project src/AppHost --launch-profile http -- "$@"
