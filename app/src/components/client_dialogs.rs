//! The dialogs the Clients tab's action menu opens: "are you sure?" before deleting or
//! rejecting, the tag picker for "Add Tags", and "View Registration Code". Their code is loaded
//! when the first one opens (see `pages`).
use super::{
    clients_panel::{ClientsView, OpenDialog},
    dialog::Dialog,
};
use crate::{
    api::clients::view_registration_code,
    domain::{
        client_actions::{plural, ClientAction},
        TagName,
    },
};
use leptos::prelude::*;

#[component]
pub fn ClientDialogs(clients: ClientsView) -> impl IntoView {
    view! {
        <Suspense>
            {move || clients.dialog.get().map(|open| Suspend::new(dialog(clients, open)))}
        </Suspense>
    }
}

#[lazy]
fn dialog(clients: ClientsView, open: OpenDialog) -> AnyView {
    match open {
        OpenDialog::Confirm(action) => view! { <ConfirmAction clients action/> }.into_any(),
        OpenDialog::PickTags => view! { <TagPicker clients/> }.into_any(),
        OpenDialog::Code(id) => view! { <CodeDialog clients id/> }.into_any(),
    }
}

/// How many rows the current selection names, and whether there are more than that.
fn selected_count(clients: &ClientsView) -> (usize, bool) {
    let selection = clients.selection.get_untracked();
    if selection.all_matching() {
        clients
            .page
            .get_untracked()
            .and_then(Result::ok)
            .map(|p| (usize::try_from(p.matching).unwrap_or(0), p.capped))
            .unwrap_or((0, false))
    } else {
        (selection.len(), false)
    }
}

#[component]
fn ConfirmAction(clients: ClientsView, action: ClientAction) -> impl IntoView {
    let (count, more) = selected_count(&clients);
    let (title, explanation, button) = action.confirmation(count, more);
    let close = Callback::new(move |_| clients.dialog.set(None));
    view! {
        <Dialog title on_close=close>
            <p>{explanation}</p>
            <div class="dialog-actions">
                <button type="button" class="button ghost" on:click=move |_| close.run(())>"Cancel"</button>
                <button
                    type="button"
                    class="button danger"
                    disabled=move || clients.busy.get()
                    on:click=move |_| clients.run.run(action.clone())
                >
                    {button}
                </button>
            </div>
        </Dialog>
    }
}

/// Tick existing tags or create new ones, then add them all to the selected clients.
#[component]
fn TagPicker(clients: ClientsView) -> impl IntoView {
    let existing: Vec<String> = clients
        .tags
        .get_untracked()
        .and_then(Result::ok)
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.name)
        .collect();
    let options = RwSignal::new(existing);
    let chosen = RwSignal::new(Vec::<String>::new());
    let new_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let close = Callback::new(move |_| clients.dialog.set(None));
    let toggle = move |name: String| {
        chosen.update(|c| match c.iter().position(|n| *n == name) {
            Some(at) => {
                c.remove(at);
            }
            None => c.push(name),
        })
    };
    let create = move || match TagName::parse(&new_name.get_untracked()) {
        Ok(tag) => {
            let known = options
                .get_untracked()
                .into_iter()
                .find(|o| o.to_lowercase() == tag.key());
            let name = known.unwrap_or_else(|| {
                options.update(|o| o.push(tag.as_str().to_string()));
                tag.as_str().to_string()
            });
            if !chosen.get_untracked().contains(&name) {
                chosen.update(|c| c.push(name));
            }
            new_name.set(String::new());
            error.set(None);
        }
        Err(invalid) => error.set(Some(invalid.message)),
    };
    let submit = move || {
        let tags: Result<Vec<TagName>, _> = chosen
            .get_untracked()
            .iter()
            .map(|n| TagName::parse(n))
            .collect();
        match tags {
            Ok(tags) if !tags.is_empty() => clients.run.run(ClientAction::AddTags(tags)),
            Ok(_) => error.set(Some("Choose at least one tag.".into())),
            Err(invalid) => error.set(Some(invalid.message)),
        }
    };
    let (count, more) = selected_count(&clients);
    let intro = format!(
        "Choose tags for {}{}, or create a new tag.",
        plural(count, "selected client", "selected clients"),
        if more { " and more" } else { "" }
    );
    view! {
        <Dialog title="Add Tags" on_close=close>
            <p class="muted">{intro}</p>
            <fieldset class="tag-choices">
                <legend class="sr-only">"Tags"</legend>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|name| {
                            let key = name.clone();
                            let checked = move || chosen.with(|c| c.contains(&key));
                            let label = name.clone();
                            view! {
                                <label class="check-row">
                                    <input type="checkbox" prop:checked=checked on:change=move |_| toggle(name.clone())/>
                                    <span class="tag">{label}</span>
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            <div class="new-tag">
                <label class="field">
                    <span>"New tag"</span>
                    <input
                        type="text"
                        prop:value=new_name
                        on:input=move |ev| new_name.set(event_target_value(&ev))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                create();
                            }
                        }
                    />
                </label>
                <button type="button" class="button ghost" on:click=move |_| create()>"Create Tag"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="dialog-actions">
                <button type="button" class="button ghost" on:click=move |_| close.run(())>"Cancel"</button>
                <button
                    type="button"
                    class="button primary"
                    disabled=move || clients.busy.get() || chosen.with(Vec::is_empty)
                    on:click=move |_| submit()
                >
                    "Add Tags"
                </button>
            </div>
        </Dialog>
    }
}

/// Shows the client's current registration code, with a button to email it.
#[component]
fn CodeDialog(clients: ClientsView, id: i64) -> impl IntoView {
    let code = LocalResource::new(move || view_registration_code(id));
    let close = Callback::new(move |_| clients.dialog.set(None));
    view! {
        <Dialog title="Registration Code" on_close=close>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match code.await {
                        Ok(code) => view! {
                            <p>{format!("{} ({}) registers with this code and their date of birth:", code.client_name, code.email)}</p>
                            <output class="registration-code" aria-label="Registration code">{code.code}</output>
                            <p class="muted">{format!("It works once and expires on {}. Sending it again replaces it with a new code.", code.expires_on)}</p>
                        }
                        .into_any(),
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <div class="dialog-actions">
                <button type="button" class="button ghost" on:click=move |_| close.run(())>"Close"</button>
                <button
                    type="button"
                    class="button primary"
                    disabled=move || clients.busy.get()
                    on:click=move |_| clients.run.run(ClientAction::SendRegistrationCodes)
                >
                    "Send Registration Code"
                </button>
            </div>
        </Dialog>
    }
}
