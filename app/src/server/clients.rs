//! Client use-cases: listing the Clients table, one client, inline edits, and each reader's
//! column layout. Bulk actions live in `client_actions`. Reads go through a `Reader`, so a
//! Practitioner with security tags never sees a client outside them.
use super::{
    auth::{Admin, Reader},
    clock,
    db::{self, orgs::Organization, users::Scope, Tx},
    layouts, AppState,
};
use crate::{
    api::error::AppError,
    domain::{
        client_details::{ClientDetails, ClientDraft},
        new_client::{parse_rows, NewClientDraft},
        user::{Client, ClientPage, ClientQuery, StateCounts, TagSummary, UserKind},
        ColumnLayout, Field, Invalid, UserState,
    },
};

/// One page of the Clients table with the counts and limit the toolbar shows. Practitioners
/// see the active clients of their scope only, and no limit.
pub async fn list(
    state: &AppState,
    reader: &Reader,
    query: ClientQuery,
) -> Result<ClientPage, AppError> {
    let mut query = query.clamped();
    if !reader.is_admin {
        query.state = UserState::Active;
    }
    let engine = state.db.engine();
    let mut conn = state.db.pool().acquire().await?;
    let listing =
        db::users::list_clients(&mut conn, engine, reader.org_id, &query, &reader.scope).await?;
    let (counts, client_limit) = match (&reader.scope, reader.is_admin) {
        (Scope::All, true) => db::users::client_counts_and_limit(&mut conn, reader.org_id).await?,
        (Scope::All, false) => (
            StateCounts {
                active: db::users::state_counts(&mut conn, reader.org_id, UserKind::Client)
                    .await?
                    .active,
                ..StateCounts::default()
            },
            0,
        ),
        (Scope::Tagged(tags), _) => {
            let active =
                db::users::scoped_count(&mut conn, engine, reader.org_id, UserState::Active, tags)
                    .await?;
            (
                StateCounts {
                    active: active.min(db::users::MATCH_CAP as i64),
                    ..StateCounts::default()
                },
                0,
            )
        }
    };
    Ok(ClientPage {
        rows: listing.rows,
        matching: listing.matching.unwrap_or_else(|| counts.of(query.state)),
        capped: listing.capped,
        counts,
        client_limit,
    })
}

/// One client the reader may see; another organization's client, or one outside a
/// Practitioner's security tags, is `NotFound` (never `Forbidden`: its existence stays hidden).
pub async fn get(state: &AppState, reader: &Reader, id: i64) -> Result<Client, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let client = db::users::get_client(&mut conn, reader.org_id, id, &reader.scope)
        .await?
        .filter(|c| reader.is_admin || c.state == UserState::Active);
    client.ok_or(AppError::NotFound)
}

/// Saves an inline edit made from `version`. If someone saved the client since, nothing is
/// written and the caller hears `Stale`; archived clients are read-only.
pub async fn update(
    state: &AppState,
    admin: &Admin,
    id: i64,
    version: i64,
    draft: ClientDraft,
) -> Result<Client, AppError> {
    let details = draft
        .parse(clock::today())
        .map_err(|errors| AppError::InvalidRows(errors.into_iter().map(|e| (0, e)).collect()))?;
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let before = db::users::get_client(&mut tx, admin.org_id, id, &Scope::All)
        .await?
        .ok_or(AppError::NotFound)?;
    if before.state == UserState::Archived {
        return Err(AppError::ReadOnly);
    }
    if before.version != version
        || !db::users::update_client(&mut tx, admin.org_id, id, version, &details, now).await?
    {
        return Err(AppError::Stale);
    }
    db::audit::record(
        &mut tx,
        db::audit::Entry {
            org_id: admin.org_id,
            actor_id: Some(admin.user_id),
            action: "client_edited",
            subject_user_id: Some(id),
            detail: changed_fields(&before, &details),
        },
        now,
    )
    .await?;
    let after = db::users::get_client(&mut tx, admin.org_id, id, &Scope::All)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(after)
}

/// The Create New Clients form: every row or none. Rows whose email the organization already
/// uses are reported against their row; clients that asked for it get a registration code.
pub async fn create(
    state: &AppState,
    admin: &Admin,
    rows: Vec<NewClientDraft>,
) -> Result<usize, AppError> {
    let new_clients = parse_rows(&rows, clock::today()).map_err(AppError::InvalidRows)?;
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let org = db::orgs::lock(&mut tx, admin.org_id).await?;
    let mut taken = Vec::new();
    for (row, client) in new_clients.iter().enumerate() {
        let email = client.details.email.as_str();
        if db::users::find_id_by_email(&mut tx, org.id, email)
            .await?
            .is_some()
        {
            taken.push((
                row,
                Invalid::new(
                    Field::Email,
                    "Someone in your practice already uses this email",
                ),
            ));
        }
    }
    if !taken.is_empty() {
        return Err(AppError::InvalidRows(taken));
    }
    ensure_room(&mut tx, &org, new_clients.len()).await?;
    let mut subjects = Vec::with_capacity(new_clients.len());
    let mut send_codes_to = Vec::new();
    for client in &new_clients {
        let details = &client.details;
        let external_id = details.external_id.as_ref().map(|e| e.as_str().to_string());
        let user = db::users::NewUser {
            org_id: org.id,
            kind: UserKind::Client,
            first_name: details.first_name.as_str(),
            last_name: details.last_name.as_str(),
            email: details.email.as_str(),
            date_of_birth: Some(details.date_of_birth.iso()),
            sex_at_birth: Some(details.sex_at_birth),
            external_id,
            state: UserState::Active,
            pending_kind: None,
            registered: false,
            is_owner: false,
            password_hash: None,
        };
        let id = db::users::insert(&mut tx, &user, now).await?;
        let mut tag_ids = Vec::with_capacity(client.tags.len());
        for tag in &client.tags {
            tag_ids.push(db::tags::ensure(&mut tx, org.id, tag.as_str(), now).await?);
        }
        db::tags::attach_many(&mut tx, &[id], &tag_ids).await?;
        let person = db::users::Person {
            id,
            first_name: details.first_name.as_str().to_string(),
            last_name: details.last_name.as_str().to_string(),
            email: details.email.as_str().to_string(),
        };
        subjects.push((id, person.label()));
        if client.send_code {
            send_codes_to.push(person);
        }
    }
    super::registration::send(&mut tx, state, &org, &send_codes_to, UserKind::Client, now).await?;
    db::audit::record_many(
        &mut tx,
        org.id,
        admin.user_id,
        "client_created",
        &subjects,
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok(new_clients.len())
}

/// "changed Email, Last Name" for the audit log.
fn changed_fields(before: &Client, after: &ClientDetails) -> String {
    let external_id = after.external_id.as_ref().map(|e| e.as_str());
    let changes = [
        ("First Name", before.first_name != after.first_name.as_str()),
        ("Last Name", before.last_name != after.last_name.as_str()),
        ("Email", before.email != after.email.as_str()),
        (
            "Date of Birth",
            before.date_of_birth.as_deref() != Some(after.date_of_birth.iso().as_str()),
        ),
        (
            "Sex at Birth",
            before.sex_at_birth != Some(after.sex_at_birth),
        ),
        ("External ID", before.external_id.as_deref() != external_id),
    ];
    let names: Vec<&str> = changes
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

/// Refuses to make `adding` more clients active when they would pass the client limit.
pub async fn ensure_room(tx: &mut Tx, org: &Organization, adding: usize) -> Result<(), AppError> {
    let active = db::users::state_counts(tx, org.id, UserKind::Client)
        .await?
        .active;
    let adding = i64::try_from(adding).unwrap_or(i64::MAX);
    if active.saturating_add(adding) > org.client_limit {
        return Err(AppError::LimitReached {
            fits: (org.client_limit - active).max(0),
            limit: org.client_limit,
        });
    }
    Ok(())
}

pub async fn tags(state: &AppState, reader: &Reader) -> Result<Vec<TagSummary>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    Ok(db::tags::list(&mut conn, reader.org_id).await?)
}

const CLIENTS_TABLE: &str = "clients";

/// The reader's saved layout of the Clients table, or the default.
pub async fn layout(state: &AppState, reader: &Reader) -> Result<ColumnLayout, AppError> {
    layouts::get(state, reader.user_id, CLIENTS_TABLE).await
}

pub async fn save_layout(
    state: &AppState,
    reader: &Reader,
    layout: ColumnLayout,
) -> Result<(), AppError> {
    layouts::save(state, reader.user_id, CLIENTS_TABLE, &layout).await
}

pub async fn reset_layout(state: &AppState, reader: &Reader) -> Result<ColumnLayout, AppError> {
    layouts::reset(state, reader.user_id, CLIENTS_TABLE).await
}
