//! The "Select an action" menu of the Clients table: which entries each view offers, what each
//! one does, which ask for confirmation first, and the message that ends each.
use super::{user::ClientQuery, TagName, UserState};
use serde::{Deserialize, Serialize};

/// An entry of the menu. Some run at once, some open a dialog first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MenuItem {
    AddTags,
    EditUser,
    ViewRegistrationCode,
    SendRegistrationCode,
    ArchiveClients,
    ResendInvitations,
    DeleteInvitations,
    AcceptRequests,
    RejectRequests,
    Unarchive,
    Delete,
}

/// What choosing a menu entry leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Run the bulk action now.
    Run(ClientAction),
    /// Ask "are you sure?" first.
    Confirm(ClientAction),
    /// Open the tag picker.
    PickTags,
    /// Open the inline editor on the one selected row.
    EditRow,
    /// Show the selected client's registration code.
    ShowCode,
}

impl MenuItem {
    /// The entries each view offers, in menu order.
    pub fn for_view(view: UserState) -> &'static [MenuItem] {
        use MenuItem::*;
        match view {
            UserState::Active => &[
                AddTags,
                EditUser,
                ViewRegistrationCode,
                SendRegistrationCode,
                ArchiveClients,
            ],
            UserState::Pending => &[
                ResendInvitations,
                DeleteInvitations,
                AcceptRequests,
                RejectRequests,
            ],
            UserState::Archived => &[Unarchive, Delete],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MenuItem::AddTags => "Add Tags",
            MenuItem::EditUser => "Edit User",
            MenuItem::ViewRegistrationCode => "View Registration Code",
            MenuItem::SendRegistrationCode => "Send Registration Code",
            MenuItem::ArchiveClients => "Archive Clients",
            MenuItem::ResendInvitations => "Resend Invitations",
            MenuItem::DeleteInvitations => "Delete Invitations",
            MenuItem::AcceptRequests => "Accept Requests",
            MenuItem::RejectRequests => "Reject Requests",
            MenuItem::Unarchive => "Unarchive",
            MenuItem::Delete => "Delete",
        }
    }

    /// True for entries that concern exactly one client.
    pub fn needs_one(self) -> bool {
        matches!(self, MenuItem::EditUser | MenuItem::ViewRegistrationCode)
    }

    /// Whether the entry can be chosen for `selected` rows (`all_matching`: the whole query).
    pub fn enabled(self, selected: usize, all_matching: bool) -> bool {
        if self.needs_one() {
            selected == 1 && !all_matching
        } else {
            selected > 0 || all_matching
        }
    }

    pub fn step(self) -> Step {
        match self {
            MenuItem::AddTags => Step::PickTags,
            MenuItem::EditUser => Step::EditRow,
            MenuItem::ViewRegistrationCode => Step::ShowCode,
            MenuItem::SendRegistrationCode => Step::Run(ClientAction::SendRegistrationCodes),
            MenuItem::ArchiveClients => Step::Run(ClientAction::Archive),
            MenuItem::ResendInvitations => Step::Run(ClientAction::ResendInvitations),
            MenuItem::DeleteInvitations => Step::Confirm(ClientAction::DeleteInvitations),
            MenuItem::AcceptRequests => Step::Run(ClientAction::AcceptRequests),
            MenuItem::RejectRequests => Step::Confirm(ClientAction::RejectRequests),
            MenuItem::Unarchive => Step::Run(ClientAction::Unarchive),
            MenuItem::Delete => Step::Confirm(ClientAction::Delete),
        }
    }
}

/// A change applied to many clients at once, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientAction {
    AddTags(Vec<TagName>),
    SendRegistrationCodes,
    Archive,
    Unarchive,
    Delete,
    ResendInvitations,
    DeleteInvitations,
    AcceptRequests,
    RejectRequests,
}

/// Which pending rows an action concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PendingKind {
    /// Sent an invitation by email; only the address is known so far.
    Invited,
    /// Filled in the sign-up page and waits to be accepted.
    Requested,
}

impl PendingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PendingKind::Invited => "invited",
            PendingKind::Requested => "requested",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [PendingKind::Invited, PendingKind::Requested]
            .into_iter()
            .find(|k| k.as_str() == raw)
    }
}

impl ClientAction {
    /// The view whose rows this action applies to; rows in any other state are refused.
    pub fn view(&self) -> UserState {
        match self {
            ClientAction::AddTags(_)
            | ClientAction::SendRegistrationCodes
            | ClientAction::Archive => UserState::Active,
            ClientAction::Unarchive | ClientAction::Delete => UserState::Archived,
            ClientAction::ResendInvitations
            | ClientAction::DeleteInvitations
            | ClientAction::AcceptRequests
            | ClientAction::RejectRequests => UserState::Pending,
        }
    }

    /// For pending actions, the kind of pending row they act on; the others are skipped.
    pub fn pending_kind(&self) -> Option<PendingKind> {
        match self {
            ClientAction::ResendInvitations | ClientAction::DeleteInvitations => {
                Some(PendingKind::Invited)
            }
            ClientAction::AcceptRequests | ClientAction::RejectRequests => {
                Some(PendingKind::Requested)
            }
            _ => None,
        }
    }

    /// The audit log's name for it.
    pub fn audit_name(&self) -> &'static str {
        match self {
            ClientAction::AddTags(_) => "client_tagged",
            ClientAction::SendRegistrationCodes => "registration_code_sent",
            ClientAction::Archive => "client_archived",
            ClientAction::Unarchive => "client_unarchived",
            ClientAction::Delete => "client_deleted",
            ClientAction::ResendInvitations => "invitation_resent",
            ClientAction::DeleteInvitations => "invitation_deleted",
            ClientAction::AcceptRequests => "request_accepted",
            ClientAction::RejectRequests => "request_rejected",
        }
    }

    /// The question asked before an action that cannot be undone: title, explanation, button.
    /// `more`: the count stopped at its cap, and more rows are concerned.
    pub fn confirmation(&self, count: usize, more: bool) -> (String, &'static str, &'static str) {
        let plural = |n: usize, one: &str, many: &str| {
            if more {
                format!("{}+ {many}", thousands(n))
            } else {
                plural(n, one, many)
            }
        };
        match self {
            ClientAction::Delete => (
                format!("Delete {}?", plural(count, "client", "clients")),
                "Their accounts and everything they recorded are removed for good. This cannot be undone.",
                "Delete",
            ),
            ClientAction::DeleteInvitations => (
                format!("Delete {}?", plural(count, "invitation", "invitations")),
                "The links in those emails stop working. You can invite the same people again later.",
                "Delete Invitations",
            ),
            ClientAction::RejectRequests => (
                format!("Reject {}?", plural(count, "request", "requests")),
                "Each person is told by email that their request to join was not accepted.",
                "Reject Requests",
            ),
            _ => (String::new(), "", "OK"),
        }
    }

    /// The message shown when the action has been carried out.
    pub fn success_message(&self, outcome: &BulkOutcome) -> String {
        let n = outcome.done;
        let clients = || plural(n, "client", "clients");
        let has = if n == 1 { "has" } else { "have" };
        let main = match self {
            ClientAction::AddTags(_) => format!("Success! Tags added to {}.", clients()),
            ClientAction::SendRegistrationCodes => {
                format!("Success! Registration codes sent to {}.", clients())
            }
            ClientAction::Archive => format!("Success! {} {has} been archived.", clients()),
            ClientAction::Unarchive => format!("Success! {} {has} been unarchived.", clients()),
            ClientAction::Delete => format!("Success! {} {has} been deleted.", clients()),
            ClientAction::ResendInvitations => format!(
                "Success! {} {has} been resent.",
                plural(n, "invitation", "invitations")
            ),
            ClientAction::DeleteInvitations => format!(
                "Success! {} {has} been deleted.",
                plural(n, "invitation", "invitations")
            ),
            ClientAction::AcceptRequests => format!(
                "Success! {} {has} been accepted.",
                plural(n, "request", "requests")
            ),
            ClientAction::RejectRequests => format!(
                "Success! {} {has} been rejected.",
                plural(n, "request", "requests")
            ),
        };
        match (outcome.skipped, self) {
            (0, _) => main,
            (s, ClientAction::SendRegistrationCodes) => format!(
                "{main} {} already registered, so no code was sent to them.",
                plural(s, "client was", "clients were")
            ),
            (s, _) => format!(
                "{main} {} did not apply and {} left as {}.",
                plural(s, "selected row", "selected rows"),
                if s == 1 { "was" } else { "were" },
                if s == 1 { "it was" } else { "they were" }
            ),
        }
    }
}

/// Which clients a bulk action applies to: the rows ticked, or every row the query matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BulkTarget {
    Ids(Vec<i64>),
    Matching(ClientQuery),
}

impl BulkTarget {
    /// The most rows that may be named one by one; larger selections go by query.
    pub const MAX_IDS: usize = 1_000;
}

/// How a bulk action went: rows changed, and rows selected that it did not apply to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub done: usize,
    pub skipped: usize,
}

/// "1 client", "3 clients", with thousands separated.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// 1234567 → "1,234,567".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_view_offers_the_actions_the_seed_lists() {
        let labels = |view| {
            MenuItem::for_view(view)
                .iter()
                .map(|i| i.label())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            labels(UserState::Active),
            [
                "Add Tags",
                "Edit User",
                "View Registration Code",
                "Send Registration Code",
                "Archive Clients"
            ]
        );
        assert_eq!(
            labels(UserState::Pending),
            [
                "Resend Invitations",
                "Delete Invitations",
                "Accept Requests",
                "Reject Requests"
            ]
        );
        assert_eq!(labels(UserState::Archived), ["Unarchive", "Delete"]);
    }

    #[test]
    fn every_action_a_view_offers_applies_to_that_view() {
        for view in UserState::ALL {
            for item in MenuItem::for_view(view) {
                if let Step::Run(action) | Step::Confirm(action) = item.step() {
                    assert_eq!(action.view(), view, "{}", item.label());
                }
            }
        }
    }

    #[test]
    fn deleting_and_rejecting_ask_first_archiving_does_not() {
        assert!(matches!(MenuItem::Delete.step(), Step::Confirm(_)));
        assert!(matches!(MenuItem::RejectRequests.step(), Step::Confirm(_)));
        assert!(matches!(MenuItem::ArchiveClients.step(), Step::Run(_)));
        let (title, _, button) = ClientAction::Delete.confirmation(3, false);
        assert_eq!((title.as_str(), button), ("Delete 3 clients?", "Delete"));
        let (many, _, _) = ClientAction::Delete.confirmation(1_000, true);
        assert_eq!(many, "Delete 1,000+ clients?");
    }

    #[test]
    fn single_row_entries_need_exactly_one_ticked_row() {
        assert!(MenuItem::EditUser.enabled(1, false));
        assert!(!MenuItem::EditUser.enabled(2, false));
        assert!(!MenuItem::EditUser.enabled(1, true));
        assert!(MenuItem::ArchiveClients.enabled(0, true));
        assert!(!MenuItem::ArchiveClients.enabled(0, false));
    }

    #[test]
    fn success_messages_count_what_was_done_and_what_was_skipped() {
        let done = |done, skipped| BulkOutcome { done, skipped };
        assert_eq!(
            ClientAction::Archive.success_message(&done(3, 0)),
            "Success! 3 clients have been archived."
        );
        assert_eq!(
            ClientAction::Unarchive.success_message(&done(1, 0)),
            "Success! 1 client has been unarchived."
        );
        assert_eq!(
            ClientAction::SendRegistrationCodes.success_message(&done(2, 1)),
            "Success! Registration codes sent to 2 clients. 1 client was already registered, so no code was sent to them."
        );
        assert_eq!(
            ClientAction::AcceptRequests.success_message(&done(1, 2)),
            "Success! 1 request has been accepted. 2 selected rows did not apply and were left as they were."
        );
    }

    #[test]
    fn large_numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(plural(1_000_000, "client", "clients"), "1,000,000 clients");
    }
}
