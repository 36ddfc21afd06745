//! The Clients table's bulk actions. Each runs in one transaction (all rows or none), refuses
//! rows outside the caller's organization or view, respects the client limit, writes one audit
//! entry per client, and queues the emails it causes.
use super::{
    auth::Admin,
    clients, clock,
    db::{self, users::Person, Tx},
    invitations, mail, registration, AppState,
};
use crate::{
    api::error::AppError,
    domain::{
        client_actions::{BulkOutcome, BulkTarget, ClientAction},
        user::{iso_date, RegistrationCode, UserKind},
        Field, Invalid, UserState,
    },
};

pub async fn apply(
    state: &AppState,
    admin: &Admin,
    target: BulkTarget,
    action: ClientAction,
) -> Result<BulkOutcome, AppError> {
    if let ClientAction::AddTags(tags) = &action {
        if tags.is_empty() {
            return Err(Invalid::new(Field::Tag, "Choose at least one tag").into());
        }
    }
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let org = db::orgs::lock(&mut tx, admin.org_id).await?;
    let (people, skipped) = resolve(state, &mut tx, admin, &target, &action).await?;
    if people.is_empty() {
        return Err(Invalid::new(
            Field::Selection,
            "None of the selected rows can take this action.",
        )
        .into());
    }
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let mut subjects: Vec<(i64, String)> = people.iter().map(|p| (p.id, p.label())).collect();
    let mut extra = String::new();
    let mut outcome = BulkOutcome {
        done: ids.len(),
        skipped,
    };
    let status = mail::initial_status(&state.settings);
    match &action {
        ClientAction::AddTags(tags) => {
            let mut tag_ids = Vec::with_capacity(tags.len());
            for tag in tags {
                tag_ids.push(db::tags::ensure(&mut tx, org.id, tag.as_str(), now).await?);
            }
            db::tags::attach_many(&mut tx, &ids, &tag_ids).await?;
            let names: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
            extra = format!("tags: {}", names.join(", "));
        }
        ClientAction::SendRegistrationCodes => {
            let registered = db::users::registered_among(&mut tx, &ids).await?;
            let to_send: Vec<_> = people
                .into_iter()
                .filter(|p| !registered.contains(&p.id))
                .collect();
            if to_send.is_empty() {
                return Err(Invalid::new(
                    Field::Selection,
                    "The selected clients have already registered; they sign in with their own password.",
                )
                .into());
            }
            registration::send(&mut tx, state, &org, &to_send, UserKind::Client, now).await?;
            subjects.retain(|(id, _)| !registered.contains(id));
            outcome = BulkOutcome {
                done: to_send.len(),
                skipped: skipped + registered.len(),
            };
        }
        ClientAction::Archive => {
            db::users::set_state(&mut tx, &ids, UserState::Archived, now).await?;
        }
        ClientAction::Unarchive => {
            clients::ensure_room(&mut tx, &org, ids.len()).await?;
            db::users::set_state(&mut tx, &ids, UserState::Active, now).await?;
        }
        ClientAction::Delete | ClientAction::DeleteInvitations => {
            db::invitations::withdraw_for_users(&mut tx, &ids, now).await?;
        }
        ClientAction::ResendInvitations => {
            for person in &people {
                let previous = db::invitations::open_for_user(&mut tx, person.id).await?;
                let message = previous
                    .map(|i| i.message)
                    .unwrap_or_else(|| crate::domain::invitation::default_message(&org.name));
                let invite = invitations::Invite {
                    user_id: person.id,
                    email: &person.email,
                    message: &message,
                    roles: String::new(),
                };
                invitations::send(
                    &mut tx,
                    state,
                    &org,
                    admin.user_id,
                    UserKind::Client,
                    &invite,
                    now,
                )
                .await?;
            }
        }
        ClientAction::AcceptRequests => {
            clients::ensure_room(&mut tx, &org, ids.len()).await?;
            db::users::set_state(&mut tx, &ids, UserState::Active, now).await?;
            for person in &people {
                let email = mail::request_accepted(
                    &state.settings,
                    (org.id, &org.name),
                    person.id,
                    &person.email,
                );
                db::outbox::enqueue(&mut tx, &email, status, now).await?;
            }
        }
        ClientAction::RejectRequests => {
            for person in &people {
                let email = mail::request_rejected((org.id, &org.name), &person.email);
                db::outbox::enqueue(&mut tx, &email, status, now).await?;
            }
        }
    }
    db::audit::record_many(
        &mut tx,
        org.id,
        admin.user_id,
        action.audit_name(),
        &subjects,
        &extra,
        now,
    )
    .await?;
    if matches!(
        action,
        ClientAction::Delete | ClientAction::DeleteInvitations | ClientAction::RejectRequests
    ) {
        db::users::delete_many(&mut tx, &ids).await?;
    }
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok(outcome)
}

/// The clients the action applies to (sorted by id), and how many selected rows it skips
/// (pending rows of the other kind, for pending actions). Any row not in the caller's
/// organization and the action's view makes the whole action fail: the table is out of date,
/// or someone is probing.
async fn resolve(
    state: &AppState,
    tx: &mut Tx,
    admin: &Admin,
    target: &BulkTarget,
    action: &ClientAction,
) -> Result<(Vec<Person>, usize), AppError> {
    let view = action.view();
    let selected = match target {
        BulkTarget::Ids(ids) => {
            if ids.len() > BulkTarget::MAX_IDS {
                return Err(Invalid::new(
                    Field::Selection,
                    "Too many rows named one by one; use \"Select all matching\" instead.",
                )
                .into());
            }
            let mut wanted = ids.clone();
            wanted.sort_unstable();
            wanted.dedup();
            let found = db::users::clients_in_view(tx, admin.org_id, view, &wanted).await?;
            if !found.iter().map(|(p, _)| p.id).eq(wanted.iter().copied()) {
                return Err(AppError::Stale);
            }
            found
        }
        BulkTarget::Matching(query) => {
            if query.state != view {
                return Err(AppError::Stale);
            }
            let query = query.clone().clamped();
            let ids = db::users::ids_matching(tx, state.db.engine(), admin.org_id, &query).await?;
            db::users::clients_in_view(tx, admin.org_id, view, &ids).await?
        }
    };
    let total = selected.len();
    let applicable: Vec<Person> = selected
        .into_iter()
        .filter(|(_, pending)| {
            action
                .pending_kind()
                .is_none_or(|kind| *pending == Some(kind))
        })
        .map(|(person, _)| person)
        .collect();
    let skipped = total - applicable.len();
    Ok((applicable, skipped))
}

/// "View Registration Code": the active, unregistered client's working code (a new one if the
/// old one expired, was used up or never existed). Viewing is audited.
pub async fn registration_code(
    state: &AppState,
    admin: &Admin,
    id: i64,
) -> Result<RegistrationCode, AppError> {
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let client = db::users::get_client(&mut tx, admin.org_id, id, &db::users::Scope::All)
        .await?
        .ok_or(AppError::NotFound)?;
    if client.state != UserState::Active {
        return Err(AppError::Stale);
    }
    if client.registered {
        return Err(Invalid::new(
            Field::Code,
            format!(
                "{} has already registered and signs in with their own password.",
                client.full_name()
            ),
        )
        .into());
    }
    let (code, expires_at) = registration::current_or_new(&mut tx, id, now).await?;
    db::audit::record(
        &mut tx,
        db::audit::Entry {
            org_id: admin.org_id,
            actor_id: Some(admin.user_id),
            action: "registration_code_viewed",
            subject_user_id: Some(id),
            detail: format!("{} <{}>", client.full_name(), client.email),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(RegistrationCode {
        client_name: client.full_name(),
        email: client.email,
        code,
        expires_on: iso_date(expires_at),
    })
}
