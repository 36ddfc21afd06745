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

/// One entry per subject, for a bulk change: `subjects` are (user id, who they are in words).
pub async fn record_many(
    conn: &mut AnyConnection,
    org_id: i64,
    actor_id: i64,
    action: &str,
    subjects: &[(i64, String)],
    extra: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    for chunk in subjects.chunks(100) {
        let mut sql = super::Sql::new(
            "INSERT INTO audit_log (org_id, actor_id, action, subject_user_id, detail, created_at) VALUES ",
        );
        for (i, (subject, label)) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            let detail = if extra.is_empty() {
                label.clone()
            } else {
                format!("{label}; {extra}")
            };
            sql.push("(")
                .bind(org_id)
                .push(", ")
                .bind(actor_id)
                .push(", ")
                .bind(action.to_owned())
                .push(", ")
                .bind(*subject)
                .push(", ")
                .bind(detail)
                .push(", ")
                .bind(now)
                .push(")");
        }
        let (text, args) = sql.parts();
        sqlx::query_with(&text, args).execute(&mut *conn).await?;
    }
    Ok(())
}
