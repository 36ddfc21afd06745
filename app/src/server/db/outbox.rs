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

/// Of `user_ids`, those whose most recent email failed for good.
pub async fn last_failed_among(
    conn: &mut AnyConnection,
    user_ids: &[i64],
) -> Result<HashSet<i64>, sqlx::Error> {
    let mut failed = HashSet::new();
    for chunk in user_ids.chunks(CHUNK) {
        let mut sql = Sql::new(
            "SELECT related_user_id FROM outbox WHERE status = 'failed' AND id IN \
             (SELECT MAX(id) FROM outbox WHERE related_user_id IN ",
        );
        sql.bind_list(chunk).push(" GROUP BY related_user_id)");
        let (text, args) = sql.parts();
        for row in sqlx::query_with(&text, args).fetch_all(&mut *conn).await? {
            failed.insert(row.try_get(0)?);
        }
    }
    Ok(failed)
}
