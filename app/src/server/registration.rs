//! Registration codes: issued (or rotated) for a client or team member and, when asked, emailed
//! with the link to the registration page. Registering takes the code plus a second fact the
//! person knows: a client's date of birth, a team member's email address.
use super::{
    clock,
    db::{self, orgs::Organization, users::Person},
    mail, password, tokens, AppState,
};
use crate::{
    api::error::AppError,
    domain::{password::Password, user::UserKind, DateOfBirth, Email, UserState},
};
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
    kind: UserKind,
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
            kind,
        );
        db::outbox::enqueue(conn, &message, status, now).await?;
    }
    Ok(())
}

/// What the person typed besides the code: a client's date of birth or a team member's email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proof<'a> {
    pub date_of_birth: &'a str,
    pub email: &'a str,
}

/// The registration page: a code, the date of birth (clients) or email (team members) on
/// record and a new password. Every failure of the code or the proof gets the same answer; five
/// wrong proofs lock the code.
pub async fn register(
    state: &AppState,
    code: &str,
    proof: Proof<'_>,
    password: &str,
    ip: Option<std::net::IpAddr>,
) -> Result<(), AppError> {
    let password = Password::parse(password)?;
    let keys: Vec<String> = ip.map(|ip| format!("register:{ip}")).into_iter().collect();
    if state.public_limiter.is_blocked(&keys) {
        return Err(AppError::TooManyAttempts);
    }
    let code = tokens::normalize_code(code);
    let typed = Typed {
        date_of_birth: DateOfBirth::parse(proof.date_of_birth).ok(),
        email: Email::parse(proof.email).ok(),
    };
    let now = clock::now_ms();
    let checked = {
        let mut tx = state.db.begin().await?;
        let verdict = check(&mut tx, &code, &typed, now).await?;
        tx.commit().await?;
        verdict
    };
    let Some(user_id) = checked else {
        state.public_limiter.record_failure(&keys);
        return Err(AppError::RegistrationFailed);
    };
    let hash = password::hash(&password).await?;
    let mut tx = state.db.begin().await?;
    // The code is checked again: it may have been used or rotated while the hash was computed.
    if check(&mut tx, &code, &typed, now).await? != Some(user_id) {
        return Err(AppError::RegistrationFailed);
    }
    let target = db::users::registration_target(&mut tx, user_id)
        .await?
        .ok_or(AppError::RegistrationFailed)?;
    // Used up first and only once: a second submit racing this one stops here.
    if !db::registration_codes::mark_used(&mut tx, user_id, &code, now).await? {
        return Err(AppError::RegistrationFailed);
    }
    db::users::set_password(&mut tx, user_id, &hash, now).await?;
    db::audit::record(
        &mut tx,
        db::audit::Entry {
            org_id: target.org_id,
            actor_id: Some(user_id),
            action: "client_registered",
            subject_user_id: Some(user_id),
            detail: String::new(),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The proof as parsed; what does not parse matches nothing.
struct Typed {
    date_of_birth: Option<DateOfBirth>,
    email: Option<Email>,
}

/// The user the code registers, if the code works and the proof matches. A wrong proof counts
/// against the code.
async fn check(
    conn: &mut AnyConnection,
    code: &str,
    typed: &Typed,
    now: i64,
) -> Result<Option<i64>, AppError> {
    let Some(stored) = db::registration_codes::find(conn, code).await? else {
        return Ok(None);
    };
    let usable = stored.used_at.is_none()
        && stored.expires_at > now
        && stored.failed_attempts < MAX_FAILED_ATTEMPTS;
    let Some(target) = db::users::registration_target(conn, stored.user_id).await? else {
        return Ok(None);
    };
    if !usable || target.registered || target.state != UserState::Active {
        return Ok(None);
    }
    let matches = match target.kind {
        UserKind::Client => typed
            .date_of_birth
            .is_some_and(|d| target.date_of_birth.as_deref() == Some(d.iso().as_str())),
        UserKind::Team => typed
            .email
            .as_ref()
            .is_some_and(|e| e.as_str() == target.email),
    };
    if !matches {
        db::registration_codes::record_failure(conn, stored.user_id).await?;
        return Ok(None);
    }
    Ok(Some(stored.user_id))
}
