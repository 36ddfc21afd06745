//! The page an invitation email links to: who invited whom, then the person's details and a
//! password. Completing it creates the account, active at once.
use crate::{
    api::{
        error::AppError,
        onboarding::{accept_invitation, get_invitation},
    },
    components::{
        form::{
            client_fields::{ClientFields, Show as ShowFields},
            text_field::NewPasswordField,
        },
        public_page::{fragment, PublicPage},
        today::today,
    },
    domain::{
        client_details::ClientDraft, password::Password, team::TeamMemberDraft, Field, Invalid,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AcceptInvitation() -> impl IntoView {
    let token = RwSignal::new(None::<String>);
    Effect::new(move |_| token.set(Some(fragment("token"))));
    let info = LocalResource::new(move || {
        let token = token.get();
        async move {
            match token {
                Some(token) if !token.is_empty() => Some(get_invitation(token).await),
                Some(_) => Some(Err(AppError::InvitationInvalid)),
                None => None,
            }
        }
    });
    let draft = RwSignal::new(ClientDraft::default());
    // A team member's invitation asks only for a name and a password.
    let team = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<Invalid>::new());
    let password = RwSignal::new(String::new());
    let form_error = RwSignal::new(None::<String>);
    let accept = Action::new(
        move |(token, draft, password): &(String, ClientDraft, String)| {
            accept_invitation(token.clone(), draft.clone(), password.clone())
        },
    );
    Effect::new(move |_| {
        if let Some(Err(error)) = accept.value().get() {
            let problems = error.row_errors(0);
            match error {
                AppError::Invalid(invalid) if invalid.field == Field::Password => {
                    errors.set(vec![invalid])
                }
                _ if !problems.is_empty() => errors.set(problems),
                other => form_error.set(Some(other.to_string())),
            }
        }
    });
    let done = move || matches!(accept.value().get(), Some(Ok(())));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        // The email is the invitation's own; a placeholder keeps the shared rules happy here.
        let typed = draft.get_untracked();
        let mut problems = if team.get_untracked() {
            TeamMemberDraft {
                first_name: typed.first_name,
                last_name: typed.last_name,
                email: "invitee@example.com".into(),
            }
            .parse()
            .err()
            .unwrap_or_default()
        } else {
            ClientDraft {
                email: "invitee@example.com".into(),
                ..typed
            }
            .parse(today())
            .err()
            .unwrap_or_default()
        };
        if let Err(invalid) = Password::parse(&password.get_untracked()) {
            problems.push(invalid);
        }
        errors.set(problems.clone());
        if problems.is_empty() {
            accept.dispatch((
                token.get_untracked().unwrap_or_default(),
                draft.get_untracked(),
                password.get_untracked(),
            ));
        }
    };
    let password_error = Signal::derive(move || {
        errors.with(|e| {
            e.iter()
                .find(|i| i.field == Field::Password)
                .map(|i| i.message.clone())
        })
    });
    view! {
        <Title text="Accept Invitation · Roster"/>
        <PublicPage heading="Accept Invitation">
            <Suspense fallback=|| view! { <p class="muted">"Checking your invitation…"</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        None => view! { <p class="muted">"Checking your invitation…"</p> }.into_any(),
                        Some(Err(error)) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                        Some(Ok(invitation)) => {
                            team.set(invitation.team);
                            let personal = !invitation.team;
                            view! {
                            <Show
                                when=done
                                fallback=move || view! {
                                    <p>{format!("{} invited {} to join Roster. Tell us about yourself and choose a password.", invitation.organization, invitation.email)}</p>
                                    <form class="stack" on:submit=on_submit novalidate>
                                        <ClientFields draft errors show=ShowFields { email: false, external_id: false, personal }/>
                                        <NewPasswordField value=password error=password_error/>
                                        {move || form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                                        <button type="submit" class="button primary wide" disabled=move || accept.pending().get()>"Accept Invitation"</button>
                                    </form>
                                }
                            >
                                <p role="status">"Your account is ready. Sign in with your email address and the password you just chose."</p>
                                <a class="button primary wide" href="/login">"Sign in"</a>
                            </Show>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}
