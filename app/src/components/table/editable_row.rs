//! One client's row: a checkbox to select it, its visible cells, and a pencil button that turns
//! the row into inputs with Save and Cancel (Enter and Escape). A save made from an old version
//! is refused by the server; the row then shows the other person's version and keeps the typing.
//!
//! The editor is code loaded on demand (`row_editor`): the first pencil click of a visit loads
//! it, so a Clients page that is only read does not carry the inputs, their checks and the save.
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
    let saved = StoredValue::new(client);
    let is_editing = Memo::new(move |_| clients.editing.get() == Some(id));
    move || {
        if is_editing.get() {
            let edit = RowEdit {
                client: saved.get_value(),
                columns: columns.clone(),
                clients,
            };
            Suspend::new(row_editor(edit)).into_any()
        } else {
            saved
                .with_value(|client| shown_row(client, &columns, clients))
                .into_any()
        }
    }
}

/// The row as it is read: its cells and the pencil.
fn shown_row(client: &Client, columns: &[Column], clients: ClientsView) -> impl IntoView {
    let id = client.id;
    let selected = move || clients.selection.with(|s| s.contains(id));
    let cells = columns
        .iter()
        .map(|column| cell(client, *column))
        .collect_view();
    let edit = client.is_editable().then(|| {
        view! {
            <button type="button" class="icon-button edit-button" aria-label=format!("Edit {}", client.full_name()) title="Edit" on:click=move |_| {
                clients.notice.set(None);
                clients.editing.set(Some(id));
            }>
                <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
                    <path d="M13.6 2.6a2 2 0 0 1 2.8 0l1 1a2 2 0 0 1 0 2.8L7.2 16.6 3 17.5l.9-4.2L13.6 2.6z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>
                </svg>
            </button>
        }
    });
    view! {
        <tr class=move || if selected() { "selected" } else { "" }>
            {select_cell(client, clients)}
            {cells}
            {(!clients.read_only).then(|| view! { <td class="row-actions">{edit}</td> })}
        </tr>
    }
}

/// The row's checkbox (none in a read-only table). Shift+click ticks the rows in between.
fn select_cell(client: &Client, clients: ClientsView) -> impl IntoView {
    let id = client.id;
    let label = format!("Select {}", client.full_name());
    (!clients.read_only).then(|| {
        view! {
            <td class="select-cell">
                <input
                    type="checkbox"
                    aria-label=label
                    prop:checked=move || clients.selection.with(|s| s.contains(id))
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        let visible = clients.visible_ids();
                        clients.selection.update(|s| s.click(id, &visible, ev.shift_key()));
                    }
                />
            </td>
        }
    })
}

/// What the editor starts from.
struct RowEdit {
    client: Client,
    columns: Vec<Column>,
    clients: ClientsView,
}

/// The row being edited: inputs from the saved client, Save and Cancel, and below it the other
/// person's version when a save came too late.
#[lazy]
fn row_editor(edit: RowEdit) -> AnyView {
    let RowEdit {
        client,
        columns,
        clients,
    } = edit;
    let id = client.id;
    let span = columns.len() + 2;
    let draft = RwSignal::new(ClientDraft::from_client(&client));
    let errors = RwSignal::new(Vec::<Invalid>::new());
    let version = RwSignal::new(client.version);
    let theirs = RwSignal::new(None::<Client>);
    let row_error = RwSignal::new(None::<String>);
    let row = NodeRef::<html::Tr>::new();
    // The cursor goes to the first input once the row is on screen.
    request_animation_frame(move || focus_first_input(row));

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

    let cells = columns
        .iter()
        .map(|column| edit_cell(*column, &client, draft, errors))
        .collect_view();
    view! {
        <tr
            node_ref=row
            class="editing"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                "Enter" => {
                    ev.prevent_default();
                    submit();
                }
                "Escape" => cancel(),
                _ => {}
            }
        >
            {select_cell(&client, clients)}
            {cells}
            <td class="row-actions">
                <button type="button" class="button primary small" disabled=save.pending() on:click=move |_| submit()>"Save"</button>
                <button type="button" class="button ghost small" on:click=move |_| cancel()>"Cancel"</button>
            </td>
        </tr>
        {move || {
            let conflict = theirs.get().map(|current| view! {
                <strong>"Someone else saved this client while you were editing."</strong>
                {format!(" Their version: {}. ", summary(&current))}
                "Your changes are still in the form: Save again to replace their version with yours, or Cancel to keep theirs."
            });
            let problem = row_error.get();
            (conflict.is_some() || problem.is_some()).then(|| view! {
                <tr class="row-message">
                    <td colspan=span role="alert">{conflict}{problem}</td>
                </tr>
            })
        }}
    }
    .into_any()
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
