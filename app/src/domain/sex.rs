//! Sex at birth, as the seeds' forms ask for it.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SexAtBirth {
    Female,
    Male,
}

impl SexAtBirth {
    pub const ALL: [SexAtBirth; 2] = [SexAtBirth::Female, SexAtBirth::Male];

    pub fn as_str(self) -> &'static str {
        match self {
            SexAtBirth::Female => "female",
            SexAtBirth::Male => "male",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SexAtBirth::Female => "Female",
            SexAtBirth::Male => "Male",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "female" | "f" => Some(SexAtBirth::Female),
            "male" | "m" => Some(SexAtBirth::Male),
            _ => None,
        }
    }
}
