//! The `security_tags` table: the tags that limit which clients a Practitioner sees.
use super::Sql;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// The ids of the member's security tags (none: they see every client).
pub async fn of_user(conn: &mut AnyConnection, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT tag_id FROM security_tags WHERE user_id = $1 ORDER BY tag_id")
        .bind(user_id)
        .fetch_all(conn)
        .await?;
    rows.iter().map(|r| r.try_get(0)).collect()
}

/// Gives the member exactly these security tags.
pub async fn replace(
    conn: &mut AnyConnection,
    user_id: i64,
    tag_ids: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM security_tags WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    for tag_id in tag_ids {
        sqlx::query("INSERT INTO security_tags (user_id, tag_id) VALUES ($1, $2)")
            .bind(user_id)
            .bind(*tag_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Security tag names per member for the given members, each list sorted by name.
pub async fn names_for(
    conn: &mut AnyConnection,
    user_ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, sqlx::Error> {
    let mut by_member: HashMap<i64, Vec<String>> = HashMap::new();
    if user_ids.is_empty() {
        return Ok(by_member);
    }
    let mut sql = Sql::new(
        "SELECT s.user_id, t.name FROM security_tags s JOIN tags t ON t.id = s.tag_id WHERE s.user_id IN ",
    );
    sql.bind_list(user_ids).push(" ORDER BY t.name_key");
    let (text, args) = sql.parts();
    for row in sqlx::query_with(&text, args).fetch_all(conn).await? {
        by_member
            .entry(row.try_get(0)?)
            .or_default()
            .push(row.try_get(1)?);
    }
    Ok(by_member)
}
