#!/usr/bin/env bash
# Publishes Echo as shipped: Release, framework-dependent (jit) and Native AOT (aot), into artifacts/echo/<flavour>.
# Warnings are errors, trim and AOT analysis warnings included, so a clean exit means zero such warnings.
# Usage: scripts/publish-echo.sh [jit|aot|all]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."

flavour="${1:-all}"
publish() {
  local name=$1
  shift
  rm -rf "artifacts/echo/$name"
  dotnet publish src/Echo/Echo.csproj -c Release -o "artifacts/echo/$name" -p:TreatWarningsAsErrors=true "$@" -nologo -clp:NoSummary
}

if [[ "$flavour" != jit ]] && ! command -v clang >/dev/null; then
  echo "publish-echo: Native AOT needs clang and zlib1g-dev; run scripts/install-deps.sh (or apt-get install clang zlib1g-dev)" >&2
  exit 1
fi

case "$flavour" in
  jit | all) publish jit -p:UseAppHost=false ;;&
  aot | all) publish aot -r linux-x64 -p:PublishAot=true ;;
  jit) ;;
  *) echo "usage: $0 [jit|aot|all]" >&2; exit 64 ;;
esac
