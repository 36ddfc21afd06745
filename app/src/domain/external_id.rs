//! External IDs: an identifier from another system, stored as typed (trimmed), at most 64
//! characters, no control characters. Optional: blank means none.
use super::invalid::{has_control, Field, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ExternalId(String);

impl ExternalId {
    /// `Ok(None)` for a blank value.
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, Invalid> {
        let text = raw.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if has_control(text) {
            return Err(Invalid::new(
                Field::ExternalId,
                "Line breaks and control characters are not allowed",
            ));
        }
        if text.chars().count() > 64 {
            return Err(Invalid::new(Field::ExternalId, "Use at most 64 characters"));
        }
        Ok(Some(Self(text.to_string())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ExternalId {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse_optional(&value)?
            .ok_or_else(|| Invalid::new(Field::ExternalId, "External ID is empty"))
    }
}

impl From<ExternalId> for String {
    fn from(value: ExternalId) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_external_id_is_none_and_others_are_trimmed() {
        assert_eq!(ExternalId::parse_optional("   ").unwrap(), None);
        assert_eq!(
            ExternalId::parse_optional(" HH-12 ")
                .unwrap()
                .unwrap()
                .as_str(),
            "HH-12"
        );
    }

    #[test]
    fn long_or_multi_line_external_ids_are_refused() {
        assert!(ExternalId::parse_optional(&"x".repeat(65)).is_err());
        assert!(ExternalId::parse_optional("a\nb").is_err());
    }
}
