//! The `invitations` table: one row per invitation email, the token stored only as its hash.
//! An open invitation has neither `accepted_at` nor `withdrawn_at`.
use super::{Sql, CHUNK};
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: i64,
    pub org_id: i64,
    /// `client` or `team`.
    pub kind: String,
    pub email: String,
    /// Comma-separated stored role names, for team invitations.
    pub roles: String,
    pub message: String,
    pub user_id: Option<i64>,
    pub expires_at: i64,
}

pub struct NewInvitation<'a> {
    pub org_id: i64,
    pub kind: &'static str,
    pub email: &'a str,
    pub roles: String,
    pub message: &'a str,
    pub token_hash: String,
    pub invited_by: Option<i64>,
    pub user_id: i64,
}

pub async fn insert(
    conn: &mut AnyConnection,
    invitation: &NewInvitation<'_>,
    now: i64,
    expires_at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO invitations (org_id, kind, email, roles, message, token_hash, invited_by, user_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(invitation.org_id)
    .bind(invitation.kind)
    .bind(invitation.email.to_owned())
    .bind(invitation.roles.clone())
    .bind(invitation.message.to_owned())
    .bind(invitation.token_hash.clone())
    .bind(invitation.invited_by)
    .bind(invitation.user_id)
    .bind(now)
    .bind(expires_at)
    .fetch_one(conn)
    .await?
    .try_get(0)
}

const COLUMNS: &str =
    "SELECT id, org_id, kind, email, roles, message, user_id, expires_at FROM invitations";

/// The newest open invitation of a pending user.
pub async fn open_for_user(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Option<Invitation>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "{COLUMNS} WHERE user_id = $1 AND accepted_at IS NULL AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1"
    ))
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    row.map(|r| read(&r)).transpose()
}

/// The open, unexpired invitation whose token hashes to `token_hash`.
pub async fn find_open(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<Invitation>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "{COLUMNS} WHERE token_hash = $1 AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > $2"
    ))
    .bind(token_hash.to_owned())
    .bind(now)
    .fetch_optional(conn)
    .await?;
    row.map(|r| read(&r)).transpose()
}

/// Closes every open invitation of these users (resend replaces; delete withdraws).
pub async fn withdraw_for_users(
    conn: &mut AnyConnection,
    user_ids: &[i64],
    now: i64,
) -> Result<(), sqlx::Error> {
    for chunk in user_ids.chunks(CHUNK) {
        let mut sql = Sql::new("UPDATE invitations SET withdrawn_at = ");
        sql.bind(now)
            .push(" WHERE accepted_at IS NULL AND withdrawn_at IS NULL AND user_id IN ")
            .bind_list(chunk);
        let (text, args) = sql.parts();
        sqlx::query_with(&text, args).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Closes the invitation as accepted; false when it was accepted or withdrawn meanwhile.
pub async fn mark_accepted(
    conn: &mut AnyConnection,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL AND withdrawn_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn read(row: &sqlx::any::AnyRow) -> Result<Invitation, sqlx::Error> {
    Ok(Invitation {
        id: row.try_get(0)?,
        org_id: row.try_get(1)?,
        kind: row.try_get(2)?,
        email: row.try_get(3)?,
        roles: row.try_get(4)?,
        message: row.try_get(5)?,
        user_id: row.try_get(6)?,
        expires_at: row.try_get(7)?,
    })
}
