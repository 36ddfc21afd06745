//! The plan page's use-cases: reading the client limit and its use, and changing the limit.
use super::{auth::PlanViewer, clock, db, AppState};
use crate::{
    api::error::AppError,
    domain::{
        plan::{parse_client_limit, Plan},
        user::UserKind,
        Field, Invalid,
    },
};
use sqlx::AnyConnection;

async fn read(conn: &mut AnyConnection, viewer: &PlanViewer) -> Result<Plan, AppError> {
    let org = db::orgs::get(conn, viewer.org_id).await?;
    let counts = db::users::state_counts(conn, viewer.org_id, UserKind::Client).await?;
    Ok(Plan {
        organization: org.name,
        client_limit: org.client_limit,
        active_clients: counts.active,
        pending_clients: counts.pending,
        archived_clients: counts.archived,
        can_change: viewer.can_change,
    })
}

pub async fn get(state: &AppState, viewer: &PlanViewer) -> Result<Plan, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    read(&mut conn, viewer).await
}

/// Sets a new client limit; never below the clients already active.
pub async fn set_client_limit(
    state: &AppState,
    viewer: &PlanViewer,
    raw: &str,
) -> Result<Plan, AppError> {
    if !viewer.can_change {
        return Err(Invalid::new(
            Field::ClientLimit,
            "Only a Billing Administrator or the Owner can change the client limit.",
        )
        .into());
    }
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let org = db::orgs::lock(&mut tx, viewer.org_id).await?;
    let active = db::users::state_counts(&mut tx, org.id, UserKind::Client)
        .await?
        .active;
    let limit = parse_client_limit(raw, active)?;
    if limit != org.client_limit {
        db::orgs::set_client_limit(&mut tx, org.id, limit).await?;
        db::audit::record(
            &mut tx,
            db::audit::Entry {
                org_id: org.id,
                actor_id: Some(viewer.user_id),
                action: "client_limit_changed",
                subject_user_id: None,
                detail: format!("{} → {limit}", org.client_limit),
            },
            now,
        )
        .await?;
    }
    let plan = read(&mut tx, viewer).await?;
    tx.commit().await?;
    Ok(plan)
}
