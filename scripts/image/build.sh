#!/usr/bin/env bash
# Builds src/Echo/Dockerfile's `jit` and `aot` targets on the local base images (prepare-bases.sh),
# prints their sizes and records them in $SHIPSHAPE_IMAGE_CACHE/state/images.env:
#   JIT_IMAGE, AOT_IMAGE, JIT_SIZE_MB, AOT_SIZE_MB, REVISION (+ the buildah storage paths).
# Images are tagged with a hash of everything that goes into them: when nothing changed, the build is
# skipped (only the revision label is brought up to date). Older Echo images are removed, so the
# storage holds the bases plus one jit and one aot image.
# No --layers: on vfs every cached layer is a full copy of the SDK (GBs, minutes); the input hash
# gives the cross-run caching instead.
set -euo pipefail
# shellcheck source=scripts/image/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_root
"$(dirname "${BASH_SOURCE[0]}")/prepare-bases.sh" >/dev/null
# shellcheck source=/dev/null
source "$IMAGE_STATE_DIR/bases.env"

REPO_NAME=localhost/shipshape/echo
VERSION="${VERSION:-0.0.0-local}"
REVISION="${REVISION:-$(git -C "$REPO_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)}"
INPUTS="$(cd "$REPO_ROOT" && {
  printf '%s\n' "$SDK_BASE" "$ASPNET_BASE" "$RUNTIME_DEPS_BASE" "$VERSION"
  find src/Echo .dockerignore global.json Directory.Build.props Directory.Packages.props \
    -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum
} | sha256sum | cut -c1-16)"

# Working containers left by interrupted runs only take room.
bah rm --all >/dev/null 2>&1 || true

build() { # target
  local image="$REPO_NAME:$1-$INPUTS" started=$SECONDS
  if bah inspect --type image "$image" >/dev/null 2>&1; then
    log "$image is up to date"
  else
    log "building target $1 as $image"
    bah bud --isolation chroot --quiet \
      -f "$REPO_ROOT/src/Echo/Dockerfile" --target "$1" \
      --build-arg SDK_IMAGE="$SDK_BASE" --build-arg AOT_SDK_IMAGE="$SDK_BASE" \
      --build-arg RUNTIME_IMAGE="$ASPNET_BASE" --build-arg RUNTIME_DEPS_IMAGE="$RUNTIME_DEPS_BASE" \
      --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" \
      -t "$image" "$REPO_ROOT" >/dev/null
    log "built $image in $((SECONDS - started)) s"
  fi
  local labelled
  labelled="$(bah inspect --type image --format '{{index .OCIv1.Config.Labels "org.opencontainers.image.revision"}}' "$image")"
  if [[ "$labelled" != "$REVISION" ]]; then
    # Same content, newer commit: only the label changes (one small commit, no rebuild).
    local ctr
    ctr="$(bah from --pull-never "$image")"
    bah config --label "org.opencontainers.image.revision=$REVISION" "$ctr"
    bah commit --quiet --rm "$ctr" "$image" >/dev/null
  fi
  bah tag "$image" "$REPO_NAME:$1"
}

build jit
build aot

# Storage stays bounded: drop Echo images of other inputs, and whatever became untagged.
# (:publish belongs to publish-container.sh, which replaces it on each run.)
bah images --noheading --format '{{.Name}}:{{.Tag}}' \
  | awk -v repo="$REPO_NAME" -v keep="$INPUTS" 'index($0, repo ":") == 1 && $0 !~ ("-" keep "$") && $0 !~ /:(jit|aot|publish)$/' \
  | while read -r old; do bah rmi -f "$old" >/dev/null 2>&1 || true; done
bah rmi --prune >/dev/null 2>&1 || true

JIT_SIZE_MB="$(image_size_mb "$REPO_NAME:jit")"
AOT_SIZE_MB="$(image_size_mb "$REPO_NAME:aot")"
for kv in "JIT_IMAGE=$REPO_NAME:jit" "AOT_IMAGE=$REPO_NAME:aot" "JIT_SIZE_MB=$JIT_SIZE_MB" \
  "AOT_SIZE_MB=$AOT_SIZE_MB" "REVISION=$REVISION" \
  "BUILDAH_ROOT=$IMAGE_STORAGE_ROOT" "BUILDAH_RUNROOT=$IMAGE_STORAGE_RUNROOT"; do
  state_set images.env "${kv%%=*}" "${kv#*=}"
done
printf 'image sizes (uncompressed): jit %s MB, aot %s MB\n' "$JIT_SIZE_MB" "$AOT_SIZE_MB"
