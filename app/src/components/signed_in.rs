//! The guard around every signed-in page: visitors go to sign-in; pages for some roles only tell
//! everyone else they don't have access (the server functions refuse them regardless).
use super::app_frame::AppFrame;
use crate::{
    api::{error::AppError, session::get_current_user},
    domain::user::CurrentUser,
};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn SignedIn(
    /// Who may see the page (`CurrentUser::is_admin`, say); anyone signed in when left out.
    #[prop(optional)]
    only: Option<fn(&CurrentUser) -> bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let me = crate::api::load(|| (), |_| get_current_user());
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(user)) if only.is_none_or(|allowed| allowed(&user)) => {
                        view! { <AppFrame user>{children.read_value()()}</AppFrame> }.into_any()
                    }
                    Ok(Some(user)) => {
                        let home = user.home();
                        view! { <AppFrame user><NoAccess home/></AppFrame> }.into_any()
                    }
                    Ok(None) | Err(AppError::Unauthenticated) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(error) => view! {
                        <main class="content"><p class="form-error" role="alert">{error.to_string()}</p></main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NoAccess(home: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    view! {
        <main class="content">
            <section class="card notice">
                <h1>"You don't have access to this page"</h1>
                <p>"What you can see in Roster depends on your roles: Administrators manage clients and team members, Practitioners see their clients, Billing Administrators see the plan. Ask an Administrator of your practice if you need access."</p>
                <a class="button primary" href=home>"Go to my start page"</a>
            </section>
        </main>
    }
}
