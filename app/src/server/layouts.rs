//! Each person's column layout per table (Clients, Team Members): saved as JSON, read back
//! leniently (a layout that no longer parses gives way to the default).
use super::{db, AppState};
use crate::{
    api::error::AppError,
    domain::{ColumnLayout, TableColumn},
};

pub async fn get<C: TableColumn>(
    state: &AppState,
    user_id: i64,
    table: &str,
) -> Result<ColumnLayout<C>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let saved = db::layouts::get(&mut conn, user_id, table).await?;
    Ok(saved
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

pub async fn save<C: TableColumn>(
    state: &AppState,
    user_id: i64,
    table: &str,
    layout: &ColumnLayout<C>,
) -> Result<(), AppError> {
    let json = serde_json::to_string(layout).map_err(|_| AppError::Internal)?;
    let mut conn = state.db.pool().acquire().await?;
    Ok(db::layouts::put(&mut conn, user_id, table, json).await?)
}

pub async fn reset<C: TableColumn>(
    state: &AppState,
    user_id: i64,
    table: &str,
) -> Result<ColumnLayout<C>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    db::layouts::delete(&mut conn, user_id, table).await?;
    Ok(ColumnLayout::default())
}
