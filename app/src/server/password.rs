//! Password hashing: argon2id with OWASP parameters, run off the async threads, one at a time
//! so a burst of sign-ins cannot starve the request handlers of CPU.
use crate::{api::error::AppError, domain::password::Password};
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// At most one hash is computed at a time; the other core keeps serving pages.
static HASHING: Semaphore = Semaphore::const_new(1);

fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("OWASP argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a password nobody has, verified for unknown emails so both paths cost the same.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(b"no account has this password", &salt)
            .expect("hashing works")
            .to_string()
    })
}

async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = HASHING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing task failed");
        AppError::Internal
    })
}

pub async fn hash(password: &Password) -> Result<String, AppError> {
    let clear = password.expose().to_owned();
    off_thread(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(clear.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Checks `clear` against `stored`, or against a dummy hash when there is no account, so the
/// answer takes as long either way. Only `true` for a real match.
pub async fn verify(clear: String, stored: Option<String>) -> Result<bool, AppError> {
    off_thread(move || {
        let exists = stored.is_some();
        let encoded = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let Ok(parsed) = PasswordHash::new(&encoded) else {
            return false;
        };
        hasher().verify_password(clear.as_bytes(), &parsed).is_ok() && exists
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_own_password_only() {
        let password = Password::parse("Roster-2026!").unwrap();
        let stored = hash(&password).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("Roster-2026!".into(), Some(stored.clone()))
            .await
            .unwrap());
        assert!(!verify("roster-2026!".into(), Some(stored)).await.unwrap());
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert!(!verify("no account has this password".into(), None)
            .await
            .unwrap());
    }
}
