//! Team member roles. A member may hold several; Owner is a separate, single mark per organization.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Practitioner,
    BillingAdministrator,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 3] = [
        Role::Practitioner,
        Role::BillingAdministrator,
        Role::Administrator,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Practitioner => "practitioner",
            Role::BillingAdministrator => "billing_admin",
            Role::Administrator => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Practitioner => "Practitioner",
            Role::BillingAdministrator => "Billing Administrator",
            Role::Administrator => "Administrator",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == raw || r.label().eq_ignore_ascii_case(raw.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_from_their_stored_form_and_their_label() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(Role::parse(role.label()), Some(role));
        }
        assert_eq!(Role::parse("owner"), None);
    }
}
