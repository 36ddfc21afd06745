//! The `team_roles` table: which roles each team member holds.
use super::Sql;
use crate::domain::Role;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

pub async fn grant(conn: &mut AnyConnection, user_id: i64, role: Role) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO team_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(user_id)
        .bind(role.as_str())
        .execute(conn)
        .await
        .map(|_| ())
}

/// Gives the member exactly these roles.
pub async fn replace(
    conn: &mut AnyConnection,
    user_id: i64,
    roles: &[Role],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM team_roles WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    for role in roles {
        grant(conn, user_id, *role).await?;
    }
    Ok(())
}

/// Roles per member for the given members, each list in the usual order.
pub async fn of_users(
    conn: &mut AnyConnection,
    user_ids: &[i64],
) -> Result<HashMap<i64, Vec<Role>>, sqlx::Error> {
    let mut by_member: HashMap<i64, Vec<Role>> = HashMap::new();
    if user_ids.is_empty() {
        return Ok(by_member);
    }
    let mut sql = Sql::new("SELECT user_id, role FROM team_roles WHERE user_id IN ");
    sql.bind_list(user_ids);
    let (text, args) = sql.parts();
    for row in sqlx::query_with(&text, args).fetch_all(conn).await? {
        if let Some(role) = Role::parse(&row.try_get::<String, _>(1)?) {
            by_member.entry(row.try_get(0)?).or_default().push(role);
        }
    }
    by_member.values_mut().for_each(|roles| roles.sort());
    Ok(by_member)
}
