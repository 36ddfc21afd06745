//! The Audit Log page's use-case: a page of entries and the names its filters need.
use super::{auth::Admin, db, AppState};
use crate::{
    api::error::AppError,
    domain::{
        audit::{AuditPage, AuditQuery, PersonRef},
        team::TeamQuery,
        UserState,
    },
};

pub async fn page(
    state: &AppState,
    admin: &Admin,
    query: AuditQuery,
) -> Result<AuditPage, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let mut entries =
        db::audit::page(&mut conn, admin.org_id, &query, AuditQuery::PER_PAGE).await?;
    let older = if entries.len() > AuditQuery::PER_PAGE {
        entries.truncate(AuditQuery::PER_PAGE);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    let mut team = Vec::new();
    for view in UserState::ALL {
        let members = db::team_members::list(
            &mut conn,
            admin.org_id,
            &TeamQuery {
                state: view,
                ..TeamQuery::default()
            },
        )
        .await?;
        team.extend(members.into_iter().map(|m| PersonRef {
            id: Some(m.id),
            name: m.full_name(),
        }));
    }
    let person = match query.person {
        Some(id) => db::users::people(&mut conn, &[id])
            .await?
            .into_iter()
            .next()
            .map(|p| PersonRef {
                id: Some(p.id),
                name: p.label(),
            }),
        None => None,
    };
    Ok(AuditPage {
        entries,
        older,
        team,
        person,
    })
}
