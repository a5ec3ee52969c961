#!/usr/bin/env bash
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file
# Shared settings for the image scripts; sourced, never run.
# Everything lives under SHIPSHAPE_IMAGE_CACHE (outside the repository) so repeated runs are fast
# and nothing of it can end up in a commit or a build context.

SHIPSHAPE_IMAGE_CACHE="${SHIPSHAPE_IMAGE_CACHE:-/var/tmp/shipshape-images}"
IMAGE_STORAGE_ROOT="$SHIPSHAPE_IMAGE_CACHE/storage"
IMAGE_STORAGE_RUNROOT="$SHIPSHAPE_IMAGE_CACHE/runroot"
IMAGE_STATE_DIR="$SHIPSHAPE_IMAGE_CACHE/state"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The services with an image, by kebab-case name: src/<Service>/Dockerfile (the name in PascalCase:
# log-archiver -> src/LogArchiver; build context: the repository root) and the Dockerfile targets
# build.sh makes of it, each tagged localhost/shipshape/<service>:<target>.
declare -gA IMAGE_TARGETS=([echo]="jit aot" [admission]="jit" [log-archiver]="jit")

log() { printf '[image] %s\n' "$*" >&2; }
die() { printf '[image] ERROR: %s\n' "$*" >&2; exit 1; }

require_root() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root (buildah with chroot isolation and debootstrap need it)"
}

# Installs the Debian packages that provide the given commands, running `apt-get update` once and
# only when something is missing. Arguments: command:package pairs.
ensure_commands() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# buildah on vfs with private storage; chroot isolation is the one that works without cgroups v2.
bah() {
  buildah --storage-driver vfs --root "$IMAGE_STORAGE_ROOT" --runroot "$IMAGE_STORAGE_RUNROOT" "$@"
}

# KEY=VALUE state shared with the tests.
state_set() {
  local file="$IMAGE_STATE_DIR/$1" key="$2" value="$3"
  mkdir -p "$IMAGE_STATE_DIR"
  touch "$file"
  grep -v "^$key=" "$file" >"$file.tmp" || true
  printf '%s=%s\n' "$key" "$value" >>"$file.tmp"
  mv "$file.tmp" "$file"
}

# Uncompressed size of a stored image in whole MB ("155 MB" is buildah's decimal unit).
image_size_mb() {
  # awk reads all lines (an image with two tags has two): `head` would SIGPIPE buildah under pipefail.
  bah images --noheading --format '{{.Size}}' "$1" | awk '
    NR > 1 { next }
    { n = $1; u = $2 }
    u == "kB" { n /= 1000 } u == "GB" { n *= 1000 } u == "B" { n /= 1000000 }
    END { printf "%d\n", n + 0.5 }'
}

# Selects a service of IMAGE_TARGETS: sets SERVICE, SERVICE_DOCKERFILE (relative to the repository
# root), SERVICE_TARGETS (array), SERVICE_REPO (image repository) and SERVICE_STATE (its state file).
use_service() {
  [[ -n "${IMAGE_TARGETS[$1]:-}" ]] || die "unknown service '$1' (known: ${!IMAGE_TARGETS[*]})"
  SERVICE="$1"
  local part parts project=""
  IFS=- read -r -a parts <<<"$1"
  for part in "${parts[@]}"; do project+="${part^}"; done
  SERVICE_DOCKERFILE="src/$project/Dockerfile"
  read -r -a SERVICE_TARGETS <<<"${IMAGE_TARGETS[$1]}"
  SERVICE_REPO="localhost/shipshape/$1"
  SERVICE_STATE="$1.env"
}

# What a Dockerfile takes from its build context: the sources of its COPY/ADD instructions without
# --from (one instruction per line), each once. An image's input hash covers exactly these files.
dockerfile_sources() {
  awk '($1 == "COPY" || $1 == "ADD") && $0 !~ /--from=/ { for (i = 2; i < NF; i++) if ($i !~ /^--/) print $i }' "$1" | sort -u
}
