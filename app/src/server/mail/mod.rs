//! Email: what each message says (here), the outbox it is written to in the same transaction as
//! the change that causes it, and the worker that delivers it.
pub mod worker;

use super::{
    db::outbox::{NewMessage, Status},
    settings::Settings,
};
use crate::domain::user::UserKind;

/// How long registration codes and invitation links stay valid.
pub const LINK_LIFETIME_MS: i64 = 14 * 24 * 60 * 60 * 1000;

/// New messages wait for the worker when SMTP is configured; otherwise they are kept for the
/// Sent email page.
pub fn initial_status(settings: &Settings) -> Status {
    if settings.smtp_url.is_some() {
        Status::Queued
    } else {
        Status::Kept
    }
}

/// Text that goes into a header: control characters (CR, LF …) never survive, whatever the caller
/// checked before.
fn header_text(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

fn message(
    org_id: i64,
    kind: &'static str,
    to: &str,
    subject: &str,
    body: String,
    user_id: Option<i64>,
) -> NewMessage {
    NewMessage {
        org_id: Some(org_id),
        kind,
        to_address: header_text(to),
        subject: header_text(subject),
        body_text: body,
        related_user_id: user_id,
        related_invitation_id: None,
    }
}

/// The email with a registration code and the link to the registration page. Clients confirm
/// with their date of birth, team members with their email address.
pub fn registration_code(
    settings: &Settings,
    org: (i64, &str),
    user: (i64, &str, &str),
    code: &str,
    kind: UserKind,
) -> NewMessage {
    let (org_id, org_name) = org;
    let (user_id, first_name, to) = user;
    let greeting = if first_name.trim().is_empty() {
        "Hello,".to_string()
    } else {
        format!("Hello {},", first_name.trim())
    };
    let (proof, link_extra) = match kind {
        UserKind::Client => ("your date of birth", ""),
        UserKind::Team => ("this email address", "&who=team"),
    };
    let body = format!(
        "{greeting}\n\n{org_name} has set up an account for you on Roster. To finish registering, open \
         this link, enter your registration code and {proof}, and choose a password:\n\n\
         {base}/register#code={code}{link_extra}\n\nYour registration code: {code}\n\n\
         The code works once and expires in 14 days. If you did not expect this email, you can ignore it.\n",
        base = settings.base_url,
    );
    message(
        org_id,
        "registration_code",
        to,
        &format!("Your registration code for {org_name}"),
        body,
        Some(user_id),
    )
}

/// An invitation to become a client (or a team member) of the organization.
pub fn invitation(
    settings: &Settings,
    org: (i64, &str),
    user_id: i64,
    to: &str,
    personal_message: &str,
    token: &str,
) -> NewMessage {
    let (org_id, org_name) = org;
    let body = format!(
        "{personal_message}\n\nTo accept, open this link and press Accept Invitation:\n{base}/invitation#token={token}\n\n\
         The link works once and expires in 14 days. If you did not expect this email, you can ignore it.\n",
        personal_message = personal_message.trim(),
        base = settings.base_url,
    );
    message(
        org_id,
        "invitation",
        to,
        &format!("You have been invited by {org_name} to join Roster"),
        body,
        Some(user_id),
    )
}

/// Tells a person who used the sign-up page that they are in.
pub fn request_accepted(
    settings: &Settings,
    org: (i64, &str),
    user_id: i64,
    to: &str,
) -> NewMessage {
    let (org_id, org_name) = org;
    let body = format!(
        "{org_name} has accepted your request to join. You can now sign in at {base}/login with the email \
         and password you chose.\n",
        base = settings.base_url,
    );
    message(
        org_id,
        "request_accepted",
        to,
        &format!("Welcome to {org_name}"),
        body,
        Some(user_id),
    )
}

/// Tells a person who used the sign-up page that they were not accepted.
pub fn request_rejected(org: (i64, &str), to: &str) -> NewMessage {
    let (org_id, org_name) = org;
    let body = format!(
        "Thank you for your interest. {org_name} did not accept your request to join at this time. If you \
         think this is a mistake, please contact the practice directly.\n"
    );
    message(
        org_id,
        "request_rejected",
        to,
        &format!("Your request to join {org_name}"),
        body,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::settings::Secret;

    fn settings() -> Settings {
        Settings {
            database_url: Secret::new("sqlite::memory:"),
            base_url: "https://roster.example".into(),
            smtp_url: None,
            mail_from: "Roster <no-reply@localhost>".into(),
            session_idle: std::time::Duration::from_secs(3600),
        }
    }

    #[test]
    fn the_invitation_subject_names_the_organization() {
        let m = invitation(
            &settings(),
            (1, "Harbor Health"),
            7,
            "ada@example.com",
            "Hi!",
            "t0k",
        );
        assert_eq!(
            m.subject,
            "You have been invited by Harbor Health to join Roster"
        );
        assert!(m
            .body_text
            .contains("https://roster.example/invitation#token=t0k"));
    }

    #[test]
    fn line_breaks_never_reach_a_header_even_if_a_caller_forgot_to_check() {
        let m = request_rejected((1, "Evil\r\nBcc: all@example.com"), "a@b.c\r\nX: y");
        assert!(!m.subject.contains(['\r', '\n']));
        assert!(!m.to_address.contains(['\r', '\n']));
    }

    #[test]
    fn the_code_email_carries_the_code_and_a_link_that_keeps_it_out_of_server_logs() {
        let m = registration_code(
            &settings(),
            (1, "Harbor"),
            (3, "Ada", "ada@example.com"),
            "7KQ4-MX2P",
            UserKind::Client,
        );
        assert!(m.body_text.contains("Your registration code: 7KQ4-MX2P"));
        assert!(m.body_text.contains("/register#code=7KQ4-MX2P"));
        assert_eq!(m.related_user_id, Some(3));
        let team = registration_code(
            &settings(),
            (1, "Harbor"),
            (4, "Maya", "maya@example.com"),
            "7KQ4-MX2P",
            UserKind::Team,
        );
        assert!(team.body_text.contains("/register#code=7KQ4-MX2P&who=team"));
        assert!(team.body_text.contains("this email address"));
    }
}
