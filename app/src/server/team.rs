//! Team member use-cases: listing the Team Members table.
use super::{auth::Admin, db, AppState};
use crate::{
    api::error::AppError,
    domain::{user::TeamMember, UserState},
};

pub async fn list(
    state: &AppState,
    admin: &Admin,
    view: UserState,
) -> Result<Vec<TeamMember>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    Ok(db::users::list_team(&mut conn, admin.org_id, view).await?)
}
