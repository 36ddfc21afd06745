//! The one validation error: which field, and what is wrong with it.
use serde::{Deserialize, Serialize};

/// A form field a validation message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    FirstName,
    LastName,
    Email,
    DateOfBirth,
    SexAtBirth,
    ExternalId,
    Password,
    Role,
    Tag,
    OrganizationName,
    Layout,
    Selection,
    Message,
    Code,
    ClientLimit,
    File,
}

impl Field {
    /// The label the form shows for this field.
    pub fn label(self) -> &'static str {
        match self {
            Field::FirstName => "First Name",
            Field::LastName => "Last Name",
            Field::Email => "Email",
            Field::DateOfBirth => "Date of Birth",
            Field::SexAtBirth => "Sex at Birth",
            Field::ExternalId => "External ID",
            Field::Password => "Password",
            Field::Role => "Role",
            Field::Tag => "Tag",
            Field::OrganizationName => "Organization",
            Field::Layout => "Columns",
            Field::Selection => "Selection",
            Field::Message => "Message",
            Field::Code => "Registration Code",
            Field::ClientLimit => "Client limit",
            Field::File => "File",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}: {message}", field.label())]
pub struct Invalid {
    pub field: Field,
    pub message: String,
}

impl Invalid {
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// True when `text` holds a control character (CR, LF, NUL …) that must never reach a header or a log.
pub(crate) fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}
