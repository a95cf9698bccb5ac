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

# The benchmark compares durable publishes with JetStream fsyncing before each ack, which takes
# `sync_interval: always`, new in nats-server 2.10; Debian 12 ships 2.9. Debian 13's package (a
# static binary, needing only glibc 2.34) is fetched from Debian's archive, checked against its
# published SHA-256 and unpacked under .tmp/, without touching the system's packages.
if [ "${1:-}" = "--test" ]; then
  nats_version="2.10.27-1+b2"
  nats_sha256="6d913ac987b78734c08537c2adeb1526cf735f216173a9170d94b185fcfe6f8a"
  nats_dir=".tmp/debian/nats-server-${nats_version}"
  system_nats="$(nats-server --version 2>/dev/null || true)"
  if [[ ! "$system_nats" =~ v2\.([1-9][0-9])\. ]] && [ ! -x "$nats_dir/usr/sbin/nats-server" ] && [ "$(dpkg --print-architecture)" = amd64 ]; then
    mkdir -p .tmp/debian
    deb=".tmp/debian/nats-server_${nats_version}_amd64.deb"
    curl -fsSL -o "$deb" "http://deb.debian.org/debian/pool/main/n/nats-server/nats-server_${nats_version}_amd64.deb"
    echo "$nats_sha256  $deb" | sha256sum -c --quiet
    dpkg-deb -x "$deb" "$nats_dir"
    rm "$deb"
  fi
fi

# Exactly the locked install: `npm ci` never rewrites package-lock.json, and a lockfile it refuses
# is a bug to fix in the repository, not something to paper over with `npm install`. Set-up fails
# if it changed any tracked file (compared with the state before it, so local edits are allowed).
tree_state() { git status --porcelain --untracked-files=no 2>/dev/null | sort; git diff 2>/dev/null | sha256sum; }
before="$(tree_state)"
npm ci --no-audit --no-fund
if [ "$(tree_state)" != "$before" ]; then
  echo "setup: npm ci changed tracked files; the committed lockfile is not the one npm ci installs:" >&2
  git status --short --untracked-files=no >&2
  exit 1
fi
