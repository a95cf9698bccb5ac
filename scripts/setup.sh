#!/usr/bin/env bash
# Installs everything Felix needs on a fresh Debian machine: the Debian packages the Python
# conformance decoder runs on, then the npm workspaces exactly as locked.
# With --test it also installs what the test suite drives: Debian's Chromium (browser tests of
# the client and the docs site) and the peers the benchmark compares with (nats-server, redis).
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(python3 python3-kaitaistruct python3-jsonschema)
if [ "${1:-}" = "--test" ]; then
  debian_packages+=(chromium nats-server redis-server)
fi
missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

# npm 11 on this machine writes lockfiles without the other platforms' optional packages
# (npm/cli#8320) and then its own `npm ci` refuses them. `npm install` installs the same locked
# versions and only fills in this platform's optional binaries, so it is the fallback.
if ! npm ci --no-audit --no-fund; then
  echo "setup: npm ci refused the lockfile; installing the locked versions with npm install" >&2
  npm install --no-audit --no-fund
fi
