//! Email addresses as Roster stores them: trimmed, lower-cased, one `@`, a dotted domain.
use super::invalid::{has_control, Field, Invalid};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A trimmed, lower-cased address with a plausible `local@domain.tld` shape and no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let bad = |message: &str| Invalid::new(Field::Email, message);
        let text = raw.trim().to_lowercase();
        if text.is_empty() {
            return Err(bad("Email is required"));
        }
        if has_control(&text) || text.chars().any(char::is_whitespace) {
            return Err(bad("Email cannot contain spaces or line breaks"));
        }
        if text.len() > 254 {
            return Err(bad("Email is too long"));
        }
        let Some((local, domain)) = text.split_once('@') else {
            return Err(bad("Enter an email like name@example.com"));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && !local.contains(['<', '>', '(', ')', ',', ';', ':', '"', '[', ']', '\\']);
        if !local_ok || !domain_ok || domain.contains('@') {
            return Err(bad("Enter an email like name@example.com"));
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Ada@Example.COM ").unwrap().as_str(),
            "ada@example.com"
        );
    }

    #[test]
    fn line_breaks_are_refused_so_they_never_reach_a_mail_header() {
        assert!(Email::parse("ada@example.com\r\nBcc: x@y.z").is_err());
        assert!(Email::parse("ada@exa\nmple.com").is_err());
    }

    #[test]
    fn shapes_without_a_dotted_domain_are_refused() {
        for raw in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "a@b..com",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw} should be refused");
        }
    }

    #[test]
    fn values_arriving_over_the_wire_are_checked_too() {
        assert!(serde_json::from_str::<Email>("\"not an email\"").is_err());
        let ok: Email = serde_json::from_str("\"Bo@Example.org\"").unwrap();
        assert_eq!(ok.as_str(), "bo@example.org");
    }
}
