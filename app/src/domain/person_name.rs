//! First and last names: trimmed, non-empty, at most 100 characters, no control characters.
use super::invalid::{has_control, Field, Invalid};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    /// Parses a name for `field` (first or last name), so the message lands beside the right input.
    pub fn parse_for(field: Field, raw: &str) -> Result<Self, Invalid> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(Invalid::new(
                field,
                format!("{} is required", field.label()),
            ));
        }
        if has_control(text) {
            return Err(Invalid::new(
                field,
                "Line breaks and control characters are not allowed",
            ));
        }
        if text.chars().count() > 100 {
            return Err(Invalid::new(field, "Use at most 100 characters"));
        }
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PersonName {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse_for(Field::FirstName, &value)
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed() {
        assert_eq!(
            PersonName::parse_for(Field::LastName, "  Lovelace ")
                .unwrap()
                .as_str(),
            "Lovelace"
        );
    }

    #[test]
    fn blank_names_name_the_field_that_is_missing() {
        let err = PersonName::parse_for(Field::LastName, "   ").unwrap_err();
        assert_eq!(err.field, Field::LastName);
        assert_eq!(err.message, "Last Name is required");
    }

    #[test]
    fn line_breaks_are_refused() {
        assert!(PersonName::parse_for(Field::FirstName, "Ada\r\nBcc: evil").is_err());
    }
}
