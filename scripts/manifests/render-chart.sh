#!/usr/bin/env bash
# Renders a Helm chart to standard output, as `helm install` would send it (helm template: no cluster).
# Usage: scripts/manifests/render-chart.sh CHART_DIR [VALUES_FILE...] [-- HELM_TEMPLATE_ARGS...]
# Environment: RELEASE (default: the chart's directory name), NAMESPACE (default: shipshape-system),
# HELM (default: tools/helm/helm, installed by scripts/install-deps.sh).
# Exit code: helm's (values rejected by values.schema.json or a template's fail: non-zero, message on stderr).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
helm="${HELM:-$root/tools/helm/helm}"
[[ -x "$helm" ]] || { echo "render-chart: $helm missing; run scripts/install-deps.sh" >&2; exit 2; }
(($#)) || { echo "usage: render-chart.sh CHART_DIR [VALUES_FILE...] [-- HELM_TEMPLATE_ARGS...]" >&2; exit 2; }

chart="$1"
shift
args=()
while (($#)) && [[ "$1" != -- ]]; do
  args+=(--values "$1")
  shift
done
[[ "${1:-}" == -- ]] && shift

exec "$helm" template "${RELEASE:-$(basename "$(cd "$chart" && pwd)")}" "$chart" --namespace "${NAMESPACE:-shipshape-system}" "${args[@]}" "$@"
