//! The public sign-up page of each organization: a person asks to become a client and waits in
//! Pending until an admin accepts or rejects the request.
use super::{clock, db, password, AppState};
use crate::{
    api::error::AppError,
    domain::{
        client_actions::PendingKind, client_details::ClientDraft, password::Password,
        user::UserKind, UserState,
    },
};

/// The organization's name for the page heading; unknown addresses are `NotFound`.
pub async fn organization(state: &AppState, slug: &str) -> Result<String, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    Ok(db::orgs::find_by_slug(&mut conn, slug)
        .await?
        .ok_or(AppError::NotFound)?
        .name)
}

/// Records a sign-up request. The answer is the same whether or not the email is already known
/// to the organization, so the page cannot be used to find out who is a client.
pub async fn request(
    state: &AppState,
    slug: &str,
    draft: ClientDraft,
    password: &str,
    ip: Option<std::net::IpAddr>,
) -> Result<(), AppError> {
    let keys: Vec<String> = ip.map(|ip| format!("signup:{ip}")).into_iter().collect();
    if state.public_limiter.is_blocked(&keys) {
        return Err(AppError::TooManyAttempts);
    }
    let details = draft
        .parse(clock::today())
        .map_err(|errors| AppError::InvalidRows(errors.into_iter().map(|e| (0, e)).collect()))?;
    let password = Password::parse(password)?;
    state.public_limiter.record_failure(&keys);
    let hash = password::hash(&password).await?;
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let org = db::orgs::find_by_slug(&mut tx, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if db::users::find_id_by_email(&mut tx, org.id, details.email.as_str())
        .await?
        .is_some()
    {
        return Ok(());
    }
    let external_id = details.external_id.as_ref().map(|e| e.as_str().to_string());
    let user = db::users::NewUser {
        org_id: org.id,
        kind: UserKind::Client,
        first_name: details.first_name.as_str(),
        last_name: details.last_name.as_str(),
        email: details.email.as_str(),
        date_of_birth: Some(details.date_of_birth.iso()),
        sex_at_birth: Some(details.sex_at_birth),
        external_id,
        state: UserState::Pending,
        pending_kind: Some(PendingKind::Requested),
        registered: true,
        is_owner: false,
        password_hash: Some(hash),
    };
    let id = db::users::insert(&mut tx, &user, now).await?;
    db::audit::record(
        &mut tx,
        db::audit::Entry {
            org_id: org.id,
            actor_id: None,
            action: "signup_requested",
            subject_user_id: Some(id),
            detail: format!(
                "{} {} <{}>",
                details.first_name, details.last_name, details.email
            ),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
