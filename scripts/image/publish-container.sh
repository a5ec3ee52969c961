#!/usr/bin/env bash
# `dotnet publish -t:PublishContainer` without Docker and without a reachable registry:
#   1. starts a throwaway docker-registry on 127.0.0.1 (free port),
#   2. pushes the local aspnet base (prepare-bases.sh) to it,
#   3. publishes src/Echo as a container image into it (the .NET SDK's own image builder),
#   4. checks the image config with skopeo (numeric non-root user, entrypoint, port 8080),
#   5. pulls the image into the local buildah storage as localhost/shipshape/echo:publish,
#   6. stops the registry and deletes its data (also on failure).
# Records PUBLISH_IMAGE and PUBLISH_SIZE_MB in $SHIPSHAPE_IMAGE_CACHE/state/echo.env (beside build.sh's).
set -euo pipefail
# shellcheck source=scripts/image/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

use_service echo
require_root
ensure_commands docker-registry:docker-registry skopeo:skopeo jq:jq curl:curl ss:iproute2
"$(dirname "${BASH_SOURCE[0]}")/prepare-bases.sh" >/dev/null
# shellcheck source=/dev/null
source "$IMAGE_STATE_DIR/bases.env"

PUBLISH_IMAGE="$SERVICE_REPO:publish"
WORK="$(mktemp -d "$SHIPSHAPE_IMAGE_CACHE/registry.XXXXXX")"
REGISTRY_PID=""
stop_registry() {
  if [[ -n "$REGISTRY_PID" ]] && kill -0 "$REGISTRY_PID" 2>/dev/null; then
    kill -TERM "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
  fi
  REGISTRY_PID=""
  rm -rf "$WORK"
}
trap stop_registry EXIT

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_registry() {
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$((30000 + RANDOM % 30000))
    port_in_use "$port" && continue
    cat >"$WORK/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YML
    docker-registry serve "$WORK/config.yml" >"$WORK/registry.log" 2>&1 &
    REGISTRY_PID=$!
    for _ in $(seq 50); do
      if curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1; then
        REGISTRY="127.0.0.1:$port"
        log "registry on $REGISTRY (attempt $attempt)"
        return 0
      fi
      kill -0 "$REGISTRY_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -TERM "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
    REGISTRY_PID=""
  done
  cat "$WORK/registry.log" >&2 || true
  die "docker-registry did not start"
}

start_registry
BASE_REF="$REGISTRY/shipshape-base/aspnet:${ASPNET_BASE##*:}"
log "pushing $ASPNET_BASE to $BASE_REF"
bah push --quiet --tls-verify=false "$ASPNET_BASE" "docker://$BASE_REF" >/dev/null

log "dotnet publish -t:PublishContainer"
DOTNET_CONTAINER_INSECURE_REGISTRIES="$REGISTRY" dotnet publish "$REPO_ROOT/src/Echo/Echo.csproj" \
  -c Release -r linux-x64 --no-self-contained --disable-build-servers -nologo -v:q \
  --artifacts-path "$SHIPSHAPE_IMAGE_CACHE/publish-artifacts" \
  -t:PublishContainer \
  -p:ContainerRegistry="$REGISTRY" \
  -p:ContainerBaseImage="$BASE_REF" \
  -p:ContainerRepository=shipshape/echo \
  -p:ContainerImageTags=publish >&2

PUSHED="docker://$REGISTRY/shipshape/echo:publish"
CONFIG="$(skopeo inspect --tls-verify=false --config "$PUSHED")"
user="$(jq -r '.config.User // ""' <<<"$CONFIG")"
entrypoint="$(jq -c '.config.Entrypoint // []' <<<"$CONFIG")"
ports="$(jq -c '.config.ExposedPorts // {} | keys' <<<"$CONFIG")"
log "published image: user=$user entrypoint=$entrypoint ports=$ports"
[[ "$user" =~ ^[0-9]+(:[0-9]+)?$ && "${user%%:*}" != 0 ]] || die "image user '$user' is not a numeric non-root user"
[[ "$entrypoint" != "[]" && "$entrypoint" != *'"sh"'* && "$entrypoint" != *'/bin/sh'* ]] \
  || die "image entrypoint $entrypoint needs a shell or is missing"
[[ "$ports" == *'"8080/tcp"'* ]] || die "image does not expose 8080/tcp (ports: $ports)"

bah rmi -f "$PUBLISH_IMAGE" >/dev/null 2>&1 || true
bah pull --quiet --tls-verify=false "$PUSHED" >/dev/null
bah tag "$REGISTRY/shipshape/echo:publish" "$PUBLISH_IMAGE"
bah rmi "$REGISTRY/shipshape/echo:publish" >/dev/null
stop_registry

PUBLISH_SIZE_MB="$(image_size_mb "$PUBLISH_IMAGE")"
state_set "$SERVICE_STATE" PUBLISH_IMAGE "$PUBLISH_IMAGE"
state_set "$SERVICE_STATE" PUBLISH_SIZE_MB "$PUBLISH_SIZE_MB"
printf 'PublishContainer image %s: %s MB (uncompressed), user %s\n' "$PUBLISH_IMAGE" "$PUBLISH_SIZE_MB" "$user"
