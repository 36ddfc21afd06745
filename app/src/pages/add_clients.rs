//! The Create New Clients form: one row per client, "Add Another" and "Add More" (5, 10 or 15)
//! rows, a trash button per row. Every row is checked here and again on the server; nothing is
//! created unless every row is right. Success goes back to the Clients table with the message.
use crate::{
    api::clients::{create_clients, list_tags},
    components::{
        form::{
            client_fields::{ClientFields, Show},
            tag_input::TagInput,
        },
        menu::Menu,
        notice::{Flash, Notice},
        signed_in::SignedIn,
        today::today,
    },
    domain::{
        client_details::{message_for, ClientDraft},
        new_client::{create_label, parse_rows, NewClientDraft, MAX_ROWS},
        user::CurrentUser,
        Field, Invalid,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn AddClients() -> impl IntoView {
    view! {
        <Title text="Add Clients · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <CreateClientsForm/>
        </SignedIn>
    }
}

/// One row of the form; `key` keeps its inputs in place when rows above it are removed.
#[derive(Clone, Copy)]
struct Row {
    key: usize,
    draft: RwSignal<ClientDraft>,
    tags: RwSignal<Vec<String>>,
    send_code: RwSignal<bool>,
    errors: RwSignal<Vec<Invalid>>,
}

impl Row {
    fn new(key: usize) -> Self {
        Self {
            key,
            draft: RwSignal::new(ClientDraft::default()),
            tags: RwSignal::new(Vec::new()),
            send_code: RwSignal::new(false),
            errors: RwSignal::new(Vec::new()),
        }
    }

    fn value(&self) -> NewClientDraft {
        NewClientDraft {
            details: self.draft.get_untracked(),
            tags: self.tags.get_untracked(),
            send_code: self.send_code.get_untracked(),
        }
    }
}

#[component]
fn CreateClientsForm() -> impl IntoView {
    let next_key = StoredValue::new(1_usize);
    let rows = RwSignal::new(vec![Row::new(0)]);
    // New rows belong to the form, not to the menu item that asked for them: that one's owner
    // is disposed as soon as the menu closes, and would take the rows' signals with it.
    let owner = StoredValue::new(Owner::current());
    let add_rows = move |count: usize| {
        let make = move || {
            rows.update(|rs| {
                for _ in 0..count.min(MAX_ROWS.saturating_sub(rs.len())) {
                    let key = next_key.get_value();
                    next_key.set_value(key + 1);
                    rs.push(Row::new(key));
                }
            })
        };
        match owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        }
    };
    let more_open = RwSignal::new(false);
    let form_error = RwSignal::new(None::<String>);
    let tags = crate::api::load(|| (), |_| list_tags());
    let flash = Flash::here();
    let navigate = use_navigate();

    let create = Action::new(move |drafts: &Vec<NewClientDraft>| create_clients(drafts.clone()));
    let show_problems = move |problems: Vec<(usize, Invalid)>| {
        for (index, row) in rows.get_untracked().iter().enumerate() {
            row.errors.set(
                problems
                    .iter()
                    .filter(|(r, _)| *r == index)
                    .map(|(_, e)| e.clone())
                    .collect(),
            );
        }
        form_error.set(Some(format!(
            "Nothing was created yet: {} to fix, shown beside the fields.",
            if problems.len() == 1 {
                "1 problem".to_string()
            } else {
                format!("{} problems", problems.len())
            }
        )));
    };
    Effect::new(move |_| match create.value().get() {
        Some(Ok(_)) => {
            flash.set(Notice::Success(
                "Success! Clients have been created!".into(),
            ));
            navigate("/manage-users", Default::default());
        }
        Some(Err(error)) => match error {
            crate::api::error::AppError::InvalidRows(problems) => show_problems(problems),
            other => form_error.set(Some(other.to_string())),
        },
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let drafts: Vec<NewClientDraft> = rows.get_untracked().iter().map(Row::value).collect();
        match parse_rows(&drafts, today()) {
            Err(problems) => show_problems(problems),
            Ok(_) => {
                for row in rows.get_untracked() {
                    row.errors.set(Vec::new());
                }
                form_error.set(None);
                create.dispatch(drafts);
            }
        }
    };
    let count = move || rows.with(Vec::len);
    let numbered = move || {
        rows.get()
            .into_iter()
            .enumerate()
            .collect::<Vec<(usize, Row)>>()
    };

    view! {
        <main class="content">
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/manage-users">"Manage Users"</a>" / Add Clients"</nav>
            <h1>"Create New Clients"</h1>
            <p class="muted">"First Name, Last Name, Email, Date of Birth and Sex at Birth are required. Tags, External ID and a registration code are optional."</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let known = tags.await.unwrap_or_default();
                    view! {
                        <datalist id="known-tags">
                            {known.into_iter().map(|t| view! { <option value=t.name></option> }).collect_view()}
                        </datalist>
                    }
                })}
            </Transition>
            <form class="create-form" on:submit=submit novalidate>
                <For each=numbered key=|(index, row)| (*index, row.key) let:item>
                    <ClientRow index=item.0 row=item.1 rows/>
                </For>
                {move || form_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="button" class="button ghost" on:click=move |_| add_rows(1)>"Add Another"</button>
                    <Menu label="Add More".to_string() open=more_open class="ghost">
                        {[5_usize, 10, 15]
                            .into_iter()
                            .map(|n| view! {
                                <button type="button" role="menuitem" class="menu-item" on:click=move |_| {
                                    more_open.set(false);
                                    add_rows(n);
                                }>
                                    {format!("Add {n} rows")}
                                </button>
                            })
                            .collect_view()}
                    </Menu>
                    <span class="toolbar-spacer"></span>
                    <a class="button ghost" href="/manage-users">"Cancel"</a>
                    <button type="submit" class="button primary" disabled=move || create.pending().get()>
                        {move || create_label(count())}
                    </button>
                </div>
            </form>
        </main>
    }
}

#[component]
fn ClientRow(index: usize, row: Row, rows: RwSignal<Vec<Row>>) -> impl IntoView {
    let legend = format!("Client {}", index + 1);
    let remove_label = format!("Remove row {}", index + 1);
    let tag_error = Signal::derive(move || row.errors.with(|e| message_for(e, Field::Tag)));
    view! {
        <fieldset class="client-row">
            <legend>{legend}</legend>
            <div class="client-row-fields">
                <ClientFields draft=row.draft errors=row.errors show=Show { email: true, external_id: true, personal: true }/>
                <TagInput tags=row.tags list="known-tags" error=tag_error/>
                <label class="check-row send-code">
                    <input type="checkbox" prop:checked=move || row.send_code.get() on:change=move |ev| row.send_code.set(event_target_checked(&ev))/>
                    "Send Registration Code"
                </label>
            </div>
            <button
                type="button"
                class="icon-button remove-row"
                aria-label=remove_label
                title="Remove row"
                disabled=move || rows.with(|r| r.len() == 1)
                on:click=move |_| rows.update(|r| r.retain(|other| other.key != row.key))
            >
                <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
                    <path d="M4 6h12M8 6V4h4v2M6 6l1 11h6l1-11" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>
                </svg>
            </button>
        </fieldset>
    }
}
