//! The Manage Users page: Administrators only. The Clients and Team Members tabs.
use crate::{
    components::{
        clients_panel::ClientsPanel, live::mark_live, signed_in::SignedIn, team_panel::TeamPanel,
    },
    domain::user::CurrentUser,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `?tab=team` shows the Team Members tab; without it, the Clients tab.
const TEAM_TAB: &str = "team";

/// Loads the split code the page in the browser was rendered with, before it hydrates: the
/// Team Members tab's view hydrates only if it is already there (Leptos's `Suspend` hydrates
/// synchronously). Other pages' code is the router's to load.
#[cfg(feature = "hydrate")]
pub async fn load_split_view() {
    let location = window().location();
    let on_team_tab = location
        .pathname()
        .is_ok_and(|path| path.trim_end_matches('/') == "/manage-users")
        && location.search().is_ok_and(|search| {
            let wanted = format!("tab={TEAM_TAB}");
            search
                .trim_start_matches('?')
                .split('&')
                .any(|pair| pair == wanted)
        });
    if on_team_tab {
        crate::components::team_panel::__preload_team_view().await;
    }
}

#[component]
pub fn ManageUsers() -> impl IntoView {
    // Part of the main wasm, so it hydrates with the app (whichever tab, or no access).
    mark_live();
    view! {
        <Title text="Manage Users · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <ManageUsersBody/>
        </SignedIn>
    }
}

#[component]
fn ManageUsersBody() -> impl IntoView {
    let params = use_query_map();
    let team = Memo::new(move |_| params.with(|p| p.get("tab").as_deref() == Some(TEAM_TAB)));
    view! {
        <main class="content">
            <h1>"Manage Users"</h1>
            <div class="tabs" role="tablist" aria-label="User type">
                <a role="tab" href="/manage-users" class="tab" aria-selected=move || (!team.get()).to_string()>"Clients"</a>
                <a role="tab" href="/manage-users?tab=team" class="tab" aria-selected=move || team.get().to_string()>"Team Members"</a>
            </div>
            <section class="panel" role="tabpanel">
                {move || if team.get() { view! { <TeamPanel/> }.into_any() } else { view! { <ClientsPanel/> }.into_any() }}
            </section>
        </main>
    }
}
