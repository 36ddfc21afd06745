//! The frame of the pages people reach without signing in (registration, invitations,
//! sign-up): the brand and one card.
use leptos::prelude::*;

/// The value of `key` in the page's `#key=value` fragment. Fragments never reach the server, so
/// codes and tokens in links stay out of its logs. Browser only; empty on the server.
pub fn fragment(key: &str) -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
        .unwrap_or_default()
        .to_string()
}

#[component]
pub fn PublicPage(#[prop(into)] heading: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <main class="centered-page login-page">
            <section class="card login-card public-card">
                <div class="brand brand-large">
                    <span class="brand-mark" aria-hidden="true">"R"</span>
                    <span>"Roster"</span>
                </div>
                <h1>{move || heading.get()}</h1>
                {children()}
            </section>
        </main>
    }
}
