//! Client use-cases: listing the Clients table and keeping each admin's column layout.
use super::{auth::Admin, db, AppState};
use crate::{
    api::error::AppError,
    domain::{
        user::{ClientPage, ClientQuery, TagSummary, UserKind},
        ColumnLayout,
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
