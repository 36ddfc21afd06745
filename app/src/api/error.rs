//! The one error type that crosses the wire. A variant exists because the UI reacts to it
//! differently; details (SQL, cause chains) are logged on the server and never serialized.
use crate::domain::{Field, Invalid};
use leptos::server_fn::{
    codec::JsonEncoding,
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
    #[error("{} is already in use.", .0.label())]
    Conflict(Field),
    #[error("Someone else changed this record; reload to see their change.")]
    Stale,
    #[error("That email and password don't match an account.")]
    SignInFailed,
    #[error("Too many sign-in attempts. Wait a few minutes and try again.")]
    TooManyAttempts,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    #[error("Could not reach the server: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

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

    #[test]
    fn errors_round_trip_through_json() {
        let err = AppError::Conflict(Field::Email);
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);
        assert_eq!(err.to_string(), "Email is already in use.");
    }
}
