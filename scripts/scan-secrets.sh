#!/usr/bin/env bash
# Fails when a tracked file holds a secret, private key, certificate or kubeconfig credentials
# (secretlint, recommended preset plus our patterns in .secretlintrc.json).
# --self-test first proves the scanner catches each kind, using throwaway material generated here.
set -euo pipefail
cd "$(dirname "$0")/.."

secretlint=node_modules/.bin/secretlint
[[ -x "$secretlint" ]] || { echo "scan-secrets: $secretlint missing; run scripts/install-deps.sh" >&2; exit 1; }

self_test() {
  local dir
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' RETURN
  openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=self-test -days 1 \
    -keyout "$dir/inline-key.txt" -out "$dir/inline-cert.txt" 2>/dev/null
  printf 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: %s\n' \
    "$(base64 -w0 "$dir/inline-key.txt")" >"$dir/admin.yaml"
  printf 'harmless\n' >"$dir/cluster.kubeconfig"
  printf 'aws_access_key_id = AKIA%s\naws_secret_access_key = %s\n' \
    "$(tr -dc 'A-Z2-7' </dev/urandom | head -c 16)" "$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 40)" >"$dir/credentials.ini"
  printf 'nothing to see here\n' >"$dir/clean.txt"
  local file rc failed=0
  # secretlint exits 1 for findings (2 for its own errors, which must not pass for a finding).
  for file in inline-key.txt inline-cert.txt admin.yaml cluster.kubeconfig credentials.ini clean.txt; do
    rc=0
    "$secretlint" --secretlintrc .secretlintrc.json --no-color "$dir/$file" >/dev/null 2>&1 || rc=$?
    if [[ $file == clean.txt && $rc != 0 ]] || [[ $file != clean.txt && $rc != 1 ]]; then
      echo "scan-secrets: self-test FAILED: $file gave exit code $rc" >&2
      failed=1
    fi
  done
  [[ $failed == 0 ]] && echo "scan-secrets: self-test passed (key, certificate, kubeconfig data, kubeconfig file, AWS key all reported; a clean file passes)"
  return "$failed"
}

if [[ "${1:-}" == --self-test ]]; then
  self_test
  exit
fi

mapfile -d '' files < <(git ls-files -z)
if "$secretlint" --secretlintrc .secretlintrc.json --no-color "${files[@]}"; then
  echo "scan-secrets: ${#files[@]} tracked files, no secrets"
else
  echo "scan-secrets: secrets found in tracked files (above); remove them from git and rotate them" >&2
  exit 1
fi
