//! The Clients table: listing, one client, inline edits, bulk actions, registration codes,
//! tags for the filter, and the admin's column layout.
use super::error::AppError;
use crate::domain::{
    client_actions::{BulkOutcome, BulkTarget, ClientAction},
    client_details::ClientDraft,
    new_client::NewClientDraft,
    user::{Client, ClientPage, ClientQuery, RegistrationCode, TagSummary},
    ColumnLayout,
};
use leptos::{prelude::*, server_fn::codec::Postcard};
use serde::{Deserialize, Serialize};

/// What the invite forms and the sign-up link dialog show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Onboarding {
    pub sign_up_link: String,
    pub default_message: String,
    pub default_team_message: String,
}

/// One page of clients: every view for Administrators; for Practitioners the active clients
/// their security tags allow.
#[server(endpoint = "clients/list", input = Postcard, output = Postcard)]
pub async fn list_clients(query: ClientQuery) -> Result<ClientPage, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let reader = auth::require_client_reader(&state).await?;
    clients::list(&state, &reader, query).await
}

/// One client the caller may see; any other id is `NotFound`.
#[server(endpoint = "clients/get", input = Postcard, output = Postcard)]
pub async fn get_client(id: i64) -> Result<Client, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let reader = auth::require_client_reader(&state).await?;
    clients::get(&state, &reader, id).await
}

/// Saves an inline edit; `version` is the one the editor started from.
#[server(endpoint = "clients/update", input = Postcard, output = Postcard)]
pub async fn update_client(id: i64, version: i64, draft: ClientDraft) -> Result<Client, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    clients::update(&state, &admin, id, version, draft).await
}

/// The Create New Clients form: every row is created, or none.
#[server(endpoint = "clients/create", input = Postcard, output = Postcard)]
pub async fn create_clients(rows: Vec<NewClientDraft>) -> Result<usize, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    clients::create(&state, &admin, rows).await
}

/// "Invite Client By Email": addresses separated by commas, spaces or lines, and the message.
#[server(endpoint = "clients/invite", input = Postcard, output = Postcard)]
pub async fn invite_clients(addresses: String, message: String) -> Result<usize, AppError> {
    use crate::server::{auth, invitations, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    invitations::invite_clients(&state, &admin, &addresses, &message).await
}

/// The organization's public sign-up page and the default invitation message.
#[server(endpoint = "clients/onboarding", input = Postcard, output = Postcard)]
pub async fn get_onboarding() -> Result<Onboarding, AppError> {
    use crate::server::{auth, db, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    let mut conn = state.db.pool().acquire().await?;
    let org = db::orgs::get(&mut conn, admin.org_id).await?;
    Ok(Onboarding {
        sign_up_link: format!("{}/join/{}", state.settings.base_url, org.slug),
        default_message: crate::domain::invitation::default_message(&org.name),
        default_team_message: crate::domain::invitation::default_team_message(&org.name),
    })
}

/// Runs a "Select an action" entry on the ticked rows or on every row matching the query.
#[server(endpoint = "clients/act", input = Postcard, output = Postcard)]
pub async fn apply_client_action(
    target: BulkTarget,
    action: ClientAction,
) -> Result<BulkOutcome, AppError> {
    use crate::server::{auth, client_actions, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    client_actions::apply(&state, &admin, target, action).await
}

#[server(endpoint = "clients/registration_code", input = Postcard, output = Postcard)]
pub async fn view_registration_code(id: i64) -> Result<RegistrationCode, AppError> {
    use crate::server::{auth, client_actions, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    client_actions::registration_code(&state, &admin, id).await
}

#[server(endpoint = "clients/tags", input = Postcard, output = Postcard)]
pub async fn list_tags() -> Result<Vec<TagSummary>, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let reader = auth::require_client_reader(&state).await?;
    clients::tags(&state, &reader).await
}

#[server(endpoint = "clients/layout", input = Postcard, output = Postcard)]
pub async fn get_client_layout() -> Result<ColumnLayout, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let reader = auth::require_client_reader(&state).await?;
    clients::layout(&state, &reader).await
}

/// JSON input: URL-encoding drops empty lists, and a layout often has no hidden columns.
#[server(endpoint = "clients/layout/save", input = Postcard, output = Postcard)]
pub async fn save_client_layout(layout: ColumnLayout) -> Result<(), AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let reader = auth::require_client_reader(&state).await?;
    clients::save_layout(&state, &reader, layout).await
}

#[server(endpoint = "clients/layout/reset", input = Postcard, output = Postcard)]
pub async fn reset_client_layout() -> Result<ColumnLayout, AppError> {
    use crate::server::{auth, clients, AppState};
    let state = expect_context::<AppState>();
    let reader = auth::require_client_reader(&state).await?;
    clients::reset_layout(&state, &reader).await
}
