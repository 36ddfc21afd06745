//! The browser entry point: hydrate the server-rendered page. Asynchronously, because pages
//! other than Manage Users are split out of the main wasm and hydrate once their code arrives.
//! The Team Members tab is split out too but hydrates synchronously, so a page opened on it
//! loads its code first.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let location = leptos::prelude::window().location();
    let on_team_tab = location
        .pathname()
        .is_ok_and(|p| p.trim_end_matches('/') == "/manage-users")
        && location.search().is_ok_and(|q| {
            q.trim_start_matches('?')
                .split('&')
                .any(|pair| pair == "tab=team")
        });
    wasm_bindgen_futures::spawn_local(async move {
        if on_team_tab {
            app::components::team_panel::__preload_team_view().await;
        }
        leptos::mount::hydrate_lazy(app::App);
    });
}
