//! The browser entry point: hydrate the server-rendered page. Asynchronously, because pages
//! other than Manage Users are split out of the main wasm and hydrate once their code arrives;
//! split code inside Manage Users is loaded before hydration starts.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        app::pages::manage_users::load_split_view().await;
        leptos::mount::hydrate_lazy(app::App);
    });
}
