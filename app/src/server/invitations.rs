//! Invitations by email. Inviting creates a pending row that holds only the address, an
//! invitation whose token is stored hashed, and the email; the person completes the form behind
//! the link and only then becomes an active client. Resending replaces the token; deleting
//! withdraws it.
use super::{
    auth::Admin,
    clients, clock,
    db::{self, orgs::Organization, Tx},
    mail, password, tokens, AppState,
};
use crate::{
    api::error::AppError,
    domain::{
        client_actions::PendingKind,
        client_details::{ClientDetails, ClientDraft},
        invitation::{default_message, parse_addresses, parse_message},
        password::Password,
        team::{TeamMemberDetails, TeamMemberDraft},
        user::{InvitationInfo, UserKind},
        Field, Invalid, UserState,
    },
};

/// Who an invitation goes to and what it says.
pub struct Invite<'a> {
    pub user_id: i64,
    pub email: &'a str,
    pub message: &'a str,
    /// Comma-separated stored role names (team invitations).
    pub roles: String,
}

/// Closes the person's open invitations, opens a new one with a fresh token and queues the email.
pub async fn send(
    tx: &mut Tx,
    state: &AppState,
    org: &Organization,
    invited_by: i64,
    kind: UserKind,
    invite: &Invite<'_>,
    now: i64,
) -> Result<(), AppError> {
    db::invitations::withdraw_for_users(tx, &[invite.user_id], now).await?;
    let token = tokens::invitation_token();
    let row = db::invitations::NewInvitation {
        org_id: org.id,
        kind: db::users::kind_str(kind),
        email: invite.email,
        roles: invite.roles.clone(),
        message: invite.message,
        token_hash: tokens::hash_token(&token),
        invited_by: Some(invited_by),
        user_id: invite.user_id,
    };
    let invitation_id =
        db::invitations::insert(tx, &row, now, now + mail::LINK_LIFETIME_MS).await?;
    let mut email = mail::invitation(
        &state.settings,
        (org.id, &org.name),
        invite.user_id,
        invite.email,
        invite.message,
        &token,
    );
    email.related_invitation_id = Some(invitation_id);
    db::outbox::enqueue(tx, &email, mail::initial_status(&state.settings), now).await?;
    Ok(())
}

/// "Invite Client By Email": one pending row, invitation and email per address, all or none.
pub async fn invite_clients(
    state: &AppState,
    admin: &Admin,
    addresses: &str,
    message: &str,
) -> Result<usize, AppError> {
    let emails = parse_addresses(addresses)
        .map_err(|errors| AppError::InvalidRows(errors.into_iter().map(|e| (0, e)).collect()))?;
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let org = db::orgs::lock(&mut tx, admin.org_id).await?;
    let message = parse_message(message, || default_message(&org.name))?;
    let mut taken = Vec::new();
    for email in &emails {
        if db::users::find_id_by_email(&mut tx, org.id, email.as_str())
            .await?
            .is_some()
        {
            taken.push(email.as_str().to_string());
        }
    }
    if !taken.is_empty() {
        return Err(Invalid::new(
            Field::Email,
            format!(
                "Already a client, team member or invited: {}",
                taken.join(", ")
            ),
        )
        .into());
    }
    let mut subjects = Vec::with_capacity(emails.len());
    for email in &emails {
        let user = db::users::NewUser {
            org_id: org.id,
            kind: UserKind::Client,
            first_name: "",
            last_name: "",
            email: email.as_str(),
            date_of_birth: None,
            sex_at_birth: None,
            external_id: None,
            state: UserState::Pending,
            pending_kind: Some(PendingKind::Invited),
            registered: false,
            is_owner: false,
            password_hash: None,
        };
        let user_id = db::users::insert(&mut tx, &user, now).await?;
        let invite = Invite {
            user_id,
            email: email.as_str(),
            message: &message,
            roles: String::new(),
        };
        send(
            &mut tx,
            state,
            &org,
            admin.user_id,
            UserKind::Client,
            &invite,
            now,
        )
        .await?;
        subjects.push((user_id, email.as_str().to_string()));
    }
    db::audit::record_many(
        &mut tx,
        org.id,
        admin.user_id,
        "client_invited",
        &subjects,
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok(emails.len())
}

/// What the invitation page shows before the form: whose invitation, from which practice.
pub async fn lookup(state: &AppState, token: &str) -> Result<InvitationInfo, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let invitation =
        db::invitations::find_open(&mut conn, &tokens::hash_token(token), clock::now_ms())
            .await?
            .ok_or(AppError::InvitationInvalid)?;
    let org = db::orgs::get(&mut conn, invitation.org_id).await?;
    Ok(InvitationInfo {
        organization: org.name,
        email: invitation.email,
        team: invitation.kind == "team",
    })
}

/// The invitee's details as checked for the kind of invitation: a client's full details, or a
/// team member's name.
enum Completion {
    Client(ClientDetails),
    Team(TeamMemberDetails),
}

/// Completes an invitation: the pending row gets the person's details and password and becomes
/// active (a client within the client limit; a team member with the roles they were invited
/// with). The link works once.
pub async fn accept(
    state: &AppState,
    token: &str,
    draft: ClientDraft,
    password: &str,
) -> Result<(), AppError> {
    let password = Password::parse(password)?;
    let hash_of_token = tokens::hash_token(token);
    let invitation = {
        let mut conn = state.db.pool().acquire().await?;
        db::invitations::find_open(&mut conn, &hash_of_token, clock::now_ms())
            .await?
            .ok_or(AppError::InvitationInvalid)?
    };
    let as_rows =
        |errors: Vec<Invalid>| AppError::InvalidRows(errors.into_iter().map(|e| (0, e)).collect());
    let completion = if invitation.kind == "team" {
        let names = TeamMemberDraft {
            first_name: draft.first_name,
            last_name: draft.last_name,
            email: invitation.email.clone(),
        };
        Completion::Team(names.parse().map_err(as_rows)?)
    } else {
        let details = ClientDraft {
            email: invitation.email.clone(),
            ..draft
        };
        Completion::Client(details.parse(clock::today()).map_err(as_rows)?)
    };
    let password_hash = password::hash(&password).await?;
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    // Checked again inside the transaction: two tabs submitting at once use the link once.
    let invitation = db::invitations::find_open(&mut tx, &hash_of_token, now)
        .await?
        .ok_or(AppError::InvitationInvalid)?;
    let user_id = invitation.user_id.ok_or(AppError::InvitationInvalid)?;
    let org = db::orgs::lock(&mut tx, invitation.org_id).await?;
    if let Completion::Client(_) = completion {
        clients::ensure_room(&mut tx, &org, 1)
            .await
            .map_err(|_| AppError::PracticeFull)?;
    }
    if !db::invitations::mark_accepted(&mut tx, invitation.id, now).await? {
        return Err(AppError::InvitationInvalid);
    }
    let (completed, who) = match &completion {
        Completion::Client(details) => (
            db::users::complete_invitation(&mut tx, user_id, details, &password_hash, now).await?,
            format!(
                "{} {} <{}>",
                details.first_name, details.last_name, details.email
            ),
        ),
        Completion::Team(details) => (
            db::users::complete_team_invitation(&mut tx, user_id, details, &password_hash, now)
                .await?,
            format!(
                "{} {} <{}>",
                details.first_name, details.last_name, details.email
            ),
        ),
    };
    if !completed {
        return Err(AppError::InvitationInvalid);
    }
    db::audit::record(
        &mut tx,
        db::audit::Entry {
            org_id: org.id,
            actor_id: Some(user_id),
            action: "invitation_accepted",
            subject_user_id: Some(user_id),
            detail: who,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
