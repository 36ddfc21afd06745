//! The Sent email page: every message Roster wrote for the organization and where it stands.
use super::error::AppError;
use leptos::{prelude::*, server_fn::codec::Postcard};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentEmail {
    pub id: i64,
    pub created_at_ms: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// "Kept", "Queued", "Sent" or "Failed".
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at_ms: i64,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentEmailPage {
    pub messages: Vec<SentEmail>,
    pub total: i64,
    /// False when no SMTP server is configured: messages are kept here instead of sent.
    pub smtp: bool,
}

pub const PER_PAGE: u32 = 20;

#[server(endpoint = "mail/list", input = Postcard, output = Postcard)]
pub async fn list_sent_email(page: u32) -> Result<SentEmailPage, AppError> {
    use crate::server::{auth, db, AppState};
    let state = expect_context::<AppState>();
    let admin = auth::require_admin(&state).await?;
    let offset = i64::from(page.max(1) - 1) * i64::from(PER_PAGE);
    let mut conn = state.db.pool().acquire().await?;
    let (stored, total) =
        db::outbox::page(&mut conn, admin.org_id, i64::from(PER_PAGE), offset).await?;
    let messages = stored
        .into_iter()
        .map(|m| SentEmail {
            id: m.id,
            created_at_ms: m.created_at,
            to: m.to_address,
            subject: m.subject,
            body: m.body_text,
            status: match m.status.as_str() {
                "kept" => "Kept",
                "queued" => "Queued",
                "sent" => "Sent",
                _ => "Failed",
            }
            .to_string(),
            attempts: m.attempts,
            next_attempt_at_ms: m.next_attempt_at,
            last_error: m.last_error,
        })
        .collect();
    Ok(SentEmailPage {
        messages,
        total,
        smtp: state.settings.smtp_url.is_some(),
    })
}
