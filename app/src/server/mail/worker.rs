//! Delivers the outbox over SMTP. Woken when a transaction queues mail and every few seconds
//! otherwise; a message that cannot be delivered now is retried with growing pauses, and one the
//! server refuses for good (or that ran out of tries) is marked failed for admins to see.
use super::super::{clock, db, settings::Settings, AppState};
use crate::api::error::AppError;
use lettre::{
    message::{header::ContentType, Mailbox},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::time::Duration;

/// After this many tries a message is marked failed.
pub const MAX_ATTEMPTS: i64 = 10;

/// How long to wait before try `attempts + 1`: 30 s, 1 min, 2 min … at most an hour.
pub fn backoff_ms(attempts: i64) -> i64 {
    let doubled = 30_000_i64.saturating_mul(1_i64 << attempts.clamp(0, 20));
    doubled.min(60 * 60 * 1000)
}

/// The SMTP connection settings and the From address.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `None` without SMTP_URL (messages are kept for the Sent email page). A URL or From that
    /// cannot be read is an error at start-up, not a surprise at the first email.
    pub fn from_settings(settings: &Settings) -> Result<Option<Mailer>, String> {
        let Some(url) = &settings.smtp_url else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
            .map_err(|e| format!("SMTP_URL is not a usable smtp:// or smtps:// address: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = settings
            .mail_from
            .parse()
            .map_err(|e| format!("MAIL_FROM is not an email address: {e}"))?;
        Ok(Some(Mailer { transport, from }))
    }
}

/// What one pass of the worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// Tries every message due at `now` once.
pub async fn deliver_due(state: &AppState, mailer: &Mailer, now: i64) -> Result<Pass, AppError> {
    let mut pass = Pass::default();
    loop {
        let due = {
            let mut conn = state.db.pool().acquire().await?;
            db::outbox::due(&mut conn, now, 50).await?
        };
        if due.is_empty() {
            return Ok(pass);
        }
        for message in due {
            let outcome = send(mailer, &message).await;
            let mut conn = state.db.pool().acquire().await?;
            match outcome {
                Ok(()) => {
                    db::outbox::mark_sent(&mut conn, message.id, clock::now_ms()).await?;
                    pass.sent += 1;
                }
                Err((permanent, error)) => {
                    let failed = permanent || message.attempts + 1 >= MAX_ATTEMPTS;
                    tracing::warn!(outbox_id = message.id, attempts = message.attempts + 1, failed, %error, "email not delivered");
                    let next = now + backoff_ms(message.attempts);
                    db::outbox::mark_attempt(&mut conn, message.id, next, failed, &error).await?;
                    if failed {
                        pass.failed += 1;
                    } else {
                        pass.retrying += 1;
                    }
                }
            }
        }
    }
}

/// Sends one message; on failure says whether the server refused it for good, and why (the
/// reason never contains the body, so no code or link reaches the log).
async fn send(mailer: &Mailer, message: &db::outbox::Stored) -> Result<(), (bool, String)> {
    let to: Mailbox = message
        .to_address
        .parse()
        .map_err(|_| (true, "the address cannot receive email".to_string()))?;
    let email = Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(message.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(message.body_text.clone())
        .map_err(|e| (true, format!("the message could not be built: {e}")))?;
    match mailer.transport.send(email).await {
        Ok(_) => Ok(()),
        Err(e) if e.is_permanent() => Err((true, format!("refused by the mail server: {e}"))),
        Err(e) => Err((false, format!("mail server unavailable: {e}"))),
    }
}

/// Runs the worker until the process ends.
pub fn spawn(state: AppState, mailer: Mailer) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = deliver_due(&state, &mailer, clock::now_ms()).await {
                tracing::error!(%error, "the mail worker could not read the outbox");
            }
            tokio::select! {
                () = state.mail_wakeup.notified() => {}
                () = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_between_tries_double_up_to_an_hour() {
        assert_eq!(backoff_ms(0), 30_000);
        assert_eq!(backoff_ms(1), 60_000);
        assert_eq!(backoff_ms(3), 240_000);
        assert_eq!(backoff_ms(9), 3_600_000);
        assert_eq!(backoff_ms(500), 3_600_000);
    }
}
