//! The Manage Users page: Administrators only. Its two tabs are two routes, so each loads only
//! its own code: the Clients tab (`/manage-users`, in the main wasm: the page admins open all
//! day) and the Team Members tab (`/manage-users/team`, loaded on demand: `team_members`).
use crate::{
    components::{clients_panel::ClientsPanel, live::mark_live, signed_in::SignedIn},
    domain::user::CurrentUser,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Redirect, hooks::use_query_map};

/// The Team Members tab's address.
pub const TEAM_PATH: &str = "/manage-users/team";

#[component]
pub fn ManageUsers() -> impl IntoView {
    // Part of the main wasm, so it hydrates with the app (or with no access).
    mark_live();
    // Addresses from before the tab had its own (`?tab=team&show=…`) still lead to it.
    let params = use_query_map();
    if let Some(team_query) = params.with_untracked(old_team_address) {
        return view! { <Redirect path=format!("{TEAM_PATH}{team_query}")/> }.into_any();
    }
    view! {
        <Title text="Manage Users · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <ManageUsersTabs team=false>
                <ClientsPanel/>
            </ManageUsersTabs>
        </SignedIn>
    }
    .into_any()
}

/// `?tab=team` with the Team Members tab's other parameters, as that tab's query string.
fn old_team_address(params: &leptos_router::params::ParamsMap) -> Option<String> {
    if params.get("tab").as_deref() != Some("team") {
        return None;
    }
    let mut rest = leptos_router::params::ParamsMap::new();
    for key in ["show", "q", "sort", "desc"] {
        if let Some(value) = params.get(key) {
            rest.insert(key, value);
        }
    }
    Some(rest.to_query_string())
}

/// The page's heading and its Clients / Team Members tabs around the chosen tab's panel.
#[component]
pub fn ManageUsersTabs(
    /// Whether the Team Members tab is the one shown.
    team: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <main class="content">
            <h1>"Manage Users"</h1>
            <div class="tabs" role="tablist" aria-label="User type">
                <a role="tab" href="/manage-users" class="tab" aria-selected=(!team).to_string()>"Clients"</a>
                <a role="tab" href=TEAM_PATH class="tab" aria-selected=team.to_string()>"Team Members"</a>
            </div>
            <section class="panel" role="tabpanel">{children()}</section>
        </main>
    }
}
