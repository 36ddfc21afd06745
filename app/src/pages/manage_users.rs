//! The Manage Users page: Administrators only. Signed-out visitors go to sign-in; others see
//! a page saying they don't have access (the server functions refuse them regardless).
use crate::{
    api::{error::AppError, session::get_current_user},
    components::{app_frame::AppFrame, clients_panel::ClientsPanel, team_panel::TeamPanel},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Redirect, hooks::use_query_map};

#[component]
pub fn ManageUsers() -> impl IntoView {
    let me = Resource::new(|| (), |_| get_current_user());
    view! {
        <Title text="Manage Users · Roster"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(user)) if user.is_admin() => view! { <AppFrame user><ManageUsersBody/></AppFrame> }.into_any(),
                    Ok(Some(user)) => view! { <AppFrame user><NoAccess/></AppFrame> }.into_any(),
                    Ok(None) | Err(AppError::Unauthenticated) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(error) => view! { <main class="content"><p class="form-error" role="alert">{error.to_string()}</p></main> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NoAccess() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    view! {
        <main class="content">
            <section class="card notice">
                <h1>"You don't have access to Manage Users"</h1>
                <p>"Only team members with the Administrator role can manage clients and team members. Ask an Administrator of your practice if you need access."</p>
            </section>
        </main>
    }
}

#[component]
fn ManageUsersBody() -> impl IntoView {
    let params = use_query_map();
    let team = Memo::new(move |_| params.with(|p| p.get("tab").as_deref() == Some("team")));
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
