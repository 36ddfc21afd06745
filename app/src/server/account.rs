//! A signed-in person's own account: see it, correct their name, change their password.
//! Archived accounts are read-only: every change is refused here, whatever the page shows.
use super::{auth, clock, db, password, AppState};
use crate::{
    api::error::AppError,
    domain::{password::Password, user::MyAccount, Field, Invalid, PersonName, UserState},
};

pub async fn get(state: &AppState) -> Result<MyAccount, AppError> {
    let member = auth::require_member(state).await?;
    let mut conn = state.db.pool().acquire().await?;
    let profile = db::users::profile(&mut conn, member.user.id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(MyAccount {
        user: member.user,
        date_of_birth: profile.date_of_birth,
        sex_at_birth: profile.sex_at_birth,
        version: profile.version,
    })
}

fn writable(member: &auth::Member) -> Result<(), AppError> {
    if member.user.state == UserState::Archived {
        Err(AppError::ReadOnly)
    } else {
        Ok(())
    }
}

pub async fn rename(
    state: &AppState,
    version: i64,
    first_name: &str,
    last_name: &str,
) -> Result<MyAccount, AppError> {
    let member = auth::require_member(state).await?;
    writable(&member)?;
    let first = PersonName::parse_for(Field::FirstName, first_name);
    let last = PersonName::parse_for(Field::LastName, last_name);
    let (first, last) = match (first, last) {
        (Ok(first), Ok(last)) => (first, last),
        (first, last) => {
            let errors = [first.err(), last.err()].into_iter().flatten();
            return Err(AppError::InvalidRows(errors.map(|e| (0, e)).collect()));
        }
    };
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let profile = db::users::profile(&mut tx, member.user.id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if profile.version != version
        || !db::users::rename(
            &mut tx,
            member.user.id,
            &profile,
            first.as_str(),
            last.as_str(),
            now,
        )
        .await?
    {
        return Err(AppError::Stale);
    }
    db::audit::record(
        &mut tx,
        db::audit::Entry {
            org_id: member.org_id,
            actor_id: Some(member.user.id),
            action: "profile_edited",
            subject_user_id: Some(member.user.id),
            detail: format!("name: {first} {last}"),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    get(state).await
}

/// Checks the current password, stores the new one and ends every other session; this one is
/// renewed so the person stays signed in here.
pub async fn change_password(state: &AppState, current: &str, new: &str) -> Result<(), AppError> {
    let member = auth::require_member(state).await?;
    writable(&member)?;
    let new = Password::parse(new)?;
    let stored = {
        let mut conn = state.db.pool().acquire().await?;
        db::users::session_row(&mut conn, member.user.id)
            .await?
            .map(|row| row.password_hash)
    };
    if !password::verify(current.to_owned(), stored).await? {
        return Err(Invalid::new(Field::Password, "That is not your current password").into());
    }
    let hash = password::hash(&new).await?;
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    db::users::set_password(&mut tx, member.user.id, &hash, now).await?;
    db::audit::record(
        &mut tx,
        db::audit::Entry {
            org_id: member.org_id,
            actor_id: Some(member.user.id),
            action: "password_changed",
            subject_user_id: Some(member.user.id),
            detail: String::new(),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    auth::renew_session(state, member.user.id).await
}
