//! Team member use-cases: the Team Members table, adding and inviting members, editing them,
//! their roles and security tags, and the bulk actions (archive, disconnect, delete …). Every
//! change that could leave the practice without an Administrator takes the organization's lock
//! first, so two Administrators demoting each other at the same moment cannot both succeed.
use super::{
    auth::Admin,
    clock,
    db::{self, orgs::Organization, users::Person, Tx},
    invitations, layouts, registration, AppState,
};
use crate::{
    api::error::AppError,
    domain::{
        client_actions::{BulkOutcome, PendingKind},
        invitation::{default_team_message, parse_addresses, parse_message},
        team::{
            check_new_roles, check_removal, parse_member_rows, parse_roles, roles_in_words,
            NewMemberDraft, Standing, TeamAction, TeamColumn, TeamMemberDetails, TeamMemberDraft,
            TeamPage, TeamQuery,
        },
        user::{iso_date, RegistrationCode, TeamMember, UserKind},
        ColumnLayout, Field, Invalid, Role, UserState,
    },
};

pub async fn list(state: &AppState, admin: &Admin, query: TeamQuery) -> Result<TeamPage, AppError> {
    let query = query.clamped();
    let mut conn = state.db.pool().acquire().await?;
    let rows = db::team_members::list(&mut conn, admin.org_id, &query).await?;
    let counts = db::users::state_counts(&mut conn, admin.org_id, UserKind::Team).await?;
    Ok(TeamPage { rows, counts })
}

pub async fn get(state: &AppState, admin: &Admin, id: i64) -> Result<TeamMember, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    db::team_members::get(&mut conn, admin.org_id, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn member_in(tx: &mut Tx, admin: &Admin, id: i64) -> Result<TeamMember, AppError> {
    db::team_members::get(tx, admin.org_id, id)
        .await?
        .ok_or(AppError::NotFound)
}

fn as_rows(errors: Vec<Invalid>) -> AppError {
    AppError::InvalidRows(errors.into_iter().map(|e| (0, e)).collect())
}

/// Saves an inline edit of a member's name and email made from `version`.
pub async fn update(
    state: &AppState,
    admin: &Admin,
    id: i64,
    version: i64,
    draft: TeamMemberDraft,
) -> Result<TeamMember, AppError> {
    let details = draft.parse().map_err(as_rows)?;
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let before = member_in(&mut tx, admin, id).await?;
    if before.state == UserState::Archived {
        return Err(AppError::ReadOnly);
    }
    if before.state == UserState::Pending {
        return Err(Invalid::new(
            Field::Selection,
            "An invited team member fills in their own name when they accept the invitation.",
        )
        .into());
    }
    if before.version != version
        || !db::team_members::update_details(&mut tx, admin.org_id, id, version, &details, now)
            .await?
    {
        return Err(AppError::Stale);
    }
    record(
        &mut tx,
        admin,
        "team_member_edited",
        id,
        changed_fields(&before, &details),
        now,
    )
    .await?;
    let after = member_in(&mut tx, admin, id).await?;
    tx.commit().await?;
    Ok(after)
}

fn changed_fields(before: &TeamMember, after: &TeamMemberDetails) -> String {
    let names: Vec<&str> = [
        ("First Name", before.first_name != after.first_name.as_str()),
        ("Last Name", before.last_name != after.last_name.as_str()),
        ("Email", before.email != after.email.as_str()),
    ]
    .iter()
    .filter(|(_, changed)| *changed)
    .map(|(name, _)| *name)
    .collect();
    if names.is_empty() {
        "no changes".into()
    } else {
        format!("changed {}", names.join(", "))
    }
}

async fn record(
    tx: &mut Tx,
    admin: &Admin,
    action: &str,
    subject: i64,
    detail: String,
    now: i64,
) -> Result<(), sqlx::Error> {
    db::audit::record(
        tx,
        db::audit::Entry {
            org_id: admin.org_id,
            actor_id: Some(admin.user_id),
            action,
            subject_user_id: Some(subject),
            detail,
        },
        now,
    )
    .await
}

/// Where a member stands against the Owner and last-Administrator rules.
fn standing(member: &TeamMember, active_admins: &[i64], leaving: &[i64]) -> Standing {
    Standing {
        is_owner: member.is_owner,
        is_active_admin: member.state == UserState::Active && member.is_admin(),
        other_active_admins: active_admins
            .iter()
            .filter(|a| **a != member.id && !leaving.contains(a))
            .count(),
    }
}

/// Gives a member exactly `roles`, at once. The Owner stays an Administrator and the practice
/// keeps at least one; the member's sessions end, so they start a fresh one.
pub async fn set_roles(
    state: &AppState,
    admin: &Admin,
    id: i64,
    roles: Vec<Role>,
) -> Result<TeamMember, AppError> {
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    db::orgs::lock(&mut tx, admin.org_id).await?;
    let member = member_in(&mut tx, admin, id).await?;
    if member.state == UserState::Archived {
        return Err(AppError::ReadOnly);
    }
    let active_admins = db::team_members::active_admins(&mut tx, admin.org_id).await?;
    let roles = check_new_roles(standing(&member, &active_admins, &[]), &roles)?;
    if roles == member.roles {
        return Ok(member);
    }
    db::team_roles::replace(&mut tx, id, &roles).await?;
    db::team_members::touch(&mut tx, id, now).await?;
    db::users::end_sessions(&mut tx, &[id], now).await?;
    record(
        &mut tx,
        admin,
        "roles_changed",
        id,
        format!(
            "{} (was {})",
            roles_in_words(&roles),
            roles_in_words(&member.roles)
        ),
        now,
    )
    .await?;
    let after = member_in(&mut tx, admin, id).await?;
    tx.commit().await?;
    Ok(after)
}

/// Gives a member exactly these security tags (tags of the organization; none means every
/// client). They take effect on the member's next request.
pub async fn set_security_tags(
    state: &AppState,
    admin: &Admin,
    id: i64,
    tag_ids: Vec<i64>,
) -> Result<TeamMember, AppError> {
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let member = member_in(&mut tx, admin, id).await?;
    if member.state == UserState::Archived {
        return Err(AppError::ReadOnly);
    }
    let tags = db::tags::named_in_org(&mut tx, admin.org_id, &tag_ids).await?;
    let mut wanted: Vec<i64> = tag_ids.clone();
    wanted.sort_unstable();
    wanted.dedup();
    if tags.len() != wanted.len() {
        return Err(AppError::Stale);
    }
    let ids: Vec<i64> = tags.iter().map(|(id, _)| *id).collect();
    db::security_tags::replace(&mut tx, id, &ids).await?;
    db::team_members::touch(&mut tx, id, now).await?;
    let words = |names: Vec<String>| {
        if names.is_empty() {
            "none (sees every client)".to_string()
        } else {
            names.join(", ")
        }
    };
    record(
        &mut tx,
        admin,
        "security_tags_changed",
        id,
        format!(
            "{} (was {})",
            words(tags.into_iter().map(|(_, n)| n).collect()),
            words(member.security_tags.clone())
        ),
        now,
    )
    .await?;
    let after = member_in(&mut tx, admin, id).await?;
    tx.commit().await?;
    Ok(after)
}

/// The positions of the emails the organization already uses (a client, a member or an
/// invitation).
async fn taken_emails(
    tx: &mut Tx,
    org: &Organization,
    emails: &[&str],
) -> Result<Vec<usize>, AppError> {
    let mut taken = Vec::new();
    for (at, email) in emails.iter().enumerate() {
        if db::users::find_id_by_email(tx, org.id, email)
            .await?
            .is_some()
        {
            taken.push(at);
        }
    }
    Ok(taken)
}

fn stored_roles(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The Create New Members form: every row or none; members who asked for it get a code.
pub async fn create(
    state: &AppState,
    admin: &Admin,
    rows: Vec<NewMemberDraft>,
) -> Result<usize, AppError> {
    let members = parse_member_rows(&rows).map_err(AppError::InvalidRows)?;
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let org = db::orgs::lock(&mut tx, admin.org_id).await?;
    let emails: Vec<&str> = members.iter().map(|m| m.details.email.as_str()).collect();
    let taken = taken_emails(&mut tx, &org, &emails).await?;
    if !taken.is_empty() {
        return Err(AppError::InvalidRows(
            taken
                .into_iter()
                .map(|row| {
                    let problem = "Someone in your practice already uses this email";
                    (row, Invalid::new(Field::Email, problem))
                })
                .collect(),
        ));
    }
    let mut send_codes_to = Vec::new();
    for member in &members {
        let details = &member.details;
        let user = db::users::NewUser {
            org_id: org.id,
            kind: UserKind::Team,
            first_name: details.first_name.as_str(),
            last_name: details.last_name.as_str(),
            email: details.email.as_str(),
            date_of_birth: None,
            sex_at_birth: None,
            external_id: None,
            state: UserState::Active,
            pending_kind: None,
            registered: false,
            is_owner: false,
            password_hash: None,
        };
        let id = db::users::insert(&mut tx, &user, now).await?;
        db::team_roles::replace(&mut tx, id, &member.roles).await?;
        let person = Person {
            id,
            first_name: details.first_name.as_str().to_string(),
            last_name: details.last_name.as_str().to_string(),
            email: details.email.as_str().to_string(),
        };
        record(
            &mut tx,
            admin,
            "team_member_created",
            id,
            format!(
                "{}; roles: {}",
                person.label(),
                roles_in_words(&member.roles)
            ),
            now,
        )
        .await?;
        if member.send_code {
            send_codes_to.push(person);
        }
    }
    registration::send(&mut tx, state, &org, &send_codes_to, UserKind::Team, now).await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok(members.len())
}

/// "Invite Team Member By Email": a pending member holding the chosen roles, an invitation and
/// its email per address, all or none. They become active when they accept.
pub async fn invite(
    state: &AppState,
    admin: &Admin,
    addresses: &str,
    roles: &[Role],
    message: &str,
) -> Result<usize, AppError> {
    let emails = parse_addresses(addresses).map_err(as_rows)?;
    let roles = parse_roles(roles)?;
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let org = db::orgs::lock(&mut tx, admin.org_id).await?;
    let message = parse_message(message, || default_team_message(&org.name))?;
    let addresses: Vec<&str> = emails.iter().map(|e| e.as_str()).collect();
    let taken = taken_emails(&mut tx, &org, &addresses).await?;
    if !taken.is_empty() {
        let names: Vec<&str> = taken.iter().map(|at| addresses[*at]).collect();
        return Err(Invalid::new(
            Field::Email,
            format!(
                "Already a client, team member or invited: {}",
                names.join(", ")
            ),
        )
        .into());
    }
    for email in &emails {
        let user = db::users::NewUser {
            org_id: org.id,
            kind: UserKind::Team,
            first_name: "",
            last_name: "",
            email: email.as_str(),
            date_of_birth: None,
            sex_at_birth: None,
            external_id: None,
            state: UserState::Pending,
            pending_kind: Some(PendingKind::Invited),
            registered: false,
            is_owner: false,
            password_hash: None,
        };
        let user_id = db::users::insert(&mut tx, &user, now).await?;
        db::team_roles::replace(&mut tx, user_id, &roles).await?;
        let invite = invitations::Invite {
            user_id,
            email: email.as_str(),
            message: &message,
            roles: stored_roles(&roles),
        };
        invitations::send(
            &mut tx,
            state,
            &org,
            admin.user_id,
            UserKind::Team,
            &invite,
            now,
        )
        .await?;
        record(
            &mut tx,
            admin,
            "team_member_invited",
            user_id,
            format!("{}; roles: {}", email.as_str(), roles_in_words(&roles)),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok(emails.len())
}

/// Runs a "Select an action" entry (or the trash button) on the ticked members, all or none.
/// Every id must be a member of the caller's organization in the action's view.
pub async fn apply(
    state: &AppState,
    admin: &Admin,
    ids: Vec<i64>,
    action: TeamAction,
) -> Result<BulkOutcome, AppError> {
    let mut ids = ids;
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > TeamQuery::MAX_ROWS {
        return Err(Invalid::new(Field::Selection, "Select the team members to act on.").into());
    }
    if action == TeamAction::Disconnect && ids.len() != 1 {
        return Err(Invalid::new(Field::Selection, "Disconnect one team member at a time.").into());
    }
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let org = db::orgs::lock(&mut tx, admin.org_id).await?;
    let found = db::team_members::in_view(&mut tx, org.id, action.view(), &ids).await?;
    if found != ids {
        return Err(AppError::Stale);
    }
    let mut members = Vec::with_capacity(ids.len());
    for id in &ids {
        members.push(member_in(&mut tx, admin, *id).await?);
    }
    if action.removes() {
        let active_admins = db::team_members::active_admins(&mut tx, org.id).await?;
        for member in &members {
            check_removal(standing(member, &active_admins, &ids), &member.full_name())?;
        }
    }
    let people = db::users::people(&mut tx, &ids).await?;
    let mut subjects: Vec<(i64, String)> = people.iter().map(|p| (p.id, p.label())).collect();
    let mut skipped = 0;
    match action {
        TeamAction::Archive | TeamAction::Disconnect => {
            db::users::set_state(&mut tx, &ids, UserState::Archived, now).await?;
        }
        TeamAction::Unarchive => {
            db::users::set_state(&mut tx, &ids, UserState::Active, now).await?;
        }
        TeamAction::Delete | TeamAction::DeleteInvitations => {
            db::invitations::withdraw_for_users(&mut tx, &ids, now).await?;
        }
        TeamAction::ResendInvitations => {
            for (person, member) in people.iter().zip(&members) {
                let previous = db::invitations::open_for_user(&mut tx, person.id).await?;
                let message = previous
                    .map(|i| i.message)
                    .unwrap_or_else(|| default_team_message(&org.name));
                let invite = invitations::Invite {
                    user_id: person.id,
                    email: &person.email,
                    message: &message,
                    roles: stored_roles(&member.roles),
                };
                invitations::send(
                    &mut tx,
                    state,
                    &org,
                    admin.user_id,
                    UserKind::Team,
                    &invite,
                    now,
                )
                .await?;
            }
        }
        TeamAction::SendRegistrationCodes => {
            let registered = db::users::registered_among(&mut tx, &ids).await?;
            let to_send: Vec<Person> = people
                .into_iter()
                .filter(|p| !registered.contains(&p.id))
                .collect();
            if to_send.is_empty() {
                return Err(Invalid::new(
                    Field::Selection,
                    "The selected team members have already registered; they sign in with their own password.",
                )
                .into());
            }
            registration::send(&mut tx, state, &org, &to_send, UserKind::Team, now).await?;
            subjects.retain(|(id, _)| !registered.contains(id));
            skipped = registered.len();
        }
    }
    db::audit::record_many(
        &mut tx,
        org.id,
        admin.user_id,
        action.audit_name(),
        &subjects,
        "",
        now,
    )
    .await?;
    if matches!(action, TeamAction::Delete | TeamAction::DeleteInvitations) {
        db::users::delete_many(&mut tx, &ids).await?;
    }
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok(BulkOutcome {
        done: subjects.len(),
        skipped,
    })
}

/// "View Registration Code" for an active team member who has not registered yet.
pub async fn registration_code(
    state: &AppState,
    admin: &Admin,
    id: i64,
) -> Result<RegistrationCode, AppError> {
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let member = member_in(&mut tx, admin, id).await?;
    if member.state != UserState::Active {
        return Err(AppError::Stale);
    }
    if member.registered {
        return Err(Invalid::new(
            Field::Code,
            format!(
                "{} has already registered and signs in with their own password.",
                member.full_name()
            ),
        )
        .into());
    }
    let (code, expires_at) = registration::current_or_new(&mut tx, id, now).await?;
    record(
        &mut tx,
        admin,
        "registration_code_viewed",
        id,
        format!("{} <{}>", member.full_name(), member.email),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(RegistrationCode {
        client_name: member.full_name(),
        email: member.email,
        code,
        expires_on: iso_date(expires_at),
    })
}

const TEAM_TABLE: &str = "team";

pub async fn layout(state: &AppState, admin: &Admin) -> Result<ColumnLayout<TeamColumn>, AppError> {
    layouts::get(state, admin.user_id, TEAM_TABLE).await
}

pub async fn save_layout(
    state: &AppState,
    admin: &Admin,
    layout: ColumnLayout<TeamColumn>,
) -> Result<(), AppError> {
    layouts::save(state, admin.user_id, TEAM_TABLE, &layout).await
}

pub async fn reset_layout(
    state: &AppState,
    admin: &Admin,
) -> Result<ColumnLayout<TeamColumn>, AppError> {
    layouts::reset(state, admin.user_id, TEAM_TABLE).await
}
