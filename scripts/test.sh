#!/usr/bin/env bash
# The whole test suite: formatting, clippy (server and wasm), Rust tests on SQLite and on
# PostgreSQL (a fresh database per test, dropped after), then the Playwright suite in Debian's
# Chromium against a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROSTER_NEED_CHROMIUM=1 bash scripts/setup.sh
source scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy: server"
cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings
step "clippy: browser (wasm32)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "Rust tests on SQLite"
cargo test -p app -p server --features app/ssr

PG_ADMIN_URL="${ROSTER_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  step "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
step "Rust tests on PostgreSQL"
ROSTER_TEST_POSTGRES="$PG_ADMIN_URL" cargo test -p app -p server --features app/ssr -- --test-threads 4

step "release build"
bash scripts/build-release.sh

step "Playwright (Debian Chromium, release build)"
cd end2end
npx playwright test
