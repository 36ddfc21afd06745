//! The browser entry point: hydrate the server-rendered page. Asynchronously, because pages
//! other than Manage Users are split out of the main wasm and hydrate once their code arrives.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
