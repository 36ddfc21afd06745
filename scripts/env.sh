# Sourced by the scripts: where builds go (outside the clone, reused between runs) and the
# tools on PATH.
ROSTER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/roster-target}"
export PATH="$ROSTER_ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export LEPTOS_OUTPUT_NAME=roster
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$ROSTER_ROOT/target/site}"
export LEPTOS_SITE_PKG_DIR=pkg
