//! Signing in and out, and who is signed in.
use super::error::AppError;
use crate::domain::user::CurrentUser;
use leptos::{prelude::*, server_fn::codec::Postcard};

/// The signed-in person, or `None`.
#[server(endpoint = "session/current", input = Postcard, output = Postcard)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::{auth, AppState};
    let state = expect_context::<AppState>();
    Ok(auth::current(&state).await?.map(|member| member.user))
}

/// Takes its arguments form-encoded, unlike the others: the sign-in form posts them as a plain
/// HTML form too, before the page's code has loaded.
#[server(endpoint = "session/sign_in", output = Postcard)]
pub async fn sign_in(email: String, password: String) -> Result<CurrentUser, AppError> {
    use crate::server::{auth, AppState};
    let state = expect_context::<AppState>();
    auth::sign_in(
        &state,
        email,
        password,
        super::onboarding::caller_ip().await,
    )
    .await
}

#[server(endpoint = "session/sign_out", input = Postcard, output = Postcard)]
pub async fn sign_out() -> Result<(), AppError> {
    crate::server::auth::sign_out().await
}
