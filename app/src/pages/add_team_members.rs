//! The Create New Members form: one row per team member (First Name, Last Name, Email, Roles,
//! Send Registration Code), "Add Another" and "Add More" rows, a trash button per row. Nothing
//! is created unless every row is right; success goes back to the Team Members tab.
use crate::{
    api::{error::AppError, team::create_team_members},
    components::{
        form::{role_choices::RoleChoices, text_field::TextField},
        menu::Menu,
        notice::{Flash, Notice},
        signed_in::SignedIn,
    },
    domain::{
        client_details::message_for,
        new_client::create_label,
        team::{parse_member_rows, NewMemberDraft, TeamMemberDraft, MAX_NEW_MEMBERS},
        user::CurrentUser,
        Field, Invalid, Role,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn AddTeamMembers() -> impl IntoView {
    view! {
        <Title text="Add Team Members · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <CreateMembersForm/>
        </SignedIn>
    }
}

/// One row of the form; `key` keeps its inputs in place when rows above it are removed.
#[derive(Clone, Copy)]
struct Row {
    key: usize,
    draft: RwSignal<TeamMemberDraft>,
    roles: RwSignal<Vec<Role>>,
    send_code: RwSignal<bool>,
    errors: RwSignal<Vec<Invalid>>,
}

impl Row {
    fn new(key: usize) -> Self {
        Self {
            key,
            draft: RwSignal::new(TeamMemberDraft::default()),
            roles: RwSignal::new(vec![Role::Practitioner]),
            send_code: RwSignal::new(false),
            errors: RwSignal::new(Vec::new()),
        }
    }

    fn value(&self) -> NewMemberDraft {
        NewMemberDraft {
            details: self.draft.get_untracked(),
            roles: self.roles.get_untracked(),
            send_code: self.send_code.get_untracked(),
        }
    }
}

#[component]
fn CreateMembersForm() -> impl IntoView {
    let next_key = StoredValue::new(1_usize);
    let rows = RwSignal::new(vec![Row::new(0)]);
    // New rows belong to the form, not to the menu item that asked for them (that one's owner
    // goes away as soon as the menu closes, with the rows' signals).
    let owner = StoredValue::new(Owner::current());
    let add_rows = move |count: usize| {
        let make = move || {
            rows.update(|rs| {
                for _ in 0..count.min(MAX_NEW_MEMBERS.saturating_sub(rs.len())) {
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
    let flash = Flash::here();
    let navigate = use_navigate();
    let create =
        Action::new(move |drafts: &Vec<NewMemberDraft>| create_team_members(drafts.clone()));
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
                "Success! Team Members have been created!".into(),
            ));
            navigate("/manage-users/team", Default::default());
        }
        Some(Err(AppError::InvalidRows(problems))) => show_problems(problems),
        Some(Err(other)) => form_error.set(Some(other.to_string())),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let drafts: Vec<NewMemberDraft> = rows.get_untracked().iter().map(Row::value).collect();
        match parse_member_rows(&drafts) {
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
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/manage-users/team">"Manage Users"</a>" / Add Team Member"</nav>
            <h1>"Create New Members"</h1>
            <p class="muted">"Enter each team member's First Name, Last Name and Email, and choose their roles. Send a registration code so they can choose a password, or invite them by email instead."</p>
            <form class="create-form" on:submit=submit novalidate>
                <For each=numbered key=|(index, row)| (*index, row.key) let:item>
                    <MemberFormRow index=item.0 row=item.1 rows/>
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
                    <a class="button ghost" href="/manage-users/team">"Cancel"</a>
                    <button type="submit" class="button primary" disabled=move || create.pending().get()>
                        {move || create_label(count())}
                    </button>
                </div>
            </form>
        </main>
    }
}

#[component]
fn MemberFormRow(index: usize, row: Row, rows: RwSignal<Vec<Row>>) -> impl IntoView {
    let legend = format!("Team Member {}", index + 1);
    let remove_label = format!("Remove row {}", index + 1);
    let input = move |field: Field, input_type: &'static str, autocomplete: &'static str| {
        view! {
            <TextField
                label=field.label()
                input_type
                autocomplete
                value=Signal::derive(move || row.draft.with(|d| d.value(field).to_string()))
                on_input=Callback::new(move |text| row.draft.update(|d| d.set(field, text)))
                error=Signal::derive(move || row.errors.with(|e| message_for(e, field)))
            />
        }
    };
    let roles_error = move || row.errors.with(|e| message_for(e, Field::Role));
    view! {
        <fieldset class="client-row">
            <legend>{legend}</legend>
            <div class="client-row-fields">
                {input(Field::FirstName, "text", "off")}
                {input(Field::LastName, "text", "off")}
                {input(Field::Email, "email", "off")}
                <RoleChoices roles=row.roles error=Signal::derive(roles_error)/>
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
