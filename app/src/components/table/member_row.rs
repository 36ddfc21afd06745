//! One team member's row: a checkbox, the visible cells, the Roles and Security Tags dropdowns
//! (each change saves at once), a pencil that edits the name and email in place, and a trash
//! button that disconnects the member after a Yes. Pending rows offer "Resend Invite".
use crate::{
    api::{
        error::AppError,
        team::{get_team_member, set_member_roles, set_member_security_tags, update_team_member},
    },
    components::{
        checklist::Checklist,
        notice::Notice,
        team_panel::{TeamDialog, TeamView},
    },
    domain::{
        client_details::message_for,
        team::{roles_in_words, TeamAction, TeamColumn, TeamMemberDraft},
        user::{iso_date, CurrentUser, TeamMember},
        Field, Invalid, Role, UserState,
    },
};
use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

#[component]
pub fn MemberRow(member: TeamMember, columns: Vec<TeamColumn>, team: TeamView) -> impl IntoView {
    let id = member.id;
    let span = columns.len() + 2;
    let current = RwSignal::new(member);
    let name = move || current.with(TeamMember::full_name);
    let is_editing = move || team.editing.get() == Some(id);
    let draft = RwSignal::new(TeamMemberDraft::default());
    let errors = RwSignal::new(Vec::<Invalid>::new());
    let version = RwSignal::new(0_i64);
    let row_error = RwSignal::new(None::<String>);
    let row = NodeRef::<html::Tr>::new();
    let me = use_context::<CurrentUser>().map(|u| u.id);

    Effect::new(move |was_editing: Option<bool>| {
        let editing = is_editing();
        if editing && was_editing != Some(true) {
            current.with_untracked(|m| {
                draft.set(TeamMemberDraft::from_member(m));
                version.set(m.version);
            });
            errors.set(Vec::new());
            row_error.set(None);
            request_animation_frame(move || focus_first_input(row));
        }
        editing
    });

    let save = Action::new(move |(draft, version): &(TeamMemberDraft, i64)| {
        update_team_member(id, *version, draft.clone())
    });
    let fetch_theirs = Action::new(move |_: &()| get_team_member(id));
    let submit = move || {
        let typed = draft.get_untracked();
        match typed.parse() {
            Err(problems) => errors.set(problems),
            Ok(_) => {
                errors.set(Vec::new());
                row_error.set(None);
                save.dispatch((typed, version.get_untracked()));
            }
        }
    };
    let cancel = move || team.editing.set(None);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            team.notice.set(Some(Notice::Success(format!(
                "Success! {} has been saved.",
                saved.full_name()
            ))));
            // The row is drawn again as editing ends, from the saved member.
            current.set(saved);
            team.editing.set(None);
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
        Some(Ok(theirs)) => {
            version.set(theirs.version);
            row_error.set(Some(format!(
                "Someone else saved this team member while you were editing. Their version: {} <{}>. \
                 Your changes are still in the form: Save again to replace theirs, or Cancel to keep it.",
                theirs.full_name(),
                theirs.email
            )));
        }
        Some(Err(error)) => row_error.set(Some(error.to_string())),
        None => {}
    });

    // Roles and security tags save on every tick; a refusal leaves the member as they were.
    let change_roles = Action::new(move |roles: &Vec<Role>| set_member_roles(id, roles.clone()));
    Effect::new(move |_| match change_roles.value().get() {
        Some(Ok(changed)) => {
            team.notice.set(Some(Notice::Success(format!(
                "Success! {}'s roles are now {}.",
                changed.full_name(),
                roles_in_words(&changed.roles)
            ))));
            let lost_access = Some(changed.id) == me && !changed.is_admin();
            current.set(changed);
            if lost_access {
                let _ = window().location().set_href("/");
            }
        }
        Some(Err(error)) => team.notice.set(Some(Notice::Error(error.message()))),
        None => {}
    });
    let change_tags =
        Action::new(move |tags: &Vec<i64>| set_member_security_tags(id, tags.clone()));
    Effect::new(move |_| match change_tags.value().get() {
        Some(Ok(changed)) => {
            let sees = if changed.security_tags.is_empty() {
                "every client".to_string()
            } else {
                format!("clients tagged {}", changed.security_tags.join(" or "))
            };
            team.notice.set(Some(Notice::Success(format!(
                "Success! {} now sees {sees}.",
                changed.full_name()
            ))));
            current.set(changed);
        }
        Some(Err(error)) => team.notice.set(Some(Notice::Error(error.message()))),
        None => {}
    });
    let pickers = Pickers {
        team,
        current,
        change_roles,
        change_tags,
    };

    // Rendered again only when editing starts or ends: the dropdowns inside stay open while
    // their changes save, and follow `current` on their own.
    let cells = move || {
        let editing = is_editing();
        let member = current.get_untracked();
        columns
            .iter()
            .map(|column| {
                if editing {
                    edit_cell(*column, &member, draft, errors, pickers)
                } else {
                    cell(*column, &member, pickers)
                }
            })
            .collect_view()
    };
    let selected = move || team.selection.with(|s| s.contains(id));
    let actions = move || {
        let member = current.get();
        let who = member.full_name();
        if is_editing() {
            return view! {
                <button type="button" class="button primary small" disabled=save.pending() on:click=move |_| submit()>"Save"</button>
                <button type="button" class="button ghost small" on:click=move |_| cancel()>"Cancel"</button>
            }
            .into_any();
        }
        match member.state {
            UserState::Active => {
                let disconnect = (!member.is_owner).then(|| {
                    let label = format!("Disconnect {who}");
                    let name = who.clone();
                    view! {
                        <button type="button" class="icon-button trash-button" aria-label=label title="Disconnect" on:click=move |_| {
                            team.notice.set(None);
                            team.dialog.set(Some(TeamDialog::Disconnect(id, name.clone())));
                        }>
                            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
                                <path d="M4 6h12M8 6V4h4v2M6 6l1 11h6l1-11" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>
                            </svg>
                        </button>
                    }
                });
                view! {
                    <button type="button" class="icon-button edit-button" aria-label=format!("Edit {who}") title="Edit" on:click=move |_| {
                        team.notice.set(None);
                        team.editing.set(Some(id));
                    }>
                        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
                            <path d="M13.6 2.6a2 2 0 0 1 2.8 0l1 1a2 2 0 0 1 0 2.8L7.2 16.6 3 17.5l.9-4.2L13.6 2.6z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>
                        </svg>
                    </button>
                    {disconnect}
                }
                .into_any()
            }
            UserState::Pending => view! {
                <button
                    type="button"
                    class="button ghost small"
                    aria-label=format!("Resend Invite to {}", member.email)
                    disabled=move || team.busy.get()
                    on:click=move |_| team.run.run((vec![id], TeamAction::ResendInvitations, None))
                >
                    "Resend Invite"
                </button>
            }
            .into_any(),
            UserState::Archived => ().into_any(),
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
            <td class="select-cell">
                <input
                    type="checkbox"
                    aria-label=move || format!("Select {}", name())
                    prop:checked=selected
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        let visible = team.visible_ids();
                        team.selection.update(|s| s.click(id, &visible, ev.shift_key()));
                    }
                />
            </td>
            {cells}
            <td class="row-actions">{actions}</td>
        </tr>
        {move || row_error.get().filter(|_| is_editing()).map(|message| view! {
            <tr class="row-message"><td colspan=span role="alert">{message}</td></tr>
        })}
    }
}

/// What the Roles and Security Tags dropdowns of a row need.
#[derive(Clone, Copy)]
struct Pickers {
    team: TeamView,
    current: RwSignal<TeamMember>,
    change_roles: Action<Vec<Role>, Result<TeamMember, AppError>>,
    change_tags: Action<Vec<i64>, Result<TeamMember, AppError>>,
}

fn focus_first_input(row: NodeRef<html::Tr>) {
    let Some(row) = row.get_untracked() else {
        return;
    };
    if let Ok(Some(input)) = row.query_selector("td.edit-cell input") {
        if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
            let _ = input.focus();
        }
    }
}

fn field_input(
    field: Field,
    input_type: &'static str,
    draft: RwSignal<TeamMemberDraft>,
    errors: RwSignal<Vec<Invalid>>,
) -> impl IntoView {
    let message = move || errors.with(|e| message_for(e, field));
    view! {
        <span class="edit-field">
            <input
                type=input_type
                aria-label=field.label()
                prop:value=move || draft.with(|d| d.value(field).to_string())
                aria-invalid=move || message().is_some().then_some("true")
                on:input=move |ev| draft.update(|d| d.set(field, event_target_value(&ev)))
            />
            {move || message().map(|m| view! { <span class="field-error">{m}</span> })}
        </span>
    }
}

fn edit_cell(
    column: TeamColumn,
    member: &TeamMember,
    draft: RwSignal<TeamMemberDraft>,
    errors: RwSignal<Vec<Invalid>>,
    pickers: Pickers,
) -> AnyView {
    match column {
        TeamColumn::Name => view! {
            <td class="edit-cell">
                <div class="name-edit">
                    {field_input(Field::FirstName, "text", draft, errors)}
                    {field_input(Field::LastName, "text", draft, errors)}
                </div>
            </td>
        }
        .into_any(),
        TeamColumn::Email => {
            view! { <td class="edit-cell">{field_input(Field::Email, "email", draft, errors)}</td> }
                .into_any()
        }
        other => cell(other, member, pickers),
    }
}

fn cell(column: TeamColumn, member: &TeamMember, pickers: Pickers) -> AnyView {
    match column {
        TeamColumn::Name => {
            let name = if member.state == UserState::Pending && member.first_name.is_empty() {
                view! { <span class="name-text muted">"Name not given yet"</span> }.into_any()
            } else {
                view! { <span class="name-text">{member.full_name()}</span> }.into_any()
            };
            let initials: String = member
                .first_name
                .chars()
                .take(1)
                .chain(member.last_name.chars().take(1))
                .collect();
            view! {
                <td class="name-cell">
                    <span class="avatar small" aria-hidden="true">{initials}</span>
                    {name}
                    {member.is_owner.then(|| view! { <span class="pill owner">"Owner"</span> })}
                </td>
            }
            .into_any()
        }
        TeamColumn::Email => view! { <td class="nowrap">{member.email.clone()}</td> }.into_any(),
        TeamColumn::Roles => roles_cell(member, pickers),
        TeamColumn::SecurityTags => security_cell(member, pickers),
        TeamColumn::Status => {
            let (class, text) = match (member.state, member.email_failed, member.registered) {
                (UserState::Archived, _, _) => ("pill", "Archived"),
                (_, true, _) => ("pill danger", "Email not delivered"),
                (UserState::Pending, false, _) => ("pill warn", "Invitation sent"),
                (UserState::Active, false, true) => ("pill ok", "Registered"),
                (UserState::Active, false, false) => ("pill", "Not registered yet"),
            };
            view! { <td><span class=class>{text}</span></td> }.into_any()
        }
        TeamColumn::Created => {
            view! { <td class="nowrap">{iso_date(member.created_at_ms)}</td> }.into_any()
        }
    }
}

fn roles_cell(member: &TeamMember, pickers: Pickers) -> AnyView {
    if member.state == UserState::Archived {
        return view! {
            <td>{member.roles.iter().map(|r| view! { <span class="pill role">{r.label()}</span> }).collect_view()}</td>
        }
        .into_any();
    }
    let Pickers {
        current,
        change_roles,
        ..
    } = pickers;
    let options: Vec<(String, String)> = Role::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), r.label().to_string()))
        .collect();
    let checked = Signal::derive(move || {
        current.with(|m| m.roles.iter().map(|r| r.as_str().to_string()).collect())
    });
    let label = Signal::derive(move || {
        current.with(|m| {
            m.roles
                .iter()
                .map(|r| r.label())
                .collect::<Vec<_>>()
                .join(", ")
        })
    });
    let on_toggle = Callback::new(move |(key, on): (String, bool)| {
        let Some(role) = Role::parse(&key) else {
            return;
        };
        let mut roles = current.with_untracked(|m| m.roles.clone());
        roles.retain(|r| *r != role);
        if on {
            roles.push(role);
        }
        change_roles.dispatch(roles);
    });
    view! {
        <td class="picker-cell">
            <Checklist
                label
                name=format!("Roles for {}", member.full_name())
                options=Signal::stored(options)
                checked
                on_toggle
                busy=change_roles.pending()
                hint="Changes save at once. The member is signed out so their next session has the new roles."
            />
        </td>
    }
    .into_any()
}

/// What the Security Tags column can say about a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Administrators see every client.
    Everyone,
    /// A Practitioner: the tags decide.
    Tagged,
    /// No role that reads clients.
    Nobody,
}

fn access(member: &TeamMember) -> Access {
    if member.is_admin() {
        Access::Everyone
    } else if member.roles.contains(&Role::Practitioner) {
        Access::Tagged
    } else {
        Access::Nobody
    }
}

fn security_cell(member: &TeamMember, pickers: Pickers) -> AnyView {
    let Pickers {
        team,
        current,
        change_tags,
        ..
    } = pickers;
    let name = member.full_name();
    let archived = member.state == UserState::Archived;
    // Follows role changes made in the same row.
    let kind = Memo::new(move |_| current.with(access));
    let all_tags = move || team.tags.get().and_then(Result::ok).unwrap_or_default();
    let options = Signal::derive(move || {
        all_tags()
            .into_iter()
            .map(|t| (t.id.to_string(), t.name))
            .collect::<Vec<_>>()
    });
    let checked = Signal::derive(move || {
        let chosen = current.with(|m| m.security_tags.clone());
        all_tags()
            .into_iter()
            .filter(|t| chosen.contains(&t.name))
            .map(|t| t.id.to_string())
            .collect::<Vec<_>>()
    });
    let label = Signal::derive(move || {
        current.with(|m| {
            if m.security_tags.is_empty() {
                "All clients".to_string()
            } else {
                m.security_tags.join(", ")
            }
        })
    });
    let on_toggle = Callback::new(move |(key, on): (String, bool)| {
        let Ok(tag) = key.parse::<i64>() else {
            return;
        };
        let mut ids: Vec<i64> = checked
            .get_untracked()
            .iter()
            .filter_map(|k| k.parse().ok())
            .collect();
        ids.retain(|t| *t != tag);
        if on {
            ids.push(tag);
        }
        change_tags.dispatch(ids);
    });
    let name = StoredValue::new(name);
    view! {
        <td class="picker-cell">
            {move || match kind.get() {
                Access::Everyone => view! { <span class="muted" title="Administrators see every client">"All clients"</span> }.into_any(),
                Access::Nobody => view! { <span class="muted">"No client access"</span> }.into_any(),
                Access::Tagged if archived => view! { <span>{move || label.get()}</span> }.into_any(),
                Access::Tagged => view! {
                    <Checklist
                        label
                        name=format!("Security tags for {}", name.get_value())
                        options
                        checked
                        on_toggle
                        busy=change_tags.pending()
                        hint="With no tags ticked they see every client; with tags, only clients carrying at least one of them."
                    />
                }
                .into_any(),
            }}
        </td>
    }
    .into_any()
}
