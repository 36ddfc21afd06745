//! The Audit Log page: who did what to whom, and when.
use super::error::AppError;
use crate::domain::audit::{AuditPage, AuditQuery};
use leptos::{prelude::*, server_fn::codec::Postcard};

#[server(endpoint = "audit/list", input = Postcard, output = Postcard)]
pub async fn list_audit(query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::server::{audit, auth, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    audit::page(&state, &admin, query).await
}
