#!/usr/bin/env bash
# The browser half of the benchmark (README, "Benchmark"): serves the release build on a fresh
# demo database and prints wasm + JS sizes and navigation-to-hydrated-table times.
# Needs `bash scripts/build-release.sh` first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
port="${E2E_PORT:-3300}"
E2E_PORT="$port" bash scripts/e2e-server.sh >/tmp/roster-measure-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
cd end2end
BASE_URL="http://127.0.0.1:$port" PKG_DIR="$LEPTOS_SITE_ROOT/pkg" node measure/browser.mjs
# PROFILE=1 also traces a few cold navigations and breaks their time down by kind of work.
if [ "${PROFILE:-0}" = 1 ]; then
  BASE_URL="http://127.0.0.1:$port" RUNS="${PROFILE_RUNS:-5}" node measure/profile.mjs
fi
