//! The registration page the registration-code email links to: the code (filled in from the
//! link), the date of birth the practice has on record (a team member's link asks for their
//! email address instead), and a new password.
use crate::{
    api::onboarding::register,
    components::{
        form::text_field::{NewPasswordField, TextField},
        public_page::{fragment, PublicPage},
        today::today,
    },
    domain::{password::Password, Field},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Register() -> impl IntoView {
    let code = RwSignal::new(String::new());
    let date_of_birth = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let team = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let password_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        code.set(fragment("code"));
        team.set(fragment("who") == "team");
    });
    let submit = Action::new(
        move |(code, date, email, password): &(String, String, String, String)| {
            register(code.clone(), date.clone(), email.clone(), password.clone())
        },
    );
    Effect::new(move |_| {
        if let Some(Err(error)) = submit.value().get() {
            match error {
                crate::api::error::AppError::Invalid(invalid)
                    if invalid.field == Field::Password =>
                {
                    password_error.set(Some(invalid.message));
                }
                other => form_error.set(Some(other.to_string())),
            }
        }
    });
    let done = move || matches!(submit.value().get(), Some(Ok(())));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        match Password::parse(&password.get_untracked()) {
            Err(invalid) => password_error.set(Some(invalid.message)),
            Ok(_) => {
                password_error.set(None);
                submit.dispatch((
                    code.get_untracked(),
                    date_of_birth.get_untracked(),
                    email.get_untracked(),
                    password.get_untracked(),
                ));
            }
        }
    };
    view! {
        <Title text="Register · Roster"/>
        <PublicPage heading="Finish registering">
            <Show
                when=done
                fallback=move || view! {
                    <p class="muted">
                        {move || if team.get() {
                            "Enter the registration code from your email, the email address it was sent to and the password you want to use."
                        } else {
                            "Enter the registration code from your email, your date of birth and the password you want to use."
                        }}
                    </p>
                    <form class="stack" on:submit=on_submit novalidate>
                        <TextField label="Registration Code" value=code on_input=Callback::new(move |v| code.set(v)) autocomplete="one-time-code"/>
                        {move || if team.get() {
                            view! { <TextField label="Email" input_type="email" autocomplete="email" value=email on_input=Callback::new(move |v| email.set(v))/> }.into_any()
                        } else {
                            view! { <TextField label="Date of Birth" input_type="date" max=Some(today().iso()) value=date_of_birth on_input=Callback::new(move |v| date_of_birth.set(v))/> }.into_any()
                        }}
                        <NewPasswordField value=password error=password_error/>
                        {move || form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                        <button type="submit" class="button primary wide" disabled=move || submit.pending().get()>"Register"</button>
                    </form>
                }
            >
                <p role="status">"You're registered. Sign in with your email address and the password you just chose."</p>
                <a class="button primary wide" href="/login">"Sign in"</a>
            </Show>
        </PublicPage>
    }
}
