//! Tag names: trimmed, 1–40 characters, no control characters and no `;` (the Roster CSV
//! template separates tags with it). Tags are unique per organization regardless of case.
use super::invalid::{has_control, Field, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TagName(String);

impl TagName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(Invalid::new(Field::Tag, "Give the tag a name"));
        }
        if has_control(text) || text.contains(';') {
            return Err(Invalid::new(
                Field::Tag,
                "Tags cannot contain ; or line breaks",
            ));
        }
        if text.chars().count() > 40 {
            return Err(Invalid::new(Field::Tag, "Use at most 40 characters"));
        }
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive key two names of the same tag share.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl TryFrom<String> for TagName {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TagName> for String {
    fn from(value: TagName) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names_are_trimmed_and_keyed_without_case() {
        let tag = TagName::parse("  Weight Loss ").unwrap();
        assert_eq!(tag.as_str(), "Weight Loss");
        assert_eq!(tag.key(), TagName::parse("WEIGHT LOSS").unwrap().key());
    }

    #[test]
    fn blank_separated_or_long_tag_names_are_refused() {
        for raw in ["", "  ", "a;b", "line\nbreak"] {
            assert!(TagName::parse(raw).is_err(), "{raw:?} should be refused");
        }
        assert!(TagName::parse(&"t".repeat(41)).is_err());
    }
}
