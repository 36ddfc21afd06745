#!/usr/bin/env bash
# The release build that is tested, measured and served: hashed file names, split wasm, and a
# brotli and a gzip copy beside every file in /pkg.
#
# The wasm is built with its own standard library (`-Zbuild-std`, from the rust-src component)
# and panics that abort on the spot (`-Cpanic=immediate-abort`): the code that formats panic
# messages and the file paths they name leave the wasm, which makes the main file 9% smaller
# (472 -> 430 KB gzip). The cost: a panic in the browser shows as "RuntimeError: unreachable"
# in the console, without its message (debug builds keep the messages). These flags are
# unstable, so RUSTC_BOOTSTRAP=1 lets the machine's stable toolchain take them; they apply to
# this wasm build only, never to the server, clippy or the tests. ROSTER_PLAIN_STD=1 builds
# the wasm with the shipped standard library instead. `-Zlocation-detail=none` drops the file
# names and lines that panics would name (nothing prints them now): 2.5 KB gzip.
#
# wasm-opt gets `--low-memory-unused` beside cargo-leptos's own flags: Rust's data starts at
# 1 MiB, so the first 1 KiB of memory is never read or written, and wasm-opt may fold constant
# offsets into addresses (4 KB gzip off the main file).
#
# The wasm is built first (`--frontend-only`: hashes, split files, compressed copies), then the
# server (`--server-only`, which leaves the site as it is), because -Zbuild-std needs a target
# and the server build has none.
#
# cargo-leptos's --precompress writes its .gz copies with libflate, which leaves the main wasm
# 17% bigger than gzip -9 does (563 KB against 479 KB). A browser that does not take brotli
# gets those files, so they are written again with zopfli: the same gzip format any browser
# reads, searched harder, 4.6% smaller than gzip -9 for the main wasm (345 KB against 362 KB),
# in about 5 s. Its header carries no name or time, so the same input gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export LEPTOS_WASM_OPT_FEATURES="-Oz,--converge,--enable-bulk-memory,--enable-nontrapping-float-to-int,--low-memory-unused"
if [ "${ROSTER_PLAIN_STD:-0}" = 1 ]; then
  cargo leptos build --release --precompress --split --frontend-only
else
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
    cargo leptos build --release --precompress --split --frontend-only
fi
cargo leptos build --release --server-only
# wasm-split's loader names, in a comment above each shared chunk, every split function that
# needs it: 40% of the file, growing with each split function. The comments go, and the brotli
# copy is written again (the gzip copies below).
for js in "$LEPTOS_SITE_ROOT"/pkg/__wasm_split.*.js; do
  sed -i '/^\/\* .* \*\/$/d' "$js"
  node -e 'const fs = require("fs"), zlib = require("zlib"), file = process.argv[1];
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(fs.readFileSync(file), {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));' "$js"
done
# wasm-split moves each split page's read-only data (its text and markup) into that page's files
# unless it gives up on the segment (frontend's SPLIT_DATA_ROOM). If no split file has data,
# it gave up: every page's text would ship with the Clients page, so the build stops here.
python3 - "$LEPTOS_SITE_ROOT/pkg" <<'PY'
import glob, sys
def has_data(path):
    data, i = open(path, "rb").read(), 8
    while i < len(data):
        kind, size, shift, i = data[i], 0, 0, i + 1
        while True:
            byte, i = data[i], i + 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if kind == 11:
            return True
        i += size
    return False
split = [f for f in glob.glob(f"{sys.argv[1]}/*.wasm") if "/roster." not in f]
if split and not any(has_data(f) for f in split):
    sys.exit("wasm-split left all read-only data in the main wasm (see SPLIT_DATA_ROOM in frontend)")
PY
for gz in "$LEPTOS_SITE_ROOT"/pkg/*.gz; do
  zopfli -c "${gz%.gz}" >"$gz"
done
