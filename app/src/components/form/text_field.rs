//! A labelled input with its validation message beside it.
use leptos::prelude::*;

#[component]
pub fn TextField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    /// The message shown under the input, marking it invalid.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional_no_strip)] max: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type=input_type
                autocomplete=autocomplete
                max=max
                prop:value=move || value.get()
                prop:disabled=move || disabled.get()
                aria-invalid=move || error.get().is_some().then_some("true")
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            {hint.map(|h| view! { <small class="muted">{h}</small> })}
            {move || error.get().map(|m| view! { <span class="field-error">{m}</span> })}
        </label>
    }
}

/// The new-password input of the public pages, with the password rule as its hint.
#[component]
pub fn NewPasswordField(
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <TextField
            label="Password"
            input_type="password"
            autocomplete="new-password"
            value=value
            on_input=Callback::new(move |v| value.set(v))
            error=error
            hint="At least 8 characters with upper case, lower case, a digit and a symbol."
        />
    }
}
