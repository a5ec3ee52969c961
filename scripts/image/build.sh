#!/usr/bin/env bash
# Builds a service's image from its Dockerfile on the local base images (prepare-bases.sh):
#   scripts/image/build.sh [SERVICE]     SERVICE: echo (the default), admission or log-archiver
#   echo          src/Echo/Dockerfile targets jit and aot  -> localhost/shipshape/echo:jit, :aot
#   admission     src/Admission/Dockerfile target jit      -> localhost/shipshape/admission:jit
#   log-archiver  src/LogArchiver/Dockerfile target jit    -> localhost/shipshape/log-archiver:jit
# Prints the sizes and records them in $SHIPSHAPE_IMAGE_CACHE/state/<service>.env:
#   <TARGET>_IMAGE and <TARGET>_SIZE_MB for each target (JIT_IMAGE, AOT_SIZE_MB, ...), REVISION
#   (+ the buildah storage paths).
# Images are tagged with a hash of everything that goes into them (the bases, VERSION, and the files
# the Dockerfile copies from the build context): when nothing changed, the build is skipped (only the
# revision label is brought up to date). Older images of the service are removed, so the storage
# holds the bases plus one image per target of each service. Do not run two builds at once: each
# removes the working containers it finds.
# No --layers: on vfs every cached layer is a full copy of the SDK (GBs, minutes); the input hash
# gives the cross-run caching instead.
set -euo pipefail
# shellcheck source=scripts/image/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

use_service "${1:-echo}"
require_root
"$(dirname "${BASH_SOURCE[0]}")/prepare-bases.sh" >/dev/null
# shellcheck source=/dev/null
source "$IMAGE_STATE_DIR/bases.env"

DOCKERFILE="$REPO_ROOT/$SERVICE_DOCKERFILE"
[[ -f "$DOCKERFILE" ]] || die "no Dockerfile at $DOCKERFILE"
VERSION="${VERSION:-0.0.0-local}"
REVISION="${REVISION:-$(git -C "$REPO_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)}"
mapfile -t SOURCES < <(dockerfile_sources "$DOCKERFILE")
INPUTS="$(cd "$REPO_ROOT" && {
  printf '%s\n' "$SDK_BASE" "$ASPNET_BASE" "$RUNTIME_DEPS_BASE" "$VERSION"
  find "$SERVICE_DOCKERFILE" .dockerignore "${SOURCES[@]}" \
    -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -zu | xargs -0 sha256sum
} | sha256sum | cut -c1-16)"

# The local bases, for the base-image arguments this Dockerfile declares (no "not consumed" warnings).
BASE_ARGS=()
for kv in "SDK_IMAGE=$SDK_BASE" "AOT_SDK_IMAGE=$SDK_BASE" "RUNTIME_IMAGE=$ASPNET_BASE" "RUNTIME_DEPS_IMAGE=$RUNTIME_DEPS_BASE"; do
  if grep -q "^ARG ${kv%%=*}=" "$DOCKERFILE"; then BASE_ARGS+=(--build-arg "$kv"); fi
done

# Working containers left by interrupted runs only take room.
bah rm --all >/dev/null 2>&1 || true

build() { # target
  local image="$SERVICE_REPO:$1-$INPUTS" started=$SECONDS
  if bah inspect --type image "$image" >/dev/null 2>&1; then
    log "$image is up to date"
  else
    local build_log="$IMAGE_STATE_DIR/build-$SERVICE-$1.log"
    log "building target $1 of $SERVICE_DOCKERFILE as $image"
    if ! bah bud --isolation chroot \
      -f "$DOCKERFILE" --target "$1" "${BASE_ARGS[@]}" \
      --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" \
      -t "$image" "$REPO_ROOT" >"$build_log" 2>&1; then
      tail -n 40 "$build_log" >&2
      die "building target $1 of $SERVICE_DOCKERFILE failed (whole output: $build_log)"
    fi
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
  bah tag "$image" "$SERVICE_REPO:$1"
}

for target in "${SERVICE_TARGETS[@]}"; do build "$target"; done

# Storage stays bounded: drop this service's images of other inputs, and whatever became untagged.
# (:publish belongs to publish-container.sh, which replaces it on each run.)
KEEP_TAGS="$(IFS='|'; echo "${SERVICE_TARGETS[*]}|publish")"
bah images --noheading --format '{{.Name}}:{{.Tag}}' \
  | awk -v repo="$SERVICE_REPO" -v keep="$INPUTS" -v tags="$KEEP_TAGS" \
      'index($0, repo ":") == 1 && $0 !~ ("-" keep "$") && $0 !~ (":(" tags ")$")' \
  | while read -r old; do bah rmi -f "$old" >/dev/null 2>&1 || true; done
bah rmi --prune >/dev/null 2>&1 || true

SIZES=""
for target in "${SERVICE_TARGETS[@]}"; do
  size="$(image_size_mb "$SERVICE_REPO:$target")"
  state_set "$SERVICE_STATE" "${target^^}_IMAGE" "$SERVICE_REPO:$target"
  state_set "$SERVICE_STATE" "${target^^}_SIZE_MB" "$size"
  SIZES+="${SIZES:+, }$target $size MB"
done
for kv in "REVISION=$REVISION" "BUILDAH_ROOT=$IMAGE_STORAGE_ROOT" "BUILDAH_RUNROOT=$IMAGE_STORAGE_RUNROOT"; do
  state_set "$SERVICE_STATE" "${kv%%=*}" "${kv#*=}"
done
printf '%s image sizes (uncompressed): %s\n' "$SERVICE" "$SIZES"
