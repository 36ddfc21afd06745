//! The sign-in page.
use crate::api::session::{get_current_user, SignIn};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

#[component]
pub fn Login() -> impl IntoView {
    let me = crate::api::load(|| (), |_| get_current_user());
    let sign_in = ServerAction::<SignIn>::new();
    let pending = sign_in.pending();
    let error = move || {
        sign_in
            .value()
            .get()
            .and_then(|result| result.err())
            .map(|e| e.to_string())
    };

    // Signed in: Administrators go to the console, Practitioners to their clients, Billing
    // Administrators to the plan, everyone else to their account. A full load,
    // so every resource starts from the new session.
    Effect::new(move |_| {
        if let Some(Ok(user)) = sign_in.value().get() {
            let _ = window().location().set_href(user.home());
        }
    });

    view! {
        <Title text="Sign in · Roster"/>
        <Suspense>
            {move || Suspend::new(async move {
                me.await.ok().flatten().map(|user| view! { <Redirect path=user.home()/> })
            })}
        </Suspense>
        <main class="centered-page login-page">
            <section class="card login-card">
                <div class="brand brand-large">
                    <span class="brand-mark" aria-hidden="true">"R"</span>
                    <span>"Roster"</span>
                </div>
                <h1>"Sign in"</h1>
                <p class="muted">"Manage your practice's clients and team members."</p>
                <ActionForm action=sign_in attr:class="stack">
                    <label class="field">
                        <span>"Email"</span>
                        <input type="email" name="email" autocomplete="username" required/>
                    </label>
                    <label class="field">
                        <span>"Password"</span>
                        <input type="password" name="password" autocomplete="current-password" required/>
                    </label>
                    {move || error().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
                    <button type="submit" class="button primary wide" disabled=pending>
                        {move || if pending.get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </ActionForm>
            </section>
        </main>
    }
}
