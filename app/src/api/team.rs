//! The Team Members tab: listing, inline edits, roles and security tags (saved at once), adding
//! and inviting members, bulk actions, registration codes and the column layout.
use super::error::AppError;
use crate::domain::{
    client_actions::BulkOutcome,
    team::{NewMemberDraft, TeamAction, TeamColumn, TeamMemberDraft, TeamPage, TeamQuery},
    user::{RegistrationCode, TeamMember},
    ColumnLayout, Role,
};
use leptos::{prelude::*, server_fn::codec::Postcard};

#[server(endpoint = "team/list", input = Postcard, output = Postcard)]
pub async fn list_team(query: TeamQuery) -> Result<TeamPage, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::list(&state, &admin, query).await
}

#[server(endpoint = "team/get", input = Postcard, output = Postcard)]
pub async fn get_team_member(id: i64) -> Result<TeamMember, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::get(&state, &admin, id).await
}

/// Saves an inline edit of a member's name and email; `version` is the one the editor started from.
#[server(endpoint = "team/update", input = Postcard, output = Postcard)]
pub async fn update_team_member(
    id: i64,
    version: i64,
    draft: TeamMemberDraft,
) -> Result<TeamMember, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::update(&state, &admin, id, version, draft).await
}

/// The Roles dropdown: the member's roles become exactly these. Their sessions end; when the
/// member is the caller, the caller gets a fresh session at once.
#[server(endpoint = "team/roles", input = Postcard, output = Postcard)]
pub async fn set_member_roles(id: i64, roles: Vec<Role>) -> Result<TeamMember, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    let member = team::set_roles(&state, &admin, id, roles).await?;
    if id == admin.user_id {
        auth::renew_session(&state, id).await?;
    }
    Ok(member)
}

/// The Security Tags dropdown: the member sees only clients carrying one of these (none: all).
#[server(endpoint = "team/security_tags", input = Postcard, output = Postcard)]
pub async fn set_member_security_tags(id: i64, tags: Vec<i64>) -> Result<TeamMember, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::set_security_tags(&state, &admin, id, tags).await
}

/// The Create New Members form: every row is created, or none.
#[server(endpoint = "team/create", input = Postcard, output = Postcard)]
pub async fn create_team_members(rows: Vec<NewMemberDraft>) -> Result<usize, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::create(&state, &admin, rows).await
}

/// "Invite Team Member By Email": the roles, the addresses and the message.
#[server(endpoint = "team/invite", input = Postcard, output = Postcard)]
pub async fn invite_team_members(
    addresses: String,
    roles: Vec<Role>,
    message: String,
) -> Result<usize, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::invite(&state, &admin, &addresses, &roles, &message).await
}

#[server(endpoint = "team/act", input = Postcard, output = Postcard)]
pub async fn apply_team_action(ids: Vec<i64>, action: TeamAction) -> Result<BulkOutcome, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::apply(&state, &admin, ids, action).await
}

#[server(endpoint = "team/registration_code", input = Postcard, output = Postcard)]
pub async fn view_member_registration_code(id: i64) -> Result<RegistrationCode, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::registration_code(&state, &admin, id).await
}

#[server(endpoint = "team/layout", input = Postcard, output = Postcard)]
pub async fn get_team_layout() -> Result<ColumnLayout<TeamColumn>, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::layout(&state, &admin).await
}

#[server(endpoint = "team/layout/save", input = Postcard, output = Postcard)]
pub async fn save_team_layout(layout: ColumnLayout<TeamColumn>) -> Result<(), AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::save_layout(&state, &admin, layout).await
}

#[server(endpoint = "team/layout/reset", input = Postcard, output = Postcard)]
pub async fn reset_team_layout() -> Result<ColumnLayout<TeamColumn>, AppError> {
    use crate::server::{auth, team, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    team::reset_layout(&state, &admin).await
}
