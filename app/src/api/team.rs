//! The Team Members table.
use super::error::AppError;
use crate::domain::{user::TeamMember, UserState};
use leptos::prelude::*;

#[server(endpoint = "team/list")]
pub async fn list_team(state: UserState) -> Result<Vec<TeamMember>, AppError> {
    use crate::server::{auth, team, AppState};
    let app = expect_context::<AppState>();
    let admin = auth::require_admin(&app).await?;
    team::list(&app, &admin, state).await
}
