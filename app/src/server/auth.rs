//! Who is calling: sessions (axum-login over tower-sessions), sign-in with rate limits, and the
//! capability checks every server function starts with.
use super::{
    db::{self, Db},
    password, AppState,
};
use crate::{
    api::error::AppError,
    domain::{user::CurrentUser, Email},
};
use axum_login::{AuthUser, AuthnBackend, UserId};
use std::net::IpAddr;

/// The user a session belongs to. Its auth hash changes when the password or the session epoch
/// changes, which ends every session started before.
#[derive(Clone)]
pub struct SessionUser {
    id: i64,
    auth_hash: Vec<u8>,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl From<db::users::SessionRow> for SessionUser {
    fn from(row: db::users::SessionRow) -> Self {
        let auth_hash = format!("{}#{}", row.password_hash, row.session_epoch).into_bytes();
        Self {
            id: row.id,
            auth_hash,
        }
    }
}

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

pub struct Credentials {
    pub email: String,
    pub password: String,
}

#[derive(Clone, Debug)]
pub struct Backend {
    db: Db,
}

impl Backend {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AppError;

    /// Verifies every account with this email (normally one), or a dummy hash when there is none,
    /// so an unknown email and a wrong password take the same time and get the same answer.
    async fn authenticate(&self, creds: Credentials) -> Result<Option<SessionUser>, AppError> {
        let candidates = match Email::parse(&creds.email) {
            Ok(email) => {
                let mut conn = self.db.pool().acquire().await?;
                db::users::sign_in_candidates(&mut conn, email.as_str()).await?
            }
            Err(_) => Vec::new(),
        };
        if candidates.is_empty() {
            password::verify(creds.password, None).await?;
            return Ok(None);
        }
        for row in candidates {
            if password::verify(creds.password.clone(), Some(row.password_hash.clone())).await? {
                return Ok(Some(row.into()));
            }
        }
        Ok(None)
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SessionUser>, AppError> {
        let mut conn = self.db.pool().acquire().await?;
        Ok(db::users::session_row(&mut conn, *id)
            .await?
            .map(SessionUser::from))
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;

/// Proof that the caller is a signed-in, active Administrator of `org_id`.
#[derive(Debug, Clone)]
pub struct Admin {
    pub user_id: i64,
    pub org_id: i64,
}

/// Proof that the caller is signed in (any kind, any role).
#[derive(Debug, Clone)]
pub struct Member {
    pub org_id: i64,
    pub user: CurrentUser,
}

async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>().await.map_err(|e| {
        tracing::error!(error = %e, "auth session missing from request");
        AppError::Internal
    })
}

/// The signed-in person, if any.
pub async fn current(state: &AppState) -> Result<Option<Member>, AppError> {
    let session = auth_session().await?;
    let Some(user) = session.user else {
        return Ok(None);
    };
    let mut conn = state.db.pool().acquire().await?;
    Ok(db::users::current(&mut conn, user.id)
        .await?
        .map(|(org_id, user)| Member { org_id, user }))
}

pub async fn require_member(state: &AppState) -> Result<Member, AppError> {
    current(state).await?.ok_or(AppError::Unauthenticated)
}

pub async fn require_admin(state: &AppState) -> Result<Admin, AppError> {
    let member = require_member(state).await?;
    if member.user.is_admin() {
        Ok(Admin {
            user_id: member.user.id,
            org_id: member.org_id,
        })
    } else {
        Err(AppError::Forbidden)
    }
}

fn limit_keys(email: &str, ip: Option<IpAddr>) -> Vec<String> {
    let mut keys = vec![format!("acct:{}", email.trim().to_lowercase())];
    if let Some(ip) = ip {
        keys.push(format!("ip:{ip}"));
    }
    keys
}

/// Signs in with a fresh session id. Five failures per account or per address in 15 minutes
/// block further tries from there for the rest of the window.
pub async fn sign_in(
    state: &AppState,
    email: String,
    password: String,
    ip: Option<IpAddr>,
) -> Result<CurrentUser, AppError> {
    let keys = limit_keys(&email, ip);
    if state.sign_in_limiter.is_blocked(&keys) {
        return Err(AppError::TooManyAttempts);
    }
    let mut session = auth_session().await?;
    let Some(user) = session
        .authenticate(Credentials { email, password })
        .await
        .map_err(session_error)?
    else {
        state.sign_in_limiter.record_failure(&keys);
        return Err(AppError::SignInFailed);
    };
    state.sign_in_limiter.clear(&keys[0]);
    session.login(&user).await.map_err(session_error)?;
    let mut conn = state.db.pool().acquire().await?;
    let (org_id, current) = db::users::current(&mut conn, user.id)
        .await?
        .ok_or(AppError::SignInFailed)?;
    db::audit::record(
        &mut conn,
        db::audit::Entry {
            org_id,
            actor_id: Some(current.id),
            action: "signed_in",
            subject_user_id: Some(current.id),
            detail: String::new(),
        },
        super::clock::now_ms(),
    )
    .await?;
    Ok(current)
}

/// Signs the person in again on this session after their password changed (which ended every
/// session, this one included).
pub async fn renew_session(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let mut session = auth_session().await?;
    let mut conn = state.db.pool().acquire().await?;
    let row = db::users::session_row(&mut conn, user_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    session
        .login(&SessionUser::from(row))
        .await
        .map_err(session_error)
}

/// Ends the session and deletes it from the store, so its cookie is worthless afterwards.
pub async fn sign_out() -> Result<(), AppError> {
    let mut session = auth_session().await?;
    session.logout().await.map_err(session_error)?;
    Ok(())
}

fn session_error(e: axum_login::Error<Backend>) -> AppError {
    match e {
        axum_login::Error::Backend(app) => app,
        axum_login::Error::Session(e) => {
            tracing::error!(error = %e, "session store failed");
            AppError::Internal
        }
    }
}
