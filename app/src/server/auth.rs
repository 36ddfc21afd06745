//! Who is calling: sessions (axum-login over tower-sessions), sign-in with rate limits, and the
//! capability checks every server function starts with.
use super::{
    db::{self, users::Scope, Db},
    password, AppState,
};
use crate::{
    api::error::AppError,
    domain::{user::CurrentUser, Email, Role},
};
use axum_login::{AuthUser, AuthnBackend, UserId};
use std::net::IpAddr;

/// The user a session belongs to. Its auth hash changes when the password or the session epoch
/// changes, which ends every session started before.
#[derive(Clone)]
pub struct SessionUser {
    id: i64,
    auth_hash: Vec<u8>,
    /// Who this is, read with the session for this request; `None` right after sign-in.
    member: Option<Member>,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

fn auth_hash(password_hash: &str, session_epoch: i64) -> Vec<u8> {
    format!("{password_hash}#{session_epoch}").into_bytes()
}

impl From<db::users::SessionRow> for SessionUser {
    fn from(row: db::users::SessionRow) -> Self {
        Self {
            id: row.id,
            auth_hash: auth_hash(&row.password_hash, row.session_epoch),
            member: None,
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

    /// Runs on every request a session makes; the person it reads serves the request's
    /// capability checks too.
    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SessionUser>, AppError> {
        let mut conn = self.db.pool().acquire().await?;
        let Some(signed) = db::users::signed_in(&mut conn, *id).await? else {
            return Ok(None);
        };
        Ok(signed.password_hash.map(|hash| SessionUser {
            id: signed.user.id,
            auth_hash: auth_hash(&hash, signed.session_epoch),
            member: Some(Member {
                org_id: signed.org_id,
                user: signed.user,
            }),
        }))
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;

/// Proof that the caller is a signed-in, active Administrator of `org_id`.
#[derive(Debug, Clone)]
pub struct Admin {
    pub user_id: i64,
    pub org_id: i64,
}

impl Admin {
    /// An Administrator reads every client.
    pub fn reader(&self) -> Reader {
        Reader {
            user_id: self.user_id,
            org_id: self.org_id,
            scope: Scope::All,
            is_admin: true,
        }
    }
}

/// Proof that the caller may read the organization's clients, and which of them: every one for
/// Administrators and Practitioners without security tags, else those carrying one of the tags.
#[derive(Debug, Clone)]
pub struct Reader {
    pub user_id: i64,
    pub org_id: i64,
    pub scope: Scope,
    /// Administrators see every view; Practitioners only the active clients.
    pub is_admin: bool,
}

/// Proof that the caller may see the plan page; `can_change` for Billing Administrators and the
/// Owner, who may change the client limit.
#[derive(Debug, Clone)]
pub struct PlanViewer {
    pub user_id: i64,
    pub org_id: i64,
    pub can_change: bool,
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
    member_of(state, &auth_session().await?).await
}

/// The person a session belongs to, for handlers that are not server functions (file upload
/// and download), which get the session as an extractor.
pub async fn member_of(
    state: &AppState,
    session: &AuthSession,
) -> Result<Option<Member>, AppError> {
    let Some(user) = &session.user else {
        return Ok(None);
    };
    if let Some(member) = &user.member {
        return Ok(Some(member.clone()));
    }
    let mut conn = state.db.pool().acquire().await?;
    Ok(db::users::current(&mut conn, user.id)
        .await?
        .map(|(org_id, user)| Member { org_id, user }))
}

pub async fn require_member(state: &AppState) -> Result<Member, AppError> {
    current(state).await?.ok_or(AppError::Unauthenticated)
}

pub async fn require_admin(state: &AppState) -> Result<Admin, AppError> {
    admin_from(require_member(state).await?)
}

/// `require_admin` for a handler holding the session.
pub async fn admin_of(state: &AppState, session: &AuthSession) -> Result<Admin, AppError> {
    admin_from(
        member_of(state, session)
            .await?
            .ok_or(AppError::Unauthenticated)?,
    )
}

fn admin_from(member: Member) -> Result<Admin, AppError> {
    if member.user.is_admin() {
        Ok(Admin {
            user_id: member.user.id,
            org_id: member.org_id,
        })
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn require_client_reader(state: &AppState) -> Result<Reader, AppError> {
    reader_from(state, require_member(state).await?).await
}

/// `require_client_reader` for a handler holding the session.
pub async fn reader_of(state: &AppState, session: &AuthSession) -> Result<Reader, AppError> {
    let member = member_of(state, session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    reader_from(state, member).await
}

async fn reader_from(state: &AppState, member: Member) -> Result<Reader, AppError> {
    if member.user.is_admin() {
        return Ok(Admin {
            user_id: member.user.id,
            org_id: member.org_id,
        }
        .reader());
    }
    if !member.user.is_practitioner() {
        return Err(AppError::Forbidden);
    }
    let mut conn = state.db.pool().acquire().await?;
    let tags = db::security_tags::of_user(&mut conn, member.user.id).await?;
    Ok(Reader {
        user_id: member.user.id,
        org_id: member.org_id,
        scope: if tags.is_empty() {
            Scope::All
        } else {
            Scope::Tagged(tags)
        },
        is_admin: false,
    })
}

pub async fn require_plan_viewer(state: &AppState) -> Result<PlanViewer, AppError> {
    let member = require_member(state).await?;
    if !member.user.sees_plan() {
        return Err(AppError::Forbidden);
    }
    let user = &member.user;
    Ok(PlanViewer {
        user_id: user.id,
        org_id: member.org_id,
        can_change: user.is_owner || user.roles.contains(&Role::BillingAdministrator),
    })
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

/// Where a signed-in session keeps the last time it was written back (milliseconds).
const LAST_KEPT_ALIVE: &str = "roster.kept_alive_ms";

/// A session ends `idle` after it was last written back to the store, and tower-sessions writes
/// it back only when its data changes. So a signed-in session stamps the time into itself once
/// half of `idle` has passed since the last stamp: someone who keeps working stays signed in,
/// for one session write per half-lifetime rather than one per request.
pub fn due_to_keep_alive(
    last_kept_ms: Option<i64>,
    now_ms: i64,
    idle: std::time::Duration,
) -> bool {
    let half = i64::try_from(idle.as_millis() / 2).unwrap_or(i64::MAX);
    last_kept_ms.is_none_or(|last| now_ms.saturating_sub(last) >= half)
}

/// Middleware inside the session layer: moves a signed-in session's expiry forward (above).
/// Signed-out visitors get no session written for them.
pub async fn keep_session_alive(
    axum::extract::State(state): axum::extract::State<AppState>,
    session: AuthSession,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if session.user.is_some() {
        let now = super::clock::now_ms();
        let store = &session.session;
        // A store that cannot be read or written only means the expiry does not move now.
        let last = store.get::<i64>(LAST_KEPT_ALIVE).await.ok().flatten();
        if due_to_keep_alive(last, now, state.settings.session_idle) {
            if let Err(error) = store.insert(LAST_KEPT_ALIVE, now).await {
                tracing::warn!(%error, "could not keep the session alive");
            }
        }
    }
    next.run(request).await
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

#[cfg(test)]
mod tests {
    use super::due_to_keep_alive;
    use std::time::Duration;

    #[test]
    fn a_session_is_kept_alive_once_half_its_idle_time_has_passed() {
        let idle = Duration::from_secs(60 * 60);
        let stamped = 1_000_000;
        assert!(due_to_keep_alive(None, stamped, idle), "never stamped");
        assert!(!due_to_keep_alive(Some(stamped), stamped, idle));
        assert!(!due_to_keep_alive(
            Some(stamped),
            stamped + 29 * 60_000,
            idle
        ));
        assert!(due_to_keep_alive(
            Some(stamped),
            stamped + 30 * 60_000,
            idle
        ));
        assert!(due_to_keep_alive(
            Some(stamped),
            stamped + 59 * 60_000,
            idle
        ));
    }
}
