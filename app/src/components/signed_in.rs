//! The guard around every signed-in page: visitors go to sign-in; pages for Administrators tell
//! everyone else they don't have access (the server functions refuse them regardless).
use super::app_frame::AppFrame;
use crate::api::{error::AppError, session::get_current_user};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn SignedIn(
    /// Only Administrators see the page.
    #[prop(optional)]
    admins_only: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let me = Resource::new(|| (), |_| get_current_user());
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(user)) if user.is_admin() || !admins_only => {
                        view! { <AppFrame user>{children.read_value()()}</AppFrame> }.into_any()
                    }
                    Ok(Some(user)) => view! { <AppFrame user><NoAccess/></AppFrame> }.into_any(),
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
                <a class="button primary" href="/account">"Go to My Account"</a>
            </section>
        </main>
    }
}
