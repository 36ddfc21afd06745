//! Roster: the Manage Users console of a health-coaching practice, shared by the server (ssr)
//! and the browser (hydrate).
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// The HTML document around the app. On the server it also sets the page's CSP with the nonce
/// Leptos puts on its hydration scripts.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    server::security::set_page_csp();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet id="leptos" options=options.clone()/>
                <HydrationScripts options/>
                <SplitLoaderPreload/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Fetches the split-code loader (`__wasm_split.*.js`, which the app's script imports) along
/// with the app's script rather than after it: the wasm cannot start until both are in.
/// Leptos links it itself only on pages that used split code while rendering, not on Manage
/// Users; the browser fetches a module linked twice once.
#[component]
fn SplitLoaderPreload() -> impl IntoView {
    use_context::<leptos::WasmSplitManifest>().map(|manifest| {
        let href = manifest
            .0
            .with_value(|(pkg, _, loader)| format!("{pkg}/{loader}"));
        view! { <link rel="modulepreload" href=href/> }
    })
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(components::notice::Flash(RwSignal::new(None)));
    // Set by the page's content once it is live in the browser (see components::live).
    let live = RwSignal::new(false);
    provide_context(components::live::Live(live));

    view! {
        <Title text="Roster"/>
        <Router>
            <div class="app" data-hydrated=move || live.get().then_some("true")>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path="/manage-users"/> }/>
                    <Route path=path!("/login") view={Lazy::<pages::LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users") view=pages::manage_users::ManageUsers ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/team") view={Lazy::<pages::TeamMembersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/add-clients") view={Lazy::<pages::AddClientsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/import-clients") view={Lazy::<pages::ImportClientsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/invite-clients") view={Lazy::<pages::InviteClientsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/add-team-members") view={Lazy::<pages::AddTeamMembersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/invite-team-members") view={Lazy::<pages::InviteTeamMembersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/sent-email") view={Lazy::<pages::SentEmailRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/audit-log") view={Lazy::<pages::AuditLogRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/clients") view={Lazy::<pages::MyClientsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/plan") view={Lazy::<pages::PlanRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account") view={Lazy::<pages::AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/register") view={Lazy::<pages::RegisterRoute>::new()}/>
                    <Route path=path!("/invitation") view={Lazy::<pages::InvitationRoute>::new()}/>
                    <Route path=path!("/join/:slug") view={Lazy::<pages::JoinRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </div>
        </Router>
    }
}
