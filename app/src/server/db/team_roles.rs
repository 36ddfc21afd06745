//! The `team_roles` table: which roles each team member holds.
use crate::domain::Role;
use sqlx::{AnyConnection, Row};

pub async fn grant(conn: &mut AnyConnection, user_id: i64, role: Role) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO team_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(user_id)
        .bind(role.as_str())
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn of_user(conn: &mut AnyConnection, user_id: i64) -> Result<Vec<Role>, sqlx::Error> {
    let rows = sqlx::query("SELECT role FROM team_roles WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(conn)
        .await?;
    let mut roles: Vec<Role> = rows
        .iter()
        .filter_map(|r| r.try_get::<String, _>(0).ok())
        .filter_map(|r| Role::parse(&r))
        .collect();
    roles.sort();
    Ok(roles)
}
