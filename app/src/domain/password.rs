//! The password rule: at least 8 characters with upper case, lower case, a digit and a symbol.
use super::invalid::{Field, Invalid};

/// A password that meets the rule. Never printed: `Debug` hides it.
#[derive(Clone)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let has = |test: fn(&char) -> bool| raw.chars().any(|c| test(&c));
        let strong = raw.chars().count() >= 8
            && has(char::is_ascii_uppercase)
            && has(char::is_ascii_lowercase)
            && has(char::is_ascii_digit)
            && has(|c| !c.is_alphanumeric() && !c.is_whitespace());
        if raw.chars().count() > 256 {
            return Err(Invalid::new(Field::Password, "Use at most 256 characters"));
        }
        if !strong {
            return Err(Invalid::new(
                Field::Password,
                "Use at least 8 characters with upper case, lower case, a digit and a symbol",
            ));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_needs_all_four_kinds_of_character() {
        assert!(Password::parse("Roster-2026").is_ok());
        for weak in [
            "short1!",
            "alllower1!",
            "ALLUPPER1!",
            "NoDigits!!",
            "NoSymbol12",
        ] {
            assert!(Password::parse(weak).is_err(), "{weak} should be weak");
        }
    }

    #[test]
    fn debug_output_never_shows_the_password() {
        let password = Password::parse("Roster-2026").unwrap();
        assert!(!format!("{password:?}").contains("Roster"));
    }
}
