//! The three states a user can be in, each with its own view in Manage Users.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum UserState {
    #[default]
    Active,
    Pending,
    Archived,
}

impl UserState {
    pub const ALL: [UserState; 3] = [UserState::Active, UserState::Pending, UserState::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            UserState::Active => "active",
            UserState::Pending => "pending",
            UserState::Archived => "archived",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UserState::Active => "Active",
            UserState::Pending => "Pending",
            UserState::Archived => "Archived",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        UserState::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}
