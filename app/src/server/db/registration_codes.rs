//! The `registration_codes` table: one current code per user, readable so an admin can view it.
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCode {
    pub user_id: i64,
    pub code: String,
    pub failed_attempts: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// Replaces the user's code with `code` (a resend rotates it and forgets failed attempts).
pub async fn put(
    conn: &mut AnyConnection,
    user_id: i64,
    code: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO registration_codes (user_id, code, failed_attempts, created_at, expires_at, used_at) \
         VALUES ($1, $2, 0, $3, $4, NULL) ON CONFLICT (user_id) DO UPDATE SET code = excluded.code, \
         failed_attempts = 0, created_at = excluded.created_at, expires_at = excluded.expires_at, used_at = NULL",
    )
    .bind(user_id)
    .bind(code.to_owned())
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await
    .map(|_| ())
}

const COLUMNS: &str =
    "SELECT user_id, code, failed_attempts, expires_at, used_at FROM registration_codes";

pub async fn of_user(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Option<StoredCode>, sqlx::Error> {
    let row = sqlx::query(&format!("{COLUMNS} WHERE user_id = $1"))
        .bind(user_id)
        .fetch_optional(conn)
        .await?;
    row.map(|r| read(&r)).transpose()
}

pub async fn find(conn: &mut AnyConnection, code: &str) -> Result<Option<StoredCode>, sqlx::Error> {
    let row = sqlx::query(&format!("{COLUMNS} WHERE code = $1"))
        .bind(code.to_owned())
        .fetch_optional(conn)
        .await?;
    row.map(|r| read(&r)).transpose()
}

pub async fn record_failure(conn: &mut AnyConnection, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE registration_codes SET failed_attempts = failed_attempts + 1 WHERE user_id = $1",
    )
    .bind(user_id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Uses the code up; false when it was used or replaced meanwhile (two submits at once).
pub async fn mark_used(
    conn: &mut AnyConnection,
    user_id: i64,
    code: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE registration_codes SET used_at = $1 WHERE user_id = $2 AND code = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(code.to_owned())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn read(row: &sqlx::any::AnyRow) -> Result<StoredCode, sqlx::Error> {
    Ok(StoredCode {
        user_id: row.try_get(0)?,
        code: row.try_get(1)?,
        failed_attempts: row.try_get(2)?,
        expires_at: row.try_get(3)?,
        used_at: row.try_get(4)?,
    })
}
