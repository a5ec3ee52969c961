#!/usr/bin/env bash
# Lints a Helm chart strictly and checks every object it renders against the Kubernetes and CRD schemas,
# with its default values and with each ci/*-values.yaml profile.
# Usage: scripts/manifests/check-chart.sh CHART_DIR...
# Exit code: 0 when every profile of every chart lints and checks clean, 1 otherwise (details on stderr).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
helm="${HELM:-$root/tools/helm/helm}"
[[ -x "$helm" && -d "$root/node_modules/typescript" ]] || { echo "check-chart: helm or node_modules missing; run scripts/install-deps.sh" >&2; exit 2; }
(($#)) || { echo "usage: check-chart.sh CHART_DIR..." >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
rendered=()
for chart in "$@"; do
  name="$(basename "$(cd "$chart" && pwd)")"
  profiles=("")
  for file in "$chart"/ci/*-values.yaml; do [[ -e "$file" ]] && profiles+=("$file"); done
  for profile in "${profiles[@]}"; do
    label="$name${profile:+ with $(basename "$profile")}"
    values=()
    [[ -n "$profile" ]] && values=(--values "$profile")
    if ! "$helm" lint --strict "$chart" "${values[@]}" >"$work/lint.log" 2>&1; then
      echo "check-chart: helm lint --strict failed for $label:" >&2
      cat "$work/lint.log" >&2
      failed=1
    fi
    out="$work/$name${profile:+-$(basename "$profile" -values.yaml)}.yaml"
    if "$root/scripts/manifests/render-chart.sh" "$chart" ${profile:+"$profile"} >"$out"; then
      rendered+=("$out")
    else
      echo "check-chart: rendering failed for $label" >&2
      failed=1
    fi
  done
done
((${#rendered[@]})) && { node "$root/scripts/manifests/check-schemas.mjs" "${rendered[@]}" || failed=1; }
[[ $failed == 0 ]] && echo "check-chart: ${#rendered[@]} renders of $# chart(s) lint and check clean"
exit "$failed"
