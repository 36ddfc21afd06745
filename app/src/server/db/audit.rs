//! The `audit_log` table: who did what to whom, when.
use sqlx::AnyConnection;

pub struct Entry<'a> {
    pub org_id: i64,
    pub actor_id: Option<i64>,
    pub action: &'a str,
    pub subject_user_id: Option<i64>,
    pub detail: String,
}

pub async fn record(
    conn: &mut AnyConnection,
    entry: Entry<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (org_id, actor_id, action, subject_user_id, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entry.org_id)
    .bind(entry.actor_id)
    .bind(entry.action.to_owned())
    .bind(entry.subject_user_id)
    .bind(entry.detail)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}
