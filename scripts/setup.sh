#!/usr/bin/env bash
# Installs what building and testing Roster needs, skipping whatever is already there:
# the wasm target, rust-src, cargo-leptos, wasm-bindgen-cli, the end-to-end npm packages (with
# binaryen's wasm-opt), Debian's zopfli (the release build's gzip copies) and, when
# ROSTER_NEED_CHROMIUM=1, Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  log "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# The release wasm builds its own standard library from source (scripts/build-release.sh).
if ! rustup component list --installed | grep -q '^rust-src'; then
  log "adding the rust-src component"
  rustup component add rust-src
fi

if ! cargo leptos --version 2>/dev/null | grep -q '0.3.10'; then
  log "installing cargo-leptos 0.3.10 (the first time takes ~25 minutes)"
  cargo install --locked cargo-leptos@0.3.10
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q '0.2.129'; then
  log "installing wasm-bindgen-cli 0.2.129"
  cargo install --locked wasm-bindgen-cli --version 0.2.129
fi

if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  log "installing end-to-end packages (Playwright without its browser download, binaryen)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

packages=()
command -v zopfli >/dev/null || packages+=(zopfli)
if [ "${ROSTER_NEED_CHROMIUM:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  packages+=(chromium)
fi
if [ ${#packages[@]} -gt 0 ]; then
  log "installing Debian's ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi
