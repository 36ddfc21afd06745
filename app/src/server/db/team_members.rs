//! The `users` table's team rows, as the Team Members table reads and edits them (roles come
//! from `team_roles`, security tags from `security_tags`).
use super::{
    users::{read_state, search_pattern, sort_name},
    Sql, CHUNK,
};
use crate::domain::{
    team::{TeamMemberDetails, TeamQuery, TeamSortKey},
    user::TeamMember,
    UserState,
};
use sqlx::{any::AnyRow, AnyConnection, Row};

const MEMBER_COLUMNS: &str =
    "SELECT u.id, u.first_name, u.last_name, u.email, u.is_owner, u.registered, u.state, \
     u.created_at, u.version FROM users u";

/// The members of one view matching the query's search, in its order (at most `MAX_ROWS`).
pub async fn list(
    conn: &mut AnyConnection,
    org_id: i64,
    query: &TeamQuery,
) -> Result<Vec<TeamMember>, sqlx::Error> {
    let mut sql = Sql::new(MEMBER_COLUMNS);
    sql.push(" WHERE u.org_id = ")
        .bind(org_id)
        .push(" AND u.kind = 'team' AND ")
        .push(&super::users::state_is(query.state));
    if !query.search.is_empty() {
        sql.push(" AND u.search_text LIKE ")
            .bind(search_pattern(&query.search));
    }
    let dir = if query.descending { "DESC" } else { "ASC" };
    sql.push(&match query.sort {
        TeamSortKey::Name => format!(" ORDER BY u.sort_name {dir}, u.id {dir}"),
        TeamSortKey::Email => format!(" ORDER BY u.email {dir}"),
        TeamSortKey::Created => format!(" ORDER BY u.created_at {dir}, u.id {dir}"),
    })
    .push(" LIMIT ")
    .bind(TeamQuery::MAX_ROWS as i64);
    let (text, args) = sql.parts();
    let rows = sqlx::query_with(&text, args).fetch_all(&mut *conn).await?;
    members_from(conn, &rows).await
}

/// One team member of the organization, or `None`.
pub async fn get(
    conn: &mut AnyConnection,
    org_id: i64,
    id: i64,
) -> Result<Option<TeamMember>, sqlx::Error> {
    let mut sql = Sql::new(MEMBER_COLUMNS);
    sql.push(" WHERE u.id = ")
        .bind(id)
        .push(" AND u.org_id = ")
        .bind(org_id)
        .push(" AND u.kind = 'team'");
    let (text, args) = sql.parts();
    let rows = sqlx::query_with(&text, args).fetch_all(&mut *conn).await?;
    Ok(members_from(conn, &rows).await?.pop())
}

fn read_member(row: &AnyRow) -> Result<TeamMember, sqlx::Error> {
    Ok(TeamMember {
        id: row.try_get("id")?,
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        email: row.try_get("email")?,
        roles: Vec::new(),
        is_owner: row.try_get::<i64, _>("is_owner")? == 1,
        security_tags: Vec::new(),
        registered: row.try_get::<i64, _>("registered")? == 1,
        state: read_state(row)?,
        email_failed: false,
        created_at_ms: row.try_get("created_at")?,
        version: row.try_get("version")?,
    })
}

/// Reads member rows and fills in their roles, security tags and failed deliveries.
async fn members_from(
    conn: &mut AnyConnection,
    rows: &[AnyRow],
) -> Result<Vec<TeamMember>, sqlx::Error> {
    let mut members = rows
        .iter()
        .map(read_member)
        .collect::<Result<Vec<_>, _>>()?;
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let mut roles = super::team_roles::of_users(conn, &ids).await?;
    let mut tags = super::security_tags::names_for(conn, &ids).await?;
    let failed = super::outbox::last_failed_among(conn, &ids).await?;
    for member in &mut members {
        member.roles = roles.remove(&member.id).unwrap_or_default();
        member.security_tags = tags.remove(&member.id).unwrap_or_default();
        member.email_failed = failed.contains(&member.id);
    }
    Ok(members)
}

/// Saves a member's name and email if they are still at `version` and not archived.
pub async fn update_details(
    conn: &mut AnyConnection,
    org_id: i64,
    id: i64,
    version: i64,
    details: &TeamMemberDetails,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (first, last, email) = (
        details.first_name.as_str(),
        details.last_name.as_str(),
        details.email.as_str(),
    );
    let done = sqlx::query(
        "UPDATE users SET first_name = $1, last_name = $2, email = $3, sort_name = $4, search_text = $5, \
         version = version + 1, updated_at = $6 \
         WHERE id = $7 AND org_id = $8 AND kind = 'team' AND state <> 'archived' AND version = $9",
    )
    .bind(first.to_owned())
    .bind(last.to_owned())
    .bind(email.to_owned())
    .bind(sort_name(first, last))
    .bind(super::users::search_text(first, last, email, None))
    .bind(now)
    .bind(id)
    .bind(org_id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that a member changed (roles, security tags): bumps the version an editor checks.
pub async fn touch(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Which of `ids` are team members of the organization in `state`.
pub async fn in_view(
    conn: &mut AnyConnection,
    org_id: i64,
    state: UserState,
    ids: &[i64],
) -> Result<Vec<i64>, sqlx::Error> {
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new("SELECT id FROM users WHERE org_id = ");
        sql.bind(org_id)
            .push(" AND kind = 'team' AND state = ")
            .bind(state.as_str())
            .push(" AND id IN ")
            .bind_list(chunk);
        let (text, args) = sql.parts();
        for row in sqlx::query_with(&text, args).fetch_all(&mut *conn).await? {
            found.push(row.try_get(0)?);
        }
    }
    found.sort_unstable();
    Ok(found)
}

/// The organization's active Administrators.
pub async fn active_admins(conn: &mut AnyConnection, org_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT u.id FROM users u JOIN team_roles r ON r.user_id = u.id \
         WHERE u.org_id = $1 AND u.kind = 'team' AND u.state = 'active' AND r.role = 'admin' ORDER BY u.id",
    )
    .bind(org_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(|r| r.try_get(0)).collect()
}
