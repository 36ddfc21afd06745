//! The public pages people reach from an email or a link: registering with a code, accepting an
//! invitation, asking to join. No sign-in; each is rate-limited per address and says as little
//! as it can about who exists.
use super::error::AppError;
use crate::domain::{client_details::ClientDraft, user::InvitationInfo};
use leptos::{prelude::*, server_fn::codec::Postcard};

/// The caller's address, for per-address limits.
#[cfg(feature = "ssr")]
pub(super) async fn caller_ip() -> Option<std::net::IpAddr> {
    use axum::extract::ConnectInfo;
    leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|ConnectInfo(addr)| addr.ip())
}

/// The registration page: the emailed code, the date of birth (clients) or email address (team
/// members) on record, and a new password.
#[server(endpoint = "onboarding/register", input = Postcard, output = Postcard)]
pub async fn register(
    code: String,
    date_of_birth: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::server::{registration, AppState};
    let state = expect_context::<AppState>();
    let proof = registration::Proof {
        date_of_birth: &date_of_birth,
        email: &email,
    };
    registration::register(&state, &code, proof, &password, caller_ip().await).await
}

/// Who an invitation link is for, before they fill in the form.
#[server(endpoint = "onboarding/invitation", input = Postcard, output = Postcard)]
pub async fn get_invitation(token: String) -> Result<InvitationInfo, AppError> {
    use crate::server::{invitations, AppState};
    let state = expect_context::<AppState>();
    let keys: Vec<String> = caller_ip()
        .await
        .map(|ip| format!("invitation:{ip}"))
        .into_iter()
        .collect();
    if state.public_limiter.is_blocked(&keys) {
        return Err(AppError::TooManyAttempts);
    }
    let info = invitations::lookup(&state, &token).await;
    if info.is_err() {
        state.public_limiter.record_failure(&keys);
    }
    info
}

#[server(endpoint = "onboarding/accept", input = Postcard, output = Postcard)]
pub async fn accept_invitation(
    token: String,
    draft: ClientDraft,
    password: String,
) -> Result<(), AppError> {
    use crate::server::{invitations, AppState};
    let state = expect_context::<AppState>();
    invitations::accept(&state, &token, draft, &password).await
}

/// The name of the practice whose sign-up page this is.
#[server(endpoint = "onboarding/organization", input = Postcard, output = Postcard)]
pub async fn get_sign_up_organization(slug: String) -> Result<String, AppError> {
    use crate::server::{signup, AppState};
    let state = expect_context::<AppState>();
    signup::organization(&state, &slug).await
}

#[server(endpoint = "onboarding/join", input = Postcard, output = Postcard)]
pub async fn request_to_join(
    slug: String,
    draft: ClientDraft,
    password: String,
) -> Result<(), AppError> {
    use crate::server::{signup, AppState};
    let state = expect_context::<AppState>();
    signup::request(&state, &slug, draft, &password, caller_ip().await).await
}
