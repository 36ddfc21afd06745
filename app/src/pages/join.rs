//! A practice's public sign-up page (/join/<practice>): a person asks to become a client and
//! waits until an Administrator accepts the request.
use crate::{
    api::onboarding::{get_sign_up_organization, request_to_join},
    components::{
        form::{
            client_fields::{ClientFields, Show as ShowFields},
            text_field::NewPasswordField,
        },
        public_page::PublicPage,
        today::today,
    },
    domain::{client_details::ClientDraft, password::Password, Field, Invalid},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn Join() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let organization = crate::api::load(move || slug.get(), get_sign_up_organization);
    let draft = RwSignal::new(ClientDraft::default());
    let errors = RwSignal::new(Vec::<Invalid>::new());
    let password = RwSignal::new(String::new());
    let form_error = RwSignal::new(None::<String>);
    let join = Action::new(
        move |(slug, draft, password): &(String, ClientDraft, String)| {
            request_to_join(slug.clone(), draft.clone(), password.clone())
        },
    );
    Effect::new(move |_| {
        if let Some(Err(error)) = join.value().get() {
            let problems = error.row_errors(0);
            match error {
                crate::api::error::AppError::Invalid(invalid) => errors.set(vec![invalid]),
                _ if !problems.is_empty() => errors.set(problems),
                other => form_error.set(Some(other.to_string())),
            }
        }
    });
    let done = move || matches!(join.value().get(), Some(Ok(())));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        let mut problems = draft
            .get_untracked()
            .parse(today())
            .err()
            .unwrap_or_default();
        if let Err(invalid) = Password::parse(&password.get_untracked()) {
            problems.push(invalid);
        }
        errors.set(problems.clone());
        if problems.is_empty() {
            join.dispatch((
                slug.get_untracked(),
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
        <Title text="Join · Roster"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match organization.await {
                    Err(_) => view! { <crate::pages::not_found::NotFound/> }.into_any(),
                    Ok(name) => view! {
                        <PublicPage heading=format!("Join {name}")>
                            <Show
                                when=done
                                fallback=move || view! {
                                    <p class="muted">"Ask to become a client. The practice reviews each request; you can sign in once they accept it."</p>
                                    <form class="stack" on:submit=on_submit novalidate>
                                        <ClientFields draft errors show=ShowFields { email: true, external_id: false, personal: true }/>
                                        <NewPasswordField value=password error=password_error/>
                                        {move || form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                                        <button type="submit" class="button primary wide" disabled=move || join.pending().get()>"Send Request"</button>
                                    </form>
                                }
                            >
                                <p role="status">"Thank you! Your request has been sent. You will get an email when the practice accepts it."</p>
                            </Show>
                        </PublicPage>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
