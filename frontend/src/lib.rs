//! The browser entry point: hydrate the server-rendered page. Asynchronously, because pages
//! other than Manage Users' Clients tab are split out of the main wasm and hydrate once their
//! code arrives.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // The release wasm aborts on a panic without running a hook (scripts/build-release.sh).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}

/// Room for wasm-split to move read-only data into the split files. It regroups the read-only
/// segment by the file each piece of data goes to, each group starting on the segment's
/// alignment, and when that comes out even a few bytes longer than the original segment it
/// gives up and leaves the whole segment in the main file (it warns "Overlong segment 0"; the
/// text of every split page then ships with the Clients page: 39 KB, 14 KB gzip). This block
/// is read-only, unused, and so left out of every output file, but it counts towards the
/// original segment's length. 4 KiB covers the padding before a group (under 8 bytes: the
/// segment is 8-aligned) for 512 files; the build has about 100 with data.
#[used]
static SPLIT_DATA_ROOM: [u8; 4096] = [0xA5; 4096];
