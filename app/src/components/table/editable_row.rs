//! One client's row: a checkbox to select it, its visible cells, and a pencil button that turns
//! the row into inputs with Save and Cancel (Enter and Escape). A save made from an old version
//! is refused by the server; the row then shows the other person's version and keeps the typing.
use crate::{
    api::{
        clients::{get_client, update_client},
        error::AppError,
    },
    components::{
        clients_panel::ClientsView, form::client_fields::SexSelect, notice::Notice, today::today,
    },
    domain::{
        client_actions::PendingKind,
        client_details::{message_for, ClientDraft},
        user::Client,
        Column, Field, Invalid,
    },
};
use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

#[component]
pub fn EditableRow(client: Client, columns: Vec<Column>, clients: ClientsView) -> impl IntoView {
    let id = client.id;
    let name = client.full_name();
    let can_edit = client.is_editable();
    let span = columns.len() + 2;
    let saved = StoredValue::new(client);
    let is_editing = move || clients.editing.get() == Some(id);
    let draft = RwSignal::new(ClientDraft::default());
    let errors = RwSignal::new(Vec::<Invalid>::new());
    let version = RwSignal::new(0_i64);
    let theirs = RwSignal::new(None::<Client>);
    let row_error = RwSignal::new(None::<String>);
    let row = NodeRef::<html::Tr>::new();

    // Entering edit mode starts from the saved client and puts the cursor in the first input.
    Effect::new(move |was_editing: Option<bool>| {
        let editing = is_editing();
        if editing && was_editing != Some(true) {
            saved.with_value(|c| {
                draft.set(ClientDraft::from_client(c));
                version.set(c.version);
            });
            errors.set(Vec::new());
            theirs.set(None);
            row_error.set(None);
            request_animation_frame(move || focus_first_input(row));
        }
        editing
    });

    let save = Action::new(move |(draft, version): &(ClientDraft, i64)| {
        update_client(id, *version, draft.clone())
    });
    let fetch_theirs = Action::new(move |_: &()| get_client(id));
    let submit = move || {
        let typed = draft.get_untracked();
        match typed.parse(today()) {
            Err(problems) => errors.set(problems),
            Ok(_) => {
                errors.set(Vec::new());
                row_error.set(None);
                save.dispatch((typed, version.get_untracked()));
            }
        }
    };
    let cancel = move || {
        clients.editing.set(None);
        if theirs.get_untracked().is_some() {
            clients.page.refetch();
        }
    };
    Effect::new(move |_| match save.value().get() {
        Some(Ok(client)) => {
            clients.editing.set(None);
            clients.notice.set(Some(Notice::Success(format!(
                "Success! {} has been saved.",
                client.full_name()
            ))));
            clients.page.refetch();
        }
        Some(Err(AppError::Stale)) => {
            fetch_theirs.dispatch(());
        }
        Some(Err(error)) => {
            let problems = error.row_errors(0);
            if problems.is_empty() {
                row_error.set(Some(error.to_string()));
            } else {
                errors.set(problems);
            }
        }
        None => {}
    });
    Effect::new(move |_| match fetch_theirs.value().get() {
        Some(Ok(current)) => {
            version.set(current.version);
            theirs.set(Some(current));
        }
        Some(Err(error)) => row_error.set(Some(error.to_string())),
        None => {}
    });

    let cells = move || {
        saved.with_value(|client| {
            if is_editing() {
                columns
                    .iter()
                    .map(|column| edit_cell(*column, client, draft, errors))
                    .collect_view()
                    .into_any()
            } else {
                columns
                    .iter()
                    .map(|column| cell(client, *column))
                    .collect_view()
                    .into_any()
            }
        })
    };
    let selected = move || clients.selection.with(|s| s.contains(id));
    let edit_label = format!("Edit {name}");
    let actions = move || {
        if is_editing() {
            view! {
                <button type="button" class="button primary small" disabled=save.pending() on:click=move |_| submit()>"Save"</button>
                <button type="button" class="button ghost small" on:click=move |_| cancel()>"Cancel"</button>
            }
            .into_any()
        } else if can_edit {
            let label = edit_label.clone();
            view! {
                <button type="button" class="icon-button edit-button" aria-label=label title="Edit" on:click=move |_| {
                    clients.notice.set(None);
                    clients.editing.set(Some(id));
                }>
                    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
                        <path d="M13.6 2.6a2 2 0 0 1 2.8 0l1 1a2 2 0 0 1 0 2.8L7.2 16.6 3 17.5l.9-4.2L13.6 2.6z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>
                    </svg>
                </button>
            }
            .into_any()
        } else {
            ().into_any()
        }
    };
    view! {
        <tr
            node_ref=row
            class=move || match (is_editing(), selected()) {
                (true, _) => "editing",
                (false, true) => "selected",
                _ => "",
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if !is_editing() {
                    return;
                }
                match ev.key().as_str() {
                    "Enter" => {
                        ev.prevent_default();
                        submit();
                    }
                    "Escape" => cancel(),
                    _ => {}
                }
            }
        >
            {(!clients.read_only).then(|| view! {
                <td class="select-cell">
                    <input
                        type="checkbox"
                        aria-label=format!("Select {name}")
                        prop:checked=selected
                        on:click=move |ev: leptos::ev::MouseEvent| {
                            let visible = clients.visible_ids();
                            clients.selection.update(|s| s.click(id, &visible, ev.shift_key()));
                        }
                    />
                </td>
            })}
            {cells}
            {(!clients.read_only).then(|| view! { <td class="row-actions">{actions}</td> })}
        </tr>
        {move || {
            let conflict = theirs.get().filter(|_| is_editing()).map(|current| view! {
                <strong>"Someone else saved this client while you were editing."</strong>
                {format!(" Their version: {}. ", summary(&current))}
                "Your changes are still in the form: Save again to replace their version with yours, or Cancel to keep theirs."
            });
            let problem = row_error.get().filter(|_| is_editing());
            (conflict.is_some() || problem.is_some()).then(|| view! {
                <tr class="row-message">
                    <td colspan=span role="alert">{conflict}{problem}</td>
                </tr>
            })
        }}
    }
}

fn focus_first_input(row: NodeRef<html::Tr>) {
    let Some(row) = row.get_untracked() else {
        return;
    };
    if let Ok(Some(input)) = row.query_selector("td:not(.select-cell) input, td select") {
        if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
            let _ = input.focus();
        }
    }
}

/// The other person's saved version in one line, for the conflict message.
fn summary(client: &Client) -> String {
    let mut parts = vec![client.full_name(), client.email.clone()];
    parts.extend(client.date_of_birth.clone());
    parts.extend(client.sex_at_birth.map(|s| s.label().to_string()));
    parts.extend(
        client
            .external_id
            .as_ref()
            .map(|e| format!("External ID {e}")),
    );
    parts.join(", ")
}

/// A labelled input for one field, with its message beside it.
fn field_input(
    field: Field,
    input_type: &'static str,
    draft: RwSignal<ClientDraft>,
    errors: RwSignal<Vec<Invalid>>,
) -> impl IntoView {
    let message = move || errors.with(|e| message_for(e, field));
    let max = (field == Field::DateOfBirth).then(|| today().iso());
    view! {
        <span class="edit-field">
            <input
                type=input_type
                aria-label=field.label()
                max=max
                prop:value=move || draft.with(|d| d.value(field).to_string())
                aria-invalid=move || message().is_some().then_some("true")
                on:input=move |ev| draft.update(|d| d.set(field, event_target_value(&ev)))
            />
            {move || message().map(|m| view! { <span class="field-error">{m}</span> })}
        </span>
    }
}

fn edit_cell(
    column: Column,
    client: &Client,
    draft: RwSignal<ClientDraft>,
    errors: RwSignal<Vec<Invalid>>,
) -> AnyView {
    match column {
        Column::Name => view! {
            <td class="edit-cell">
                <div class="name-edit">
                    {field_input(Field::FirstName, "text", draft, errors)}
                    {field_input(Field::LastName, "text", draft, errors)}
                </div>
            </td>
        }
        .into_any(),
        Column::Email => {
            view! { <td class="edit-cell">{field_input(Field::Email, "email", draft, errors)}</td> }
                .into_any()
        }
        Column::DateOfBirth => {
            view! { <td class="edit-cell">{field_input(Field::DateOfBirth, "date", draft, errors)}</td> }
                .into_any()
        }
        Column::ExternalId => {
            view! { <td class="edit-cell">{field_input(Field::ExternalId, "text", draft, errors)}</td> }
                .into_any()
        }
        Column::SexAtBirth => {
            let message = move || errors.with(|e| message_for(e, Field::SexAtBirth));
            view! {
                <td class="edit-cell">
                    <span class="edit-field">
                        <SexSelect draft invalid=Signal::derive(move || message().is_some())/>
                        {move || message().map(|m| view! { <span class="field-error">{m}</span> })}
                    </span>
                </td>
            }
            .into_any()
        }
        Column::Tags | Column::Registered | Column::Created => cell(client, column),
    }
}

fn cell(client: &Client, column: Column) -> AnyView {
    let text = column.text(client);
    match column {
        Column::Name => {
            let muted = client.pending_kind == Some(PendingKind::Invited);
            view! {
                <td class="name-cell">
                    <span class="avatar small" aria-hidden="true">{client.initials()}</span>
                    <span class=if muted { "name-text muted" } else { "name-text" }>{text}</span>
                </td>
            }
            .into_any()
        }
        Column::DateOfBirth | Column::Created => view! { <td class="nowrap">{text}</td> }.into_any(),
        Column::Tags => view! {
            <td class="tags-cell">{client.tags.iter().map(|tag| view! { <span class="tag">{tag.clone()}</span> }).collect_view()}</td>
        }
        .into_any(),
        Column::ExternalId => view! { <td class="mono">{text}</td> }.into_any(),
        Column::Registered => {
            let class = match (client.email_failed, client.pending_kind, client.registered) {
                (true, _, _) => "pill danger",
                (false, Some(PendingKind::Requested), _) => "pill warn",
                (false, None, true) => "pill ok",
                _ => "pill",
            };
            view! { <td><span class=class>{text}</span></td> }.into_any()
        }
        Column::Email | Column::SexAtBirth => view! { <td>{text}</td> }.into_any(),
    }
}
