#!/usr/bin/env bash
# Playwright's web server: the release binary on a fresh SQLite file with known test accounts.
set -euo pipefail
source "$(dirname "$0")/env.sh"
dir="$(mktemp -d /tmp/roster-e2e.XXXXXX)"
export DATABASE_URL="sqlite://$dir/roster.db"
export LEPTOS_SITE_ADDR="127.0.0.1:${E2E_PORT:-3100}"
bin="$CARGO_TARGET_DIR/release/server"
"$bin" seed-demo --clients 60 >/dev/null
"$bin" create-admin --org "Harbor Health Coaching" --email e2e-admin@roster.example --password 'E2e-admin-pass1' --first Erin --last Admin >/dev/null
"$bin" create-admin --org "Harbor Health Coaching" --email e2e-columns@roster.example --password 'E2e-columns-pass1' --first Cal --last Columns >/dev/null
"$bin" create-admin --org "Harbor Health Coaching" --email e2e-export@roster.example --password 'E2e-export-pass1' --first Exa --last Porter >/dev/null
# A practice of its own whose only Administrator is its Owner (the team roles spec).
"$bin" create-admin --org "Solo Practice" --email e2e-solo@roster.example --password 'E2e-solo-pass1' --first Sol --last Owner >/dev/null
exec "$bin" serve
