//! A client's detail inputs bound to a `ClientDraft`: the Create New Clients rows, the
//! invitation form and the public sign-up page all use them.
use super::text_field::TextField;
use crate::{
    components::today::today,
    domain::{
        client_details::{message_for, ClientDraft},
        Field, Invalid, SexAtBirth,
    },
};
use leptos::prelude::*;

/// Which optional inputs to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Show {
    pub email: bool,
    pub external_id: bool,
    /// Date of birth and sex at birth: clients have them, team members do not.
    pub personal: bool,
}

#[component]
pub fn ClientFields(
    draft: RwSignal<ClientDraft>,
    errors: RwSignal<Vec<Invalid>>,
    show: Show,
) -> impl IntoView {
    let input = move |field: Field, input_type: &'static str, autocomplete: &'static str| {
        let max = (field == Field::DateOfBirth).then(|| today().iso());
        view! {
            <TextField
                label=field.label()
                input_type
                autocomplete
                max
                value=Signal::derive(move || draft.with(|d| d.value(field).to_string()))
                on_input=Callback::new(move |text| draft.update(|d| d.set(field, text)))
                error=Signal::derive(move || errors.with(|e| message_for(e, field)))
            />
        }
    };
    let sex_error = move || errors.with(|e| message_for(e, Field::SexAtBirth));
    view! {
        {input(Field::FirstName, "text", "given-name")}
        {input(Field::LastName, "text", "family-name")}
        {show.email.then(|| input(Field::Email, "email", "email"))}
        {show.personal.then(|| view! {
            {input(Field::DateOfBirth, "date", "bday")}
            <label class="field">
                <span>{Field::SexAtBirth.label()}</span>
                <SexSelect draft invalid=Signal::derive(move || sex_error().is_some())/>
                {move || sex_error().map(|m| view! { <span class="field-error">{m}</span> })}
            </label>
        })}
        {show.external_id.then(|| input(Field::ExternalId, "text", "off"))}
    }
}

/// The Sex at Birth choice of a `ClientDraft`, empty until chosen.
#[component]
pub fn SexSelect(
    draft: RwSignal<ClientDraft>,
    #[prop(into)] invalid: Signal<bool>,
) -> impl IntoView {
    view! {
        <select
            aria-label=Field::SexAtBirth.label()
            prop:value=move || draft.with(|d| d.sex_at_birth.clone())
            aria-invalid=move || invalid.get().then_some("true")
            on:change=move |ev| draft.update(|d| d.sex_at_birth = event_target_value(&ev))
        >
            <option value="">"Choose…"</option>
            {SexAtBirth::ALL
                .into_iter()
                .map(|s| view! { <option value=s.as_str()>{s.label()}</option> })
                .collect_view()}
        </select>
    }
}
