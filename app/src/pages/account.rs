//! My Account: the signed-in person's details, their name to correct and their password to
//! change. An archived account is shown read-only (and the server refuses changes anyway).
use crate::{
    api::account::{change_my_password, get_my_account, rename_me},
    components::{form::text_field::TextField, signed_in::SignedIn},
    domain::{client_details::message_for, password::Password, user::MyAccount, Field, Invalid},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Account() -> impl IntoView {
    view! {
        <Title text="My Account · Roster"/>
        <SignedIn>
            <AccountBody/>
        </SignedIn>
    }
}

#[component]
fn AccountBody() -> impl IntoView {
    let account = crate::api::load(|| (), |_| get_my_account());
    view! {
        <main class="content">
            <h1>"My Account"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match account.await {
                        Ok(me) => view! { <AccountDetails me/> }.into_any(),
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn AccountDetails(me: MyAccount) -> impl IntoView {
    let read_only = me.read_only();
    let version = RwSignal::new(me.version);
    let first = RwSignal::new(me.user.first_name.clone());
    let last = RwSignal::new(me.user.last_name.clone());
    let name_errors = RwSignal::new(Vec::<Invalid>::new());
    let name_status = RwSignal::new(None::<Result<String, String>>);
    let rename =
        Action::new(move |(v, f, l): &(i64, String, String)| rename_me(*v, f.clone(), l.clone()));
    Effect::new(move |_| match rename.value().get() {
        Some(Ok(updated)) => {
            version.set(updated.version);
            name_errors.set(Vec::new());
            name_status.set(Some(Ok("Success! Your name has been saved.".into())));
        }
        Some(Err(error)) => {
            let problems = error.row_errors(0);
            if problems.is_empty() {
                name_status.set(Some(Err(error.to_string())));
            } else {
                name_errors.set(problems);
            }
        }
        None => {}
    });
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let password_error = RwSignal::new(None::<String>);
    let password_status = RwSignal::new(None::<Result<String, String>>);
    let change =
        Action::new(move |(c, n): &(String, String)| change_my_password(c.clone(), n.clone()));
    Effect::new(move |_| match change.value().get() {
        Some(Ok(())) => {
            current.set(String::new());
            new.set(String::new());
            password_status.set(Some(Ok(
                "Success! Your password has been changed. Other devices have been signed out."
                    .into(),
            )));
        }
        Some(Err(error)) => password_status.set(Some(Err(error.to_string()))),
        None => {}
    });
    let status = |signal: RwSignal<Option<Result<String, String>>>| {
        move || {
            signal.get().map(|result| match result {
                Ok(text) => {
                    view! { <p class="notice-inline success" role="status">{text}</p> }.into_any()
                }
                Err(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
            })
        }
    };
    let disabled = Signal::derive(move || read_only);
    let details = [
        ("Email", me.user.email.clone()),
        ("Practice", me.user.organization.clone()),
        (
            Field::DateOfBirth.label(),
            me.date_of_birth.clone().unwrap_or_default(),
        ),
        (
            Field::SexAtBirth.label(),
            me.sex_at_birth
                .map(|s| s.label().to_string())
                .unwrap_or_default(),
        ),
    ];
    view! {
        {read_only.then(|| view! {
            <div class="notice-bar error" role="alert">
                "Your account is archived, so it is read-only: you can see your details but not change them. Contact your practice to reactivate it."
            </div>
        })}
        <div class="account-grid">
            <section class="card">
                <h2>"Details"</h2>
                <dl class="details">
                    {details.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
                <form class="stack" on:submit=move |ev| {
                    ev.prevent_default();
                    name_status.set(None);
                    rename.dispatch((version.get_untracked(), first.get_untracked(), last.get_untracked()));
                }>
                    <TextField label="First Name" value=first on_input=Callback::new(move |v| first.set(v)) disabled
                        error=Signal::derive(move || name_errors.with(|e| message_for(e, Field::FirstName)))/>
                    <TextField label="Last Name" value=last on_input=Callback::new(move |v| last.set(v)) disabled
                        error=Signal::derive(move || name_errors.with(|e| message_for(e, Field::LastName)))/>
                    {status(name_status)}
                    <button type="submit" class="button primary" disabled=move || read_only || rename.pending().get()>"Save"</button>
                </form>
            </section>
            <section class="card">
                <h2>"Password"</h2>
                <form class="stack" on:submit=move |ev| {
                    ev.prevent_default();
                    password_status.set(None);
                    match Password::parse(&new.get_untracked()) {
                        Err(invalid) => password_error.set(Some(invalid.message)),
                        Ok(_) => {
                            password_error.set(None);
                            change.dispatch((current.get_untracked(), new.get_untracked()));
                        }
                    }
                }>
                    <TextField label="Current password" input_type="password" autocomplete="current-password" value=current on_input=Callback::new(move |v| current.set(v)) disabled/>
                    <TextField label="New password" input_type="password" autocomplete="new-password" value=new on_input=Callback::new(move |v| new.set(v)) disabled error=password_error
                        hint="At least 8 characters with upper case, lower case, a digit and a symbol."/>
                    {status(password_status)}
                    <button type="submit" class="button primary" disabled=move || read_only || change.pending().get()>"Change Password"</button>
                </form>
            </section>
        </div>
    }
}
