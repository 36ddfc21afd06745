//! The `organizations` table.
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub client_limit: i64,
}

pub async fn insert(
    conn: &mut AnyConnection,
    name: &str,
    slug: &str,
    client_limit: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query("INSERT INTO organizations (name, slug, client_limit, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(name.to_owned())
        .bind(slug.to_owned())
        .bind(client_limit)
        .bind(now)
        .fetch_one(conn)
        .await?
        .try_get(0)
}

pub async fn find_by_slug(
    conn: &mut AnyConnection,
    slug: &str,
) -> Result<Option<Organization>, sqlx::Error> {
    let row = sqlx::query("SELECT id, name, slug, client_limit FROM organizations WHERE slug = $1")
        .bind(slug.to_owned())
        .fetch_optional(conn)
        .await?;
    row.map(|r| read(&r)).transpose()
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Organization, sqlx::Error> {
    let row = sqlx::query("SELECT id, name, slug, client_limit FROM organizations WHERE id = $1")
        .bind(id)
        .fetch_one(conn)
        .await?;
    read(&row)
}

/// Takes the organization's row lock until the transaction ends, so two changes that check the
/// client limit run one after the other (a no-op write: SQLite takes its write lock, PostgreSQL
/// the row lock).
pub async fn lock(conn: &mut AnyConnection, id: i64) -> Result<Organization, sqlx::Error> {
    sqlx::query("UPDATE organizations SET client_limit = client_limit WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    get(conn, id).await
}

fn read(row: &sqlx::any::AnyRow) -> Result<Organization, sqlx::Error> {
    Ok(Organization {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        slug: row.try_get("slug")?,
        client_limit: row.try_get("client_limit")?,
    })
}

pub async fn set_client_limit(
    conn: &mut AnyConnection,
    id: i64,
    limit: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE organizations SET client_limit = $1 WHERE id = $2")
        .bind(limit)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}
