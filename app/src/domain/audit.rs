//! The audit log as the Audit Log page shows it: what each recorded action is called, the
//! filters (a person, an action) and the page of entries.
use serde::{Deserialize, Serialize};

/// Every action Roster records, with the words the page uses for it, in the filter's order.
pub const ACTIONS: &[(&str, &str)] = &[
    ("signed_in", "Signed in"),
    ("admin_created", "Administrator created"),
    ("client_created", "Client created"),
    ("clients_imported", "Clients imported"),
    ("client_edited", "Client edited"),
    ("client_tagged", "Tags added"),
    ("client_invited", "Client invited"),
    ("signup_requested", "Sign-up requested"),
    ("request_accepted", "Request accepted"),
    ("request_rejected", "Request rejected"),
    ("invitation_accepted", "Invitation accepted"),
    ("invitation_resent", "Invitation resent"),
    ("invitation_deleted", "Invitation deleted"),
    ("registration_code_sent", "Registration code sent"),
    ("registration_code_viewed", "Registration code viewed"),
    ("client_registered", "Registered"),
    ("client_archived", "Client archived"),
    ("client_unarchived", "Client unarchived"),
    ("client_deleted", "Client deleted"),
    ("team_member_created", "Team member created"),
    ("team_member_invited", "Team member invited"),
    ("team_member_edited", "Team member edited"),
    ("roles_changed", "Roles changed"),
    ("security_tags_changed", "Security tags changed"),
    ("team_member_disconnected", "Team member disconnected"),
    ("team_member_archived", "Team member archived"),
    ("team_member_unarchived", "Team member unarchived"),
    ("team_member_deleted", "Team member deleted"),
    ("client_limit_changed", "Client limit changed"),
    ("clients_exported", "Clients exported"),
    ("profile_edited", "Own name changed"),
    ("password_changed", "Own password changed"),
];

/// The words for an action, or the stored name itself for one this version does not know.
pub fn action_label(action: &str) -> &str {
    ACTIONS
        .iter()
        .find(|(key, _)| *key == action)
        .map(|(_, label)| *label)
        .unwrap_or(action)
}

/// The known action with this stored name.
pub fn known_action(raw: &str) -> Option<&'static str> {
    ACTIONS
        .iter()
        .find(|(key, _)| *key == raw)
        .map(|(key, _)| *key)
}

/// Which entries the page shows: newest first, optionally one person's (as actor or subject)
/// or one action's, and only those older than `before` (the "Older entries" cursor).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub person: Option<i64>,
    pub action: Option<String>,
    pub before: Option<i64>,
}

impl AuditQuery {
    pub const PER_PAGE: usize = 50;

    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            person: get("person").and_then(|p| p.parse().ok()),
            action: get("action").and_then(|a| known_action(&a).map(str::to_string)),
            before: get("before").and_then(|b| b.parse().ok()),
        }
    }

    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if let Some(person) = self.person {
            params.push(("person", person.to_string()));
        }
        if let Some(action) = &self.action {
            params.push(("action", action.clone()));
        }
        if let Some(before) = self.before {
            params.push(("before", before.to_string()));
        }
        params
    }
}

/// Someone an entry names: their id while they exist, and how to call them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: Option<i64>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at_ms: i64,
    /// `None`: Roster itself or the command line.
    pub actor: Option<PersonRef>,
    pub action: String,
    pub subject: Option<PersonRef>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// The cursor for the next, older page, when there is one.
    pub older: Option<i64>,
    /// The team, for the person filter.
    pub team: Vec<PersonRef>,
    /// The filtered person, named (they may be a client, not in `team`).
    pub person: Option<PersonRef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_audit_query_survives_the_url_and_drops_unknown_actions() {
        let query = AuditQuery {
            person: Some(7),
            action: Some("roles_changed".into()),
            before: Some(120),
        };
        let params = query.to_params();
        let get = |k: &str| {
            params
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(AuditQuery::from_params(get), query);
        let odd = AuditQuery::from_params(|k| (k == "action").then(|| "drop_table".to_string()));
        assert_eq!(odd.action, None);
    }

    #[test]
    fn actions_read_as_words_and_unknown_ones_as_stored() {
        assert_eq!(action_label("roles_changed"), "Roles changed");
        assert_eq!(action_label("something_new"), "something_new");
    }
}
