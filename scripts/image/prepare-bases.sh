#!/usr/bin/env bash
# Makes the local base images the Dockerfile builds on, without any container registry:
#   runtime-deps  Debian bookworm minbase + the native libraries .NET needs (the AOT base)
#   aspnet        runtime-deps + this machine's .NET runtime (dotnet muxer, host/, shared/)
#   sdk           runtime-deps + this machine's whole .NET folder + clang/zlib1g-dev for Native AOT
#                 + this machine's extra CA certificates (outbound HTTPS is re-signed here)
# Images are tagged with a hash of their inputs; a second run with the same inputs does nothing.
# Writes $SHIPSHAPE_IMAGE_CACHE/state/bases.env (RUNTIME_DEPS_BASE, ASPNET_BASE, SDK_BASE).
set -euo pipefail
# shellcheck source=scripts/image/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_root
ensure_commands buildah:buildah debootstrap:debootstrap skopeo:skopeo curl:curl sha256sum:coreutils

DOTNET_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"
[[ -x "$DOTNET_DIR/dotnet" && -d "$DOTNET_DIR/shared/Microsoft.AspNetCore.App" ]] \
  || die "no .NET with the ASP.NET Core runtime found at $DOTNET_DIR"
CA_DIR=/usr/local/share/ca-certificates
MIRROR="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
PACKAGES="ca-certificates,libicu72,libssl3,zlib1g,libstdc++6,libgcc-s1,tzdata"

# Everything that changes what the images contain goes into the key.
KEY="$({
  cat "${BASH_SOURCE[0]}"
  printf '%s\n' "$MIRROR" "$PACKAGES"
  ls -l --time-style=+%s "$DOTNET_DIR/host/fxr" "$DOTNET_DIR/shared"/* "$DOTNET_DIR/sdk"
  find "$CA_DIR" -type f -exec sha256sum {} + 2>/dev/null | sort
} | sha256sum | cut -c1-16)"
RUNTIME_DEPS_BASE="localhost/shipshape-base/runtime-deps:$KEY"
ASPNET_BASE="localhost/shipshape-base/aspnet:$KEY"
SDK_BASE="localhost/shipshape-base/sdk:$KEY"

mkdir -p "$IMAGE_STORAGE_ROOT" "$IMAGE_STORAGE_RUNROOT" "$IMAGE_STATE_DIR"
has_image() { bah inspect --type image "$1" >/dev/null 2>&1; }

if has_image "$RUNTIME_DEPS_BASE" && has_image "$ASPNET_BASE" && has_image "$SDK_BASE"; then
  log "base images $KEY are cached"
else
  WORK="$SHIPSHAPE_IMAGE_CACHE/work"
  rm -rf "$WORK"
  mkdir -p "$WORK/rootfs" "$WORK/ctx"
  # Interrupted runs must not leave a half-made root file system (with mounted /proc) behind.
  trap 'umount -R "$WORK/rootfs/proc" "$WORK/rootfs/sys" 2>/dev/null || true; rm -rf "$WORK"' EXIT

  if ! has_image "$RUNTIME_DEPS_BASE"; then
    log "debootstrap bookworm minbase from $MIRROR"
    debootstrap --variant=minbase --include="$PACKAGES" bookworm "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
      || { tail -n 30 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
    rm -rf "$WORK/rootfs/var/cache/apt/archives"/*.deb "$WORK/rootfs/var/lib/apt/lists"/* \
      "$WORK/rootfs/var/log"/*.log "$WORK/rootfs/usr/share/doc" "$WORK/rootfs/usr/share/man"
    # Same mirror for apt inside the images as on this machine.
    printf 'deb %s bookworm main\n' "$MIRROR" >"$WORK/rootfs/etc/apt/sources.list"
    tar --numeric-owner -C "$WORK/rootfs" -cf "$WORK/ctx/rootfs.tar" .
    cat >"$WORK/ctx/Containerfile" <<'CF'
FROM scratch
ADD rootfs.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    APP_UID=10001 \
    DOTNET_RUNNING_IN_CONTAINER=true
CMD ["/bin/bash"]
CF
    bah bud --isolation chroot --quiet -t "$RUNTIME_DEPS_BASE" "$WORK/ctx" >/dev/null
    log "built $RUNTIME_DEPS_BASE"
  fi

  if ! has_image "$ASPNET_BASE"; then
    cat >"$WORK/aspnet.Containerfile" <<CF
FROM $RUNTIME_DEPS_BASE
COPY --from=dotnet dotnet /usr/share/dotnet/dotnet
COPY --from=dotnet host /usr/share/dotnet/host
COPY --from=dotnet shared /usr/share/dotnet/shared
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_VERSION=local
CF
    bah bud --isolation chroot --quiet --build-context dotnet="$DOTNET_DIR" \
      -f "$WORK/aspnet.Containerfile" -t "$ASPNET_BASE" "$WORK/ctx" >/dev/null
    log "built $ASPNET_BASE"
  fi

  if ! has_image "$SDK_BASE"; then
    cat >"$WORK/sdk.Containerfile" <<CF
FROM $RUNTIME_DEPS_BASE
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang lld llvm zlib1g-dev binutils >/dev/null \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
COPY --from=dotnet . /usr/share/dotnet
COPY --from=cacerts . /usr/local/share/ca-certificates
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && update-ca-certificates >/dev/null
ENV NUGET_CERT_REVOCATION_MODE=offline \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CF
    bah bud --isolation chroot --quiet --build-context dotnet="$DOTNET_DIR" --build-context cacerts="$CA_DIR" \
      -f "$WORK/sdk.Containerfile" -t "$SDK_BASE" "$WORK/ctx" >/dev/null
    log "built $SDK_BASE"
  fi
fi

# Bases of earlier keys are no longer used by anything: drop them so storage stays bounded.
bah images --noheading --format '{{.Name}}:{{.Tag}}' | awk -v key="$KEY" '/^localhost\/shipshape-base\// && $0 !~ (":" key "$")' \
  | while read -r old; do log "removing old base $old"; bah rmi -f "$old" >/dev/null || true; done

state_set bases.env RUNTIME_DEPS_BASE "$RUNTIME_DEPS_BASE"
state_set bases.env ASPNET_BASE "$ASPNET_BASE"
state_set bases.env SDK_BASE "$SDK_BASE"
state_set bases.env BUILDAH_ROOT "$IMAGE_STORAGE_ROOT"
state_set bases.env BUILDAH_RUNROOT "$IMAGE_STORAGE_RUNROOT"
printf '%s\n' "$RUNTIME_DEPS_BASE" "$ASPNET_BASE" "$SDK_BASE"
