//! The `tags` and `client_tags` tables.
use crate::domain::user::TagSummary;
use sqlx::{AnyConnection, Row};

/// The tag named `name` in the organization, created if it does not exist yet.
pub async fn ensure(
    conn: &mut AnyConnection,
    org_id: i64,
    name: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let key = name.trim().to_lowercase();
    sqlx::query("INSERT INTO tags (org_id, name, name_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (org_id, name_key) DO NOTHING")
        .bind(org_id)
        .bind(name.trim().to_owned())
        .bind(key.clone())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    sqlx::query("SELECT id FROM tags WHERE org_id = $1 AND name_key = $2")
        .bind(org_id)
        .bind(key)
        .fetch_one(conn)
        .await?
        .try_get(0)
}

pub async fn list(conn: &mut AnyConnection, org_id: i64) -> Result<Vec<TagSummary>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, name FROM tags WHERE org_id = $1 ORDER BY name_key")
        .bind(org_id)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(TagSummary {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
            })
        })
        .collect()
}

pub async fn attach(
    conn: &mut AnyConnection,
    user_id: i64,
    tag_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO client_tags (user_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(user_id)
        .bind(tag_id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Gives every user in `user_ids` every tag in `tag_ids` (already-tagged pairs stay as they are).
pub async fn attach_many(
    conn: &mut AnyConnection,
    user_ids: &[i64],
    tag_ids: &[i64],
) -> Result<(), sqlx::Error> {
    for tag_id in tag_ids {
        for chunk in user_ids.chunks(super::CHUNK) {
            let mut sql = super::Sql::new("INSERT INTO client_tags (user_id, tag_id) SELECT id, ");
            sql.bind(*tag_id)
                .push(" FROM users WHERE id IN ")
                .bind_list(chunk)
                .push(" ON CONFLICT DO NOTHING");
            let (text, args) = sql.parts();
            sqlx::query_with(&text, args).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// Gives each user in `pairs` its tag: `(user id, tag id)`.
pub async fn attach_pairs(
    conn: &mut AnyConnection,
    pairs: &[(i64, i64)],
) -> Result<(), sqlx::Error> {
    for chunk in pairs.chunks(super::CHUNK) {
        let mut sql = super::Sql::new("INSERT INTO client_tags (user_id, tag_id) VALUES ");
        for (i, (user, tag)) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(").bind(*user).push(", ").bind(*tag).push(")");
        }
        sql.push(" ON CONFLICT DO NOTHING");
        let (text, args) = sql.parts();
        sqlx::query_with(&text, args).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Of `ids`, those that are tags of the organization, with their names, in name order.
pub async fn named_in_org(
    conn: &mut AnyConnection,
    org_id: i64,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = super::Sql::new("SELECT id, name FROM tags WHERE org_id = ");
    sql.bind(org_id)
        .push(" AND id IN ")
        .bind_list(ids)
        .push(" ORDER BY name_key");
    let (text, args) = sql.parts();
    sqlx::query_with(&text, args)
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}
