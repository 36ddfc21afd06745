//! "Invite Client By Email": several addresses at once and a message (a default that names the
//! organization, which the admin may change). Invitees wait under Pending until they complete
//! the form behind the link in their email.
use crate::{
    api::{
        clients::{get_onboarding, invite_clients},
        error::AppError,
    },
    components::{
        notice::{Flash, Notice},
        signed_in::SignedIn,
    },
    domain::{client_actions::plural, invitation::parse_addresses, user::CurrentUser},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn InviteClients() -> impl IntoView {
    view! {
        <Title text="Invite Clients · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <InviteForm/>
        </SignedIn>
    }
}

#[component]
fn InviteForm() -> impl IntoView {
    let onboarding = crate::api::load(|| (), |_| get_onboarding());
    let addresses = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let address_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let flash = Flash::here();
    let navigate = use_navigate();
    let invite = Action::new(move |(addresses, message): &(String, String)| {
        invite_clients(addresses.clone(), message.clone())
    });
    Effect::new(move |_| match invite.value().get() {
        Some(Ok(count)) => {
            flash.set(Notice::Success(format!(
                "Success! {} sent. They appear under Pending until they accept.",
                plural(count, "invitation has been", "invitations have been")
            )));
            navigate("/manage-users?show=pending", Default::default());
        }
        Some(Err(AppError::Invalid(invalid))) => address_error.set(Some(invalid.message)),
        Some(Err(AppError::InvalidRows(rows))) => {
            let messages: Vec<String> = rows.into_iter().map(|(_, e)| e.message).collect();
            address_error.set(Some(messages.join("; ")));
        }
        Some(Err(other)) => form_error.set(Some(other.to_string())),
        None => {}
    });
    // The default message names the organization; the admin edits it from there.
    Effect::new(move |_| {
        if let Some(Ok(info)) = onboarding.get() {
            if message.get_untracked().is_empty() {
                message.set(info.default_message);
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_addresses(&addresses.get_untracked()) {
            Err(problems) => {
                let messages: Vec<String> = problems.into_iter().map(|e| e.message).collect();
                address_error.set(Some(messages.join("; ")));
            }
            Ok(_) => {
                address_error.set(None);
                form_error.set(None);
                invite.dispatch((addresses.get_untracked(), message.get_untracked()));
            }
        }
    };
    view! {
        <main class="content">
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/manage-users">"Manage Users"</a>" / Invite Clients"</nav>
            <h1>"Invite Client By Email"</h1>
            <section class="card form-card">
                <p class="muted">"Each person gets an email with a link to create their account. Their account is created only when they complete it; until then they are listed under Pending."</p>
                <form class="stack" on:submit=submit novalidate>
                    <label class="field">
                        <span>"Email addresses"</span>
                        <textarea
                            rows="4"
                            placeholder="ada@example.com, grace@example.com"
                            aria-invalid=move || address_error.get().is_some().then_some("true")
                            prop:value=move || addresses.get()
                            on:input=move |ev| addresses.set(event_target_value(&ev))
                        ></textarea>
                        <small class="muted">"Separate addresses with commas, spaces or new lines."</small>
                        {move || address_error.get().map(|m| view! { <span class="field-error">{m}</span> })}
                    </label>
                    <label class="field">
                        <span>"Message"</span>
                        <textarea rows="5" prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                        <small class="muted">"The email adds the link to accept the invitation below your message."</small>
                    </label>
                    {move || form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <div class="form-actions">
                        <span class="toolbar-spacer"></span>
                        <a class="button ghost" href="/manage-users">"Cancel"</a>
                        <button type="submit" class="button primary" disabled=move || invite.pending().get()>"Invite"</button>
                    </div>
                </form>
            </section>
        </main>
    }
}
