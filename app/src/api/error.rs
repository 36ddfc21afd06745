//! The one error type that crosses the wire. A variant exists because the UI reacts to it
//! differently; details (SQL, cause chains) are logged on the server and never serialized.
use crate::domain::{Field, Invalid};
use leptos::server_fn::{
    codec::PostcardEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in.")]
    Unauthenticated,
    #[error("You don't have access to that.")]
    Forbidden,
    #[error("Not found.")]
    NotFound,
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// Problems in a form of one or more rows: the row (from 0) and the field each belongs to.
    #[error("Some fields need attention; see the messages beside them.")]
    InvalidRows(Vec<(usize, Invalid)>),
    /// Making more clients active would pass the organization's client limit.
    #[error("{}", limit_message(*fits, *limit))]
    LimitReached { fits: i64, limit: i64 },
    #[error("{} is already in use.", .0.label())]
    Conflict(Field),
    #[error("Someone else changed this record; reload to see their change.")]
    Stale,
    #[error("Archived clients are read-only. Unarchive them to make changes.")]
    ReadOnly,
    #[error("That email and password don't match an account.")]
    SignInFailed,
    #[error("Too many attempts. Wait a few minutes and try again.")]
    TooManyAttempts,
    /// Any failure of a registration code: unknown, used, expired, locked or a wrong date of birth.
    #[error("That registration code and date of birth don't match an open registration. Check the email you received, or ask your practice for a new code.")]
    RegistrationFailed,
    /// Any failure of an invitation link: unknown, used, withdrawn or expired.
    #[error(
        "This invitation link is no longer valid. Ask the practice to send you a new invitation."
    )]
    InvitationInvalid,
    /// Said to people joining: the practice has no room for another active client.
    #[error("This practice cannot take new clients right now. Please contact them directly.")]
    PracticeFull,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    #[error("Could not reach the server: {0}")]
    Transport(String),
}

fn limit_message(fits: i64, limit: i64) -> String {
    if fits <= 0 {
        format!("Your practice is at its limit of {limit} active clients. Archive clients or raise the limit first.")
    } else {
        format!(
            "Only {fits} more active {} fit within your limit of {limit}. Select fewer or raise the limit.",
            if fits == 1 { "client" } else { "clients" }
        )
    }
}

impl AppError {
    /// What a notice says: a validation message without its field's name in front.
    pub fn message(&self) -> String {
        match self {
            AppError::Invalid(invalid) => invalid.message.clone(),
            other => other.to_string(),
        }
    }

    /// The problems of one form row, for the messages beside its fields.
    pub fn row_errors(&self, row: usize) -> Vec<Invalid> {
        match self {
            AppError::Invalid(invalid) if row == 0 => vec![invalid.clone()],
            AppError::Conflict(field) if row == 0 => vec![Invalid::new(
                *field,
                format!("{} is already in use", field.label()),
            )],
            AppError::InvalidRows(rows) => rows
                .iter()
                .filter(|(r, _)| *r == row)
                .map(|(_, invalid)| invalid.clone())
                .collect(),
            _ => Vec::new(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = PostcardEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    /// Unique violations on an email become `Conflict(Email)`; everything else is logged and hidden.
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error {
            if db.is_unique_violation() && db.message().contains("email") {
                return AppError::Conflict(Field::Email);
            }
        }
        tracing::error!(error = %error, "database error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Server functions send errors as postcard; the CSV upload answers in JSON.
    #[test]
    fn errors_round_trip_through_postcard_and_json() {
        let err = AppError::InvalidRows(vec![(2, Invalid::new(Field::Email, "Not an email"))]);
        let wire = AppError::ser(&err);
        assert_eq!(AppError::de(wire), err);
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);
        assert_eq!(
            AppError::Conflict(Field::Email).to_string(),
            "Email is already in use."
        );
    }

    #[test]
    fn the_limit_message_says_how_many_still_fit() {
        assert_eq!(
            AppError::LimitReached { fits: 2, limit: 250 }.to_string(),
            "Only 2 more active clients fit within your limit of 250. Select fewer or raise the limit."
        );
        assert!(AppError::LimitReached {
            fits: 0,
            limit: 250
        }
        .to_string()
        .starts_with("Your practice is at its limit of 250"));
    }

    #[test]
    fn row_errors_pick_the_rows_own_problems() {
        let err = AppError::InvalidRows(vec![
            (0, Invalid::new(Field::Email, "taken")),
            (2, Invalid::new(Field::LastName, "required")),
        ]);
        assert_eq!(
            err.row_errors(2),
            vec![Invalid::new(Field::LastName, "required")]
        );
        assert!(err.row_errors(1).is_empty());
        assert_eq!(
            AppError::Conflict(Field::Email).row_errors(0)[0].field,
            Field::Email
        );
    }
}
