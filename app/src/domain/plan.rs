//! The organization's plan as the Plan page shows it: the client limit and how it is used.
use super::invalid::{Field, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub organization: String,
    pub client_limit: i64,
    pub active_clients: i64,
    pub pending_clients: i64,
    pub archived_clients: i64,
    /// The caller may change the limit (Billing Administrators and the Owner).
    pub can_change: bool,
}

/// The highest client limit Roster accepts.
pub const MAX_CLIENT_LIMIT: i64 = 10_000_000;

/// A new client limit as typed: a whole number, not below the active clients already there.
pub fn parse_client_limit(raw: &str, active: i64) -> Result<i64, Invalid> {
    let digits: String = raw.trim().chars().filter(|c| *c != ',').collect();
    let limit: i64 = digits
        .parse()
        .map_err(|_| Invalid::new(Field::ClientLimit, "Enter a whole number of clients"))?;
    if !(0..=MAX_CLIENT_LIMIT).contains(&limit) {
        return Err(Invalid::new(
            Field::ClientLimit,
            "Choose a limit from 0 to 10,000,000",
        ));
    }
    if limit < active {
        return Err(Invalid::new(
            Field::ClientLimit,
            format!(
                "You have {} active clients. Archive some first, or choose at least {}.",
                super::client_actions::thousands(usize::try_from(active).unwrap_or(0)),
                super::client_actions::thousands(usize::try_from(active).unwrap_or(0))
            ),
        ));
    }
    Ok(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_is_a_whole_number_not_below_the_active_clients() {
        assert_eq!(parse_client_limit(" 1,500 ", 200), Ok(1_500));
        assert!(parse_client_limit("abc", 0).is_err());
        assert!(parse_client_limit("-1", 0).is_err());
        assert!(parse_client_limit("199", 200)
            .unwrap_err()
            .message
            .starts_with("You have 200 active clients"));
    }
}
