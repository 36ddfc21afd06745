//! "Invite Team Member By Email": the roles the invitees will hold, their addresses and a
//! message (a default naming the organization, which the admin may change). Invitees wait under
//! Pending, with "Resend Invite", until they accept.
use crate::{
    api::{clients::get_onboarding, error::AppError, team::invite_team_members},
    components::{
        form::role_choices::RoleChoices,
        notice::{Flash, Notice},
        signed_in::SignedIn,
    },
    domain::{
        client_actions::plural, invitation::parse_addresses, team::parse_roles, user::CurrentUser,
        Role,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn InviteTeamMembers() -> impl IntoView {
    view! {
        <Title text="Invite Team Members · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <InviteForm/>
        </SignedIn>
    }
}

#[component]
fn InviteForm() -> impl IntoView {
    let onboarding = crate::api::load(|| (), |_| get_onboarding());
    let roles = RwSignal::new(vec![Role::Practitioner]);
    let addresses = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let roles_error = RwSignal::new(None::<String>);
    let address_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let flash = Flash::here();
    let navigate = use_navigate();
    let invite = Action::new(
        move |(addresses, roles, message): &(String, Vec<Role>, String)| {
            invite_team_members(addresses.clone(), roles.clone(), message.clone())
        },
    );
    Effect::new(move |_| match invite.value().get() {
        Some(Ok(count)) => {
            flash.set(Notice::Success(format!(
                "Success! {} sent. They appear under Pending until they accept.",
                plural(count, "invitation has been", "invitations have been")
            )));
            navigate("/manage-users/team?show=pending", Default::default());
        }
        Some(Err(AppError::Invalid(invalid))) if invalid.field == crate::domain::Field::Role => {
            roles_error.set(Some(invalid.message))
        }
        Some(Err(AppError::Invalid(invalid))) => address_error.set(Some(invalid.message)),
        Some(Err(AppError::InvalidRows(rows))) => {
            let messages: Vec<String> = rows.into_iter().map(|(_, e)| e.message).collect();
            address_error.set(Some(messages.join("; ")));
        }
        Some(Err(other)) => form_error.set(Some(other.to_string())),
        None => {}
    });
    Effect::new(move |_| {
        if let Some(Ok(info)) = onboarding.get() {
            if message.get_untracked().is_empty() {
                message.set(info.default_team_message);
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = roles.get_untracked();
        let role_problem = parse_roles(&chosen).err().map(|e| e.message);
        let address_problem = parse_addresses(&addresses.get_untracked())
            .err()
            .map(|problems| {
                problems
                    .into_iter()
                    .map(|e| e.message)
                    .collect::<Vec<_>>()
                    .join("; ")
            });
        roles_error.set(role_problem.clone());
        address_error.set(address_problem.clone());
        form_error.set(None);
        if role_problem.is_none() && address_problem.is_none() {
            invite.dispatch((addresses.get_untracked(), chosen, message.get_untracked()));
        }
    };
    view! {
        <main class="content">
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/manage-users/team">"Manage Users"</a>" / Invite Team Members"</nav>
            <h1>"Invite Team Member By Email"</h1>
            <section class="card form-card">
                <p class="muted">"Each person gets an email with a link to accept the invitation and choose a password. Their account is created only then; until they accept they are listed under Pending, where you can resend the invitation."</p>
                <form class="stack" on:submit=submit novalidate>
                    <RoleChoices roles=roles error=roles_error/>
                    <label class="field">
                        <span>"Email addresses"</span>
                        <textarea
                            rows="3"
                            placeholder="maya@example.com, luis@example.com"
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
                        <a class="button ghost" href="/manage-users/team">"Cancel"</a>
                        <button type="submit" class="button primary" disabled=move || invite.pending().get()>"Invite"</button>
                    </div>
                </form>
            </section>
        </main>
    }
}
