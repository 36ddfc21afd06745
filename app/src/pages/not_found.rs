//! The page for addresses Roster does not have.
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    crate::components::live::mark_live();
    view! {
        <main class="centered-page">
            <section class="card notice">
                <h1>"Page not found"</h1>
                <p>"There is nothing at this address."</p>
                <a class="button primary" href="/manage-users">"Go to Manage Users"</a>
            </section>
        </main>
    }
}
