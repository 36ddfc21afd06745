//! Registration codes: issued (or rotated) for a client and, when asked, emailed with the link
//! to the registration page.
use super::{
    db::{self, orgs::Organization, users::Person},
    mail, tokens, AppState,
};
use crate::api::error::AppError;
use sqlx::AnyConnection;

/// A code stops working after this many wrong dates of birth.
pub const MAX_FAILED_ATTEMPTS: i64 = 5;

/// Gives the person a fresh code (replacing any earlier one) and returns it.
pub async fn rotate(conn: &mut AnyConnection, user_id: i64, now: i64) -> Result<String, AppError> {
    let code = tokens::registration_code();
    db::registration_codes::put(conn, user_id, &code, now, now + mail::LINK_LIFETIME_MS).await?;
    Ok(code)
}

/// The person's code if it still works, else a fresh one: what "View Registration Code" shows.
pub async fn current_or_new(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<(String, i64), AppError> {
    if let Some(stored) = db::registration_codes::of_user(conn, user_id).await? {
        let usable = stored.used_at.is_none()
            && stored.expires_at > now
            && stored.failed_attempts < MAX_FAILED_ATTEMPTS;
        if usable {
            return Ok((stored.code, stored.expires_at));
        }
    }
    let code = rotate(conn, user_id, now).await?;
    Ok((code, now + mail::LINK_LIFETIME_MS))
}

/// Rotates each person's code and writes the email that carries it to the outbox (the caller
/// wakes the mail worker once its transaction has committed).
pub async fn send(
    conn: &mut AnyConnection,
    state: &AppState,
    org: &Organization,
    people: &[Person],
    now: i64,
) -> Result<(), AppError> {
    let status = mail::initial_status(&state.settings);
    for person in people {
        let code = rotate(conn, person.id, now).await?;
        let message = mail::registration_code(
            &state.settings,
            (org.id, &org.name),
            (person.id, &person.first_name, &person.email),
            &code,
        );
        db::outbox::enqueue(conn, &message, status, now).await?;
    }
    Ok(())
}
