//! The Clients table: listing, tags for the filter, and the admin's column layout.
use super::error::AppError;
use crate::domain::{
    user::{ClientPage, ClientQuery, TagSummary},
    ColumnLayout,
};
use leptos::{prelude::*, server_fn::codec::Json};

#[server(endpoint = "clients/list")]
pub async fn list_clients(query: ClientQuery) -> Result<ClientPage, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    clients::list(&state, &admin, query).await
}

#[server(endpoint = "clients/tags")]
pub async fn list_tags() -> Result<Vec<TagSummary>, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    clients::tags(&state, &admin).await
}

#[server(endpoint = "clients/layout")]
pub async fn get_client_layout() -> Result<ColumnLayout, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    clients::layout(&state, &admin).await
}

/// JSON input: URL-encoding drops empty lists, and a layout often has no hidden columns.
#[server(endpoint = "clients/layout/save", input = Json)]
pub async fn save_client_layout(layout: ColumnLayout) -> Result<(), AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    clients::save_layout(&state, &admin, layout).await
}

#[server(endpoint = "clients/layout/reset")]
pub async fn reset_client_layout() -> Result<ColumnLayout, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    clients::reset_layout(&state, &admin).await
}
