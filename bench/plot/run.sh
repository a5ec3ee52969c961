#!/usr/bin/env bash
# Draws the benchmarks' charts: RESULTS_DIR/{echo,admission,logs}.png from the .json beside
# them (bench/plot, ScottPlot); a results file that is not there is skipped.
#
#   bench/plot/run.sh [RESULTS_DIR]      # default: bench/results
#
# Needs the .NET SDK; installs Debian's fonts-dejavu-core when its fonts are missing (ScottPlot's
# SkiaSharp for Linux has no fontconfig, so the program loads DejaVu Sans from its files).
# Builds in bench/plot/bin and obj (ignored by git). The benchmarks' run.sh call it at their end.
set -euo pipefail

PLOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$PLOT_DIR/../.." && pwd)
RESULTS_DIR=$(realpath "${1:-$REPO_DIR/bench/results}")
FONT_DIR=/usr/share/fonts/truetype/dejavu

log() { printf '[plot %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

if [[ ! -f $FONT_DIR/DejaVuSans.ttf || ! -f $FONT_DIR/DejaVuSans-Bold.ttf ]]; then
  log "installing: fonts-dejavu-core"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-dejavu-core
fi
command -v dotnet >/dev/null || { log "error: the .NET SDK (dotnet) is needed"; exit 1; }

log "building bench/plot"
dotnet build "$PLOT_DIR/Plot.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet "$PLOT_DIR/bin/Release/net10.0/Plot.dll" "$RESULTS_DIR"
