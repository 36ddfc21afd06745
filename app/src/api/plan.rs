//! The plan page: the organization's client limit and how it is used.
use super::error::AppError;
use crate::domain::plan::Plan;
use leptos::{prelude::*, server_fn::codec::Postcard};

#[server(endpoint = "plan/get", input = Postcard, output = Postcard)]
pub async fn get_plan() -> Result<Plan, AppError> {
    use crate::server::{auth, plan, AppState};
    let state = expect_context::<AppState>();
    let viewer = auth::require_plan_viewer(&state).await?;
    plan::get(&state, &viewer).await
}

/// Billing Administrators and the Owner change the client limit (as typed: "1,500" is fine).
#[server(endpoint = "plan/client_limit", input = Postcard, output = Postcard)]
pub async fn set_client_limit(limit: String) -> Result<Plan, AppError> {
    use crate::server::{auth, plan, AppState};
    let state = expect_context::<AppState>();
    let viewer = auth::require_plan_viewer(&state).await?;
    plan::set_client_limit(&state, &viewer, &limit).await
}
