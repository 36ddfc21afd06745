//! The `outbox` table: every email Roster sends, written in the same transaction as the change
//! that causes it, then delivered (or kept for the Sent email page) by the mail worker.
use super::{Sql, CHUNK};
use sqlx::{AnyConnection, Row};
use std::collections::HashSet;

/// A message ready to be stored. Addresses and subjects are already free of CR/LF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub org_id: Option<i64>,
    pub kind: &'static str,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub related_user_id: Option<i64>,
    pub related_invitation_id: Option<i64>,
}

/// Where a stored message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waiting for the worker (SMTP configured).
    Queued,
    Sent,
    /// Gave up: the address was refused, or retries ran out.
    Failed,
    /// No SMTP server configured: kept for the Sent email page.
    Kept,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Sent => "sent",
            Status::Failed => "failed",
            Status::Kept => "kept",
        }
    }
}

pub async fn enqueue(
    conn: &mut AnyConnection,
    message: &NewMessage,
    status: Status,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (org_id, kind, to_address, subject, body_text, related_user_id, related_invitation_id, status, \
         attempts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $9) RETURNING id",
    )
    .bind(message.org_id)
    .bind(message.kind)
    .bind(message.to_address.clone())
    .bind(message.subject.clone())
    .bind(message.body_text.clone())
    .bind(message.related_user_id)
    .bind(message.related_invitation_id)
    .bind(status.as_str())
    .bind(now)
    .fetch_one(conn)
    .await?
    .try_get(0)
}

/// Appends a SELECT of `columns` from the outbox rows that are the latest message about each
/// of `user_ids` and failed.
pub(super) fn push_last_failed(sql: &mut Sql, columns: &str, user_ids: &[i64]) {
    sql.push("SELECT ")
        .push(columns)
        .push(
            " FROM outbox WHERE status = 'failed' AND id IN \
             (SELECT MAX(id) FROM outbox WHERE related_user_id IN ",
        )
        .bind_list(user_ids)
        .push(" GROUP BY related_user_id)");
}

/// Of `user_ids`, those whose most recent email failed for good.
pub async fn last_failed_among(
    conn: &mut AnyConnection,
    user_ids: &[i64],
) -> Result<HashSet<i64>, sqlx::Error> {
    let mut failed = HashSet::new();
    for chunk in user_ids.chunks(CHUNK) {
        let mut sql = Sql::new("");
        push_last_failed(&mut sql, "related_user_id", chunk);
        let (text, args) = sql.parts();
        for row in sqlx::query_with(&text, args).fetch_all(&mut *conn).await? {
            failed.insert(row.try_get(0)?);
        }
    }
    Ok(failed)
}

/// A stored message, as the worker and the Sent email page read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

const STORED: &str = "SELECT id, to_address, subject, body_text, status, attempts, next_attempt_at, last_error, created_at, sent_at FROM outbox";

fn read(row: &sqlx::any::AnyRow) -> Result<Stored, sqlx::Error> {
    Ok(Stored {
        id: row.try_get(0)?,
        to_address: row.try_get(1)?,
        subject: row.try_get(2)?,
        body_text: row.try_get(3)?,
        status: row.try_get(4)?,
        attempts: row.try_get(5)?,
        next_attempt_at: row.try_get(6)?,
        last_error: row.try_get(7)?,
        created_at: row.try_get(8)?,
        sent_at: row.try_get(9)?,
    })
}

/// Queued messages whose time has come, oldest first.
pub async fn due(
    conn: &mut AnyConnection,
    now: i64,
    limit: i64,
) -> Result<Vec<Stored>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{STORED} WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(read).collect()
}

pub async fn mark_sent(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = $1, last_error = NULL WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Another try later (`failed`: no more tries). `error` is a short description, never a body.
pub async fn mark_attempt(
    conn: &mut AnyConnection,
    id: i64,
    next_attempt_at: i64,
    failed: bool,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET status = $1, attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $4",
    )
    .bind(if failed { "failed" } else { "queued" })
    .bind(next_attempt_at)
    .bind(error.to_owned())
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// One page of the organization's messages, newest first, and how many there are.
pub async fn page(
    conn: &mut AnyConnection,
    org_id: i64,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Stored>, i64), sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{STORED} WHERE org_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(org_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query("SELECT COUNT(*) FROM outbox WHERE org_id = $1")
        .bind(org_id)
        .fetch_one(conn)
        .await?
        .try_get(0)?;
    Ok((rows.iter().map(read).collect::<Result<_, _>>()?, total))
}
