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
    path, SsrMode,
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
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(components::notice::Flash(RwSignal::new(None)));
    // Only the browser runs effects: the attribute tells tests (and people) the page is live.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <Title text="Roster"/>
        <Router>
            <div class="app" data-hydrated=move || hydrated.get().then_some("true")>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path="/manage-users"/> }/>
                    <Route path=path!("/login") view=pages::login::Login ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users") view=pages::manage_users::ManageUsers ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/add-clients") view=pages::add_clients::AddClients ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/import-clients") view=pages::import_clients::ImportClients ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/invite-clients") view=pages::invite_clients::InviteClients ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/add-team-members") view=pages::add_team_members::AddTeamMembers ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/invite-team-members") view=pages::invite_team_members::InviteTeamMembers ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/sent-email") view=pages::sent_email::SentEmail ssr=SsrMode::Async/>
                    <Route path=path!("/manage-users/audit-log") view=pages::audit_log::AuditLog ssr=SsrMode::Async/>
                    <Route path=path!("/clients") view=pages::my_clients::MyClients ssr=SsrMode::Async/>
                    <Route path=path!("/plan") view=pages::plan::PlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=pages::account::Account ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=pages::register::Register/>
                    <Route path=path!("/invitation") view=pages::invitation::AcceptInvitation/>
                    <Route path=path!("/join/:slug") view=pages::join::Join ssr=SsrMode::Async/>
                </Routes>
            </div>
        </Router>
    }
}
