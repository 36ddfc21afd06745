//! Invitations by email: the addresses typed into the invite form and the message sent with them.
use super::{
    invalid::{Field, Invalid},
    Email,
};

/// The message an invitation carries unless the admin writes their own.
pub fn default_message(org_name: &str) -> String {
    format!(
        "Hello! {org_name} invites you to join them on Roster, where you and your coach keep track of \
         your health goals together. Accept the invitation below to create your account."
    )
}

/// The message a team invitation carries unless the admin writes their own.
pub fn default_team_message(org_name: &str) -> String {
    format!(
        "Hello! {org_name} invites you to join their team on Roster, where the practice keeps its \
         clients and coaching in one place. Accept the invitation below to create your account."
    )
}

/// A message of at most 2,000 characters; blank means `default`.
pub fn parse_message(raw: &str, default: impl FnOnce() -> String) -> Result<String, Invalid> {
    let text = raw.trim();
    if text.chars().count() > 2_000 {
        return Err(Invalid::new(Field::Message, "Use at most 2,000 characters"));
    }
    Ok(if text.is_empty() {
        default()
    } else {
        text.to_string()
    })
}

/// The addresses in a box where people paste them separated by commas, semicolons, spaces or
/// lines. Each bad one is reported; duplicates count once.
pub fn parse_addresses(raw: &str) -> Result<Vec<Email>, Vec<Invalid>> {
    let mut emails: Vec<Email> = Vec::new();
    let mut errors = Vec::new();
    for part in raw.split([',', ';', ' ', '\n', '\r', '\t']) {
        if part.trim().is_empty() {
            continue;
        }
        match Email::parse(part) {
            Ok(email) if !emails.contains(&email) => emails.push(email),
            Ok(_) => {}
            Err(_) => errors.push(Invalid::new(
                Field::Email,
                format!("\"{}\" is not an email address", part.trim()),
            )),
        }
    }
    if emails.is_empty() && errors.is_empty() {
        errors.push(Invalid::new(
            Field::Email,
            "Enter at least one email address",
        ));
    }
    if errors.is_empty() {
        Ok(emails)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_addresses_split_on_any_separator_and_count_once() {
        let emails =
            parse_addresses("ada@example.com, Bo@example.org;\nada@example.com  cy@example.net")
                .unwrap();
        let texts: Vec<&str> = emails.iter().map(|e| e.as_str()).collect();
        assert_eq!(
            texts,
            ["ada@example.com", "bo@example.org", "cy@example.net"]
        );
    }

    #[test]
    fn each_bad_address_is_named() {
        let errors = parse_addresses("ada@example.com, nope, also@bad").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("\"nope\""));
        assert!(parse_addresses("  ").is_err());
    }

    #[test]
    fn a_blank_message_becomes_the_default_naming_the_organization() {
        assert!(parse_message(" ", || default_message("Harbor Health"))
            .unwrap()
            .contains("Harbor Health invites you"));
        assert_eq!(parse_message(" Hi! ", || "X".into()).unwrap(), "Hi!");
        assert!(parse_message(&"x".repeat(2_001), || "X".into()).is_err());
    }
}
