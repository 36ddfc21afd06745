#!/usr/bin/env bash
# Builds Roster (release) and serves it at http://127.0.0.1:3000 on an embedded SQLite file
# (data/roster.db) with a demo organization; the admin login is printed on start-up.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build-release.sh
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
exec "$CARGO_TARGET_DIR/release/server" serve --demo
