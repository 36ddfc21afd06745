//! Client use-cases: listing the Clients table, one client, inline edits, and each admin's
//! column layout. Bulk actions live in `client_actions`.
use super::{auth::Admin, clock, db, AppState};
use crate::{
    api::error::AppError,
    domain::{
        client_details::{ClientDetails, ClientDraft},
        user::{Client, ClientPage, ClientQuery, TagSummary, UserKind},
        ColumnLayout, UserState,
    },
};

/// One page of the Clients table with the counts and limit the toolbar shows.
pub async fn list(
    state: &AppState,
    admin: &Admin,
    query: ClientQuery,
) -> Result<ClientPage, AppError> {
    let query = query.clamped();
    let engine = state.db.engine();
    let mut conn = state.db.pool().acquire().await?;
    let rows = db::users::list_clients(&mut conn, engine, admin.org_id, &query).await?;
    let counts = db::users::state_counts(&mut conn, admin.org_id, UserKind::Client).await?;
    let unfiltered = query.search.is_empty() && query.tag.is_none();
    let matching = if unfiltered {
        counts.of(query.state)
    } else {
        db::users::count_clients(&mut conn, engine, admin.org_id, &query).await?
    };
    let org = db::orgs::get(&mut conn, admin.org_id).await?;
    Ok(ClientPage {
        rows,
        matching,
        counts,
        client_limit: org.client_limit,
    })
}

/// One client of the caller's organization; another organization's client is `NotFound`.
pub async fn get(state: &AppState, admin: &Admin, id: i64) -> Result<Client, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    db::users::get_client(&mut conn, admin.org_id, id)
        .await?
        .ok_or(AppError::NotFound)
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
    let before = db::users::get_client(&mut tx, admin.org_id, id)
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
    let after = db::users::get_client(&mut tx, admin.org_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(after)
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

pub async fn tags(state: &AppState, admin: &Admin) -> Result<Vec<TagSummary>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    Ok(db::tags::list(&mut conn, admin.org_id).await?)
}

const CLIENTS_TABLE: &str = "clients";

/// The admin's saved layout, or the default. A layout that no longer parses is replaced by the default.
pub async fn layout(state: &AppState, admin: &Admin) -> Result<ColumnLayout, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let saved = db::layouts::get(&mut conn, admin.user_id, CLIENTS_TABLE).await?;
    Ok(saved
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

pub async fn save_layout(
    state: &AppState,
    admin: &Admin,
    layout: ColumnLayout,
) -> Result<(), AppError> {
    let json = serde_json::to_string(&layout).map_err(|_| AppError::Internal)?;
    let mut conn = state.db.pool().acquire().await?;
    Ok(db::layouts::put(&mut conn, admin.user_id, CLIENTS_TABLE, json).await?)
}

pub async fn reset_layout(state: &AppState, admin: &Admin) -> Result<ColumnLayout, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    db::layouts::delete(&mut conn, admin.user_id, CLIENTS_TABLE).await?;
    Ok(ColumnLayout::default())
}
