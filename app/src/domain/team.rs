//! The Team Members table and its rules: columns, the query in the URL, new members as the
//! Create New Members form holds them, who may lose the Administrator role, and the "Select an
//! action" menu of each view.
use super::{
    client_actions::{plural, thousands},
    column_layout::TableColumn,
    invalid::{Field, Invalid},
    user::{StateCounts, TeamMember},
    Email, PersonName, Role, UserState,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TeamColumn {
    Name,
    Email,
    Roles,
    SecurityTags,
    Status,
    Created,
}

impl TableColumn for TeamColumn {
    const ALL: &'static [TeamColumn] = &[
        TeamColumn::Name,
        TeamColumn::Email,
        TeamColumn::Roles,
        TeamColumn::SecurityTags,
        TeamColumn::Status,
        TeamColumn::Created,
    ];

    fn label(self) -> &'static str {
        match self {
            TeamColumn::Name => "Name",
            TeamColumn::Email => "Email",
            TeamColumn::Roles => "Roles",
            TeamColumn::SecurityTags => "Security Tags",
            TeamColumn::Status => "Status",
            TeamColumn::Created => "Created",
        }
    }
}

impl TeamColumn {
    pub fn sort_key(self) -> Option<TeamSortKey> {
        match self {
            TeamColumn::Name => Some(TeamSortKey::Name),
            TeamColumn::Email => Some(TeamSortKey::Email),
            TeamColumn::Created => Some(TeamSortKey::Created),
            TeamColumn::Roles | TeamColumn::SecurityTags | TeamColumn::Status => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum TeamSortKey {
    #[default]
    Name,
    Email,
    Created,
}

impl TeamSortKey {
    pub const ALL: [TeamSortKey; 3] = [TeamSortKey::Name, TeamSortKey::Email, TeamSortKey::Created];

    pub fn as_str(self) -> &'static str {
        match self {
            TeamSortKey::Name => "name",
            TeamSortKey::Email => "email",
            TeamSortKey::Created => "created",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        TeamSortKey::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// What the Team Members tab shows; it lives in the tab's URL (`/manage-users/team?…`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamQuery {
    pub state: UserState,
    pub search: String,
    pub sort: TeamSortKey,
    pub descending: bool,
}

impl TeamQuery {
    /// The most members one view lists; a practice's team is far smaller.
    pub const MAX_ROWS: usize = 500;

    pub fn clamped(mut self) -> Self {
        self.search = self.search.trim().chars().take(100).collect();
        self
    }

    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            state: get("show")
                .and_then(|s| UserState::parse(&s))
                .unwrap_or_default(),
            search: get("q").unwrap_or_default(),
            sort: get("sort")
                .and_then(|s| TeamSortKey::parse(&s))
                .unwrap_or_default(),
            descending: get("desc").is_some_and(|d| d == "1"),
        }
        .clamped()
    }

    /// The URL parameters, leaving out the ones at their default.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if self.state != UserState::Active {
            params.push(("show", self.state.as_str().to_string()));
        }
        if !self.search.is_empty() {
            params.push(("q", self.search.clone()));
        }
        if self.sort != TeamSortKey::Name {
            params.push(("sort", self.sort.as_str().to_string()));
        }
        if self.descending {
            params.push(("desc", "1".to_string()));
        }
        params
    }
}

/// The Team Members table's rows for a query, and how many members each view holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPage {
    pub rows: Vec<TeamMember>,
    pub counts: StateCounts,
}

/// A team member's name and email as a form or the inline editor holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMemberDraft {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// A team member's name and email, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMemberDetails {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
}

impl TeamMemberDraft {
    pub fn from_member(member: &TeamMember) -> Self {
        Self {
            first_name: member.first_name.clone(),
            last_name: member.last_name.clone(),
            email: member.email.clone(),
        }
    }

    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::FirstName => &self.first_name,
            Field::LastName => &self.last_name,
            Field::Email => &self.email,
            _ => "",
        }
    }

    pub fn set(&mut self, field: Field, value: String) {
        match field {
            Field::FirstName => self.first_name = value,
            Field::LastName => self.last_name = value,
            Field::Email => self.email = value,
            _ => {}
        }
    }

    /// Every problem at once, each against its field.
    pub fn parse(&self) -> Result<TeamMemberDetails, Vec<Invalid>> {
        let first = PersonName::parse_for(Field::FirstName, &self.first_name);
        let last = PersonName::parse_for(Field::LastName, &self.last_name);
        let email = Email::parse(&self.email);
        match (first, last, email) {
            (Ok(first_name), Ok(last_name), Ok(email)) => Ok(TeamMemberDetails {
                first_name,
                last_name,
                email,
            }),
            (first, last, email) => Err([first.err(), last.err(), email.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }
}

/// The roles a member will hold: at least one, each once, in the usual order.
pub fn parse_roles(roles: &[Role]) -> Result<Vec<Role>, Invalid> {
    let mut kept: Vec<Role> = roles.to_vec();
    kept.sort();
    kept.dedup();
    if kept.is_empty() {
        return Err(Invalid::new(Field::Role, "Choose at least one role"));
    }
    Ok(kept)
}

/// "Practitioner and Administrator", "Practitioner, Billing Administrator and Administrator".
pub fn roles_in_words(roles: &[Role]) -> String {
    let labels: Vec<&str> = roles.iter().map(|r| r.label()).collect();
    match labels.as_slice() {
        [] => "no role".to_string(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What a change to a member's roles, or their removal, is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub is_owner: bool,
    /// The member is an active Administrator now.
    pub is_active_admin: bool,
    /// Active Administrators of the organization other than this member.
    pub other_active_admins: usize,
}

const LAST_ADMIN: &str = "The practice must keep at least one Administrator, or nobody could manage its users. Make another team member an Administrator first.";

/// Refuses a new set of roles that would demote the Owner or leave no Administrator (said
/// first: it is the reason that matters), or that is empty.
pub fn check_new_roles(standing: Standing, roles: &[Role]) -> Result<Vec<Role>, Invalid> {
    if !roles.contains(&Role::Administrator) {
        if standing.is_active_admin && standing.other_active_admins == 0 {
            return Err(Invalid::new(Field::Role, LAST_ADMIN));
        }
        if standing.is_owner {
            return Err(Invalid::new(
                Field::Role,
                "The Owner is always an Administrator.",
            ));
        }
    }
    parse_roles(roles)
}

/// Refuses archiving, disconnecting or deleting the Owner or the last Administrator.
pub fn check_removal(standing: Standing, name: &str) -> Result<(), Invalid> {
    if standing.is_active_admin && standing.other_active_admins == 0 {
        return Err(Invalid::new(Field::Selection, LAST_ADMIN));
    }
    if standing.is_owner {
        return Err(Invalid::new(
            Field::Selection,
            format!("{name} is the Owner of the practice and cannot be archived, disconnected or deleted."),
        ));
    }
    Ok(())
}

/// One row of the Create New Members form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMemberDraft {
    pub details: TeamMemberDraft,
    pub roles: Vec<Role>,
    pub send_code: bool,
}

/// One row, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub details: TeamMemberDetails,
    pub roles: Vec<Role>,
    pub send_code: bool,
}

/// The most rows the form may create at once.
pub const MAX_NEW_MEMBERS: usize = 50;

/// Checks every row and the rows against each other (the same email twice).
pub fn parse_member_rows(rows: &[NewMemberDraft]) -> Result<Vec<NewMember>, Vec<(usize, Invalid)>> {
    let mut problems = Vec::new();
    if rows.len() > MAX_NEW_MEMBERS {
        problems.push((
            MAX_NEW_MEMBERS,
            Invalid::new(
                Field::Email,
                format!("Create at most {MAX_NEW_MEMBERS} team members at once"),
            ),
        ));
    }
    let mut parsed: Vec<NewMember> = Vec::with_capacity(rows.len());
    let mut emails: Vec<(usize, String)> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let details = row.details.parse();
        let roles = parse_roles(&row.roles);
        if let Ok(email) = Email::parse(&row.details.email) {
            if let Some((earlier, _)) = emails.iter().find(|(_, e)| *e == email.as_str()) {
                problems.push((
                    index,
                    Invalid::new(
                        Field::Email,
                        format!("This email is already in row {}", earlier + 1),
                    ),
                ));
            } else {
                emails.push((index, email.as_str().to_string()));
            }
        }
        match (details, roles) {
            (Ok(details), Ok(roles)) => parsed.push(NewMember {
                details,
                roles,
                send_code: row.send_code,
            }),
            (details, roles) => {
                problems.extend(details.err().into_iter().flatten().map(|e| (index, e)));
                problems.extend(roles.err().map(|e| (index, e)));
            }
        }
    }
    if problems.is_empty() {
        Ok(parsed)
    } else {
        problems.sort_by_key(|(row, _)| *row);
        Err(problems)
    }
}

/// A change applied to several team members at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamAction {
    SendRegistrationCodes,
    Archive,
    /// The trash button: archives one member and ends their sessions.
    Disconnect,
    Unarchive,
    Delete,
    ResendInvitations,
    DeleteInvitations,
}

impl TeamAction {
    /// The view whose rows the action applies to.
    pub fn view(self) -> UserState {
        match self {
            TeamAction::SendRegistrationCodes | TeamAction::Archive | TeamAction::Disconnect => {
                UserState::Active
            }
            TeamAction::Unarchive | TeamAction::Delete => UserState::Archived,
            TeamAction::ResendInvitations | TeamAction::DeleteInvitations => UserState::Pending,
        }
    }

    pub fn audit_name(self) -> &'static str {
        match self {
            TeamAction::SendRegistrationCodes => "registration_code_sent",
            TeamAction::Archive => "team_member_archived",
            TeamAction::Disconnect => "team_member_disconnected",
            TeamAction::Unarchive => "team_member_unarchived",
            TeamAction::Delete => "team_member_deleted",
            TeamAction::ResendInvitations => "invitation_resent",
            TeamAction::DeleteInvitations => "invitation_deleted",
        }
    }

    /// Removes members from the active team: checked against the Owner and last-Administrator rules.
    pub fn removes(self) -> bool {
        matches!(
            self,
            TeamAction::Archive | TeamAction::Disconnect | TeamAction::Delete
        )
    }

    /// Title, explanation and button of the question asked first, for actions that need one.
    pub fn confirmation(self, count: usize) -> Option<(String, &'static str, &'static str)> {
        match self {
            TeamAction::Delete => Some((
                format!("Delete {}?", plural(count, "team member", "team members")),
                "Their accounts are removed for good. The audit log keeps their name. This cannot be undone.",
                "Delete",
            )),
            TeamAction::DeleteInvitations => Some((
                format!("Delete {}?", plural(count, "invitation", "invitations")),
                "The links in those emails stop working. You can invite the same people again later.",
                "Delete Invitations",
            )),
            TeamAction::Archive => Some((
                format!("Archive {}?", plural(count, "team member", "team members")),
                "They are signed out at once and cannot sign in until you unarchive them.",
                "Archive",
            )),
            _ => None,
        }
    }

    /// The message shown once the action is done. `name` is the one member's name, for the
    /// trash button.
    pub fn success_message(self, done: usize, name: Option<&str>) -> String {
        let members = plural(done, "team member", "team members");
        let has = if done == 1 { "has" } else { "have" };
        match self {
            TeamAction::SendRegistrationCodes => {
                format!("Success! Registration codes sent to {members}.")
            }
            TeamAction::Archive => format!("Success! {members} {has} been archived."),
            TeamAction::Disconnect => format!(
                "Success! {} has been disconnected.",
                name.unwrap_or("The team member")
            ),
            TeamAction::Unarchive => format!("Success! {members} {has} been unarchived."),
            TeamAction::Delete => format!("Success! {members} {has} been deleted."),
            TeamAction::ResendInvitations => format!(
                "Success! {} {has} been resent.",
                plural(done, "invitation", "invitations")
            ),
            TeamAction::DeleteInvitations => format!(
                "Success! {} {has} been deleted.",
                plural(done, "invitation", "invitations")
            ),
        }
    }
}

/// An entry of the Team Members tab's "Select an action" menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamMenuItem {
    EditUser,
    ViewRegistrationCode,
    Run(TeamAction),
}

impl TeamMenuItem {
    pub fn for_view(view: UserState) -> &'static [TeamMenuItem] {
        use TeamAction::*;
        match view {
            UserState::Active => &[
                TeamMenuItem::EditUser,
                TeamMenuItem::ViewRegistrationCode,
                TeamMenuItem::Run(SendRegistrationCodes),
                TeamMenuItem::Run(Archive),
            ],
            UserState::Pending => &[
                TeamMenuItem::Run(ResendInvitations),
                TeamMenuItem::Run(DeleteInvitations),
            ],
            UserState::Archived => &[TeamMenuItem::Run(Unarchive), TeamMenuItem::Run(Delete)],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TeamMenuItem::EditUser => "Edit User",
            TeamMenuItem::ViewRegistrationCode => "View Registration Code",
            TeamMenuItem::Run(action) => match action {
                TeamAction::SendRegistrationCodes => "Send Registration Code",
                TeamAction::Archive => "Archive Team Members",
                TeamAction::Disconnect => "Disconnect",
                TeamAction::Unarchive => "Unarchive",
                TeamAction::Delete => "Delete",
                TeamAction::ResendInvitations => "Resend Invitations",
                TeamAction::DeleteInvitations => "Delete Invitations",
            },
        }
    }

    pub fn enabled(self, selected: usize) -> bool {
        match self {
            TeamMenuItem::EditUser | TeamMenuItem::ViewRegistrationCode => selected == 1,
            TeamMenuItem::Run(_) => selected > 0,
        }
    }
}

/// "12 team members" for the Show menu and the table's caption.
pub fn members_label(n: i64) -> String {
    let n = usize::try_from(n).unwrap_or(0);
    format!(
        "{} {}",
        thousands(n),
        if n == 1 {
            "team member"
        } else {
            "team members"
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(is_owner: bool, is_active_admin: bool, others: usize) -> Standing {
        Standing {
            is_owner,
            is_active_admin,
            other_active_admins: others,
        }
    }

    #[test]
    fn the_last_administrator_cannot_lose_the_role() {
        let err = check_new_roles(standing(false, true, 0), &[Role::Practitioner]).unwrap_err();
        assert!(err
            .message
            .starts_with("The practice must keep at least one Administrator"));
        assert!(check_new_roles(standing(false, true, 1), &[Role::Practitioner]).is_ok());
    }

    #[test]
    fn unticking_the_last_administrators_only_role_names_the_real_reason() {
        let err = check_new_roles(standing(true, true, 0), &[]).unwrap_err();
        assert!(err
            .message
            .starts_with("The practice must keep at least one Administrator"));
    }

    #[test]
    fn the_owner_stays_an_administrator_even_when_others_exist() {
        let err = check_new_roles(standing(true, true, 3), &[Role::Practitioner]).unwrap_err();
        assert_eq!(err.message, "The Owner is always an Administrator.");
        assert!(check_new_roles(
            standing(true, true, 0),
            &[Role::Administrator, Role::Practitioner]
        )
        .is_ok());
    }

    #[test]
    fn roles_are_kept_once_in_order_and_never_empty() {
        assert_eq!(
            check_new_roles(
                standing(false, false, 1),
                &[Role::Administrator, Role::Practitioner, Role::Administrator]
            )
            .unwrap(),
            vec![Role::Practitioner, Role::Administrator]
        );
        assert_eq!(
            check_new_roles(standing(false, false, 1), &[])
                .unwrap_err()
                .field,
            Field::Role
        );
    }

    #[test]
    fn neither_the_owner_nor_the_last_administrator_can_be_removed() {
        assert!(check_removal(standing(false, true, 0), "Ann")
            .unwrap_err()
            .message
            .contains("at least one Administrator"));
        assert!(check_removal(standing(true, true, 2), "Ann")
            .unwrap_err()
            .message
            .starts_with("Ann is the Owner"));
        assert!(check_removal(standing(false, true, 1), "Ann").is_ok());
        assert!(check_removal(standing(false, false, 0), "Ann").is_ok());
    }

    #[test]
    fn roles_read_as_a_list_in_words() {
        assert_eq!(roles_in_words(&[Role::Practitioner]), "Practitioner");
        assert_eq!(
            roles_in_words(&Role::ALL),
            "Practitioner, Billing Administrator and Administrator"
        );
    }

    fn row(first: &str, email: &str, roles: &[Role]) -> NewMemberDraft {
        NewMemberDraft {
            details: TeamMemberDraft {
                first_name: first.into(),
                last_name: "Okafor".into(),
                email: email.into(),
            },
            roles: roles.to_vec(),
            send_code: false,
        }
    }

    #[test]
    fn new_member_rows_report_every_problem_against_its_row() {
        let rows = [
            row("Maya", "maya@example.com", &[Role::Practitioner]),
            row("", "MAYA@example.com", &[]),
            row("Luis", "not-an-email", &[Role::Administrator]),
        ];
        let problems = parse_member_rows(&rows).unwrap_err();
        let found: Vec<(usize, Field)> = problems.iter().map(|(r, e)| (*r, e.field)).collect();
        assert_eq!(
            found,
            vec![
                (1, Field::Email),
                (1, Field::FirstName),
                (1, Field::Role),
                (2, Field::Email)
            ]
        );
        assert_eq!(problems[0].1.message, "This email is already in row 1");
    }

    #[test]
    fn a_team_query_survives_the_url_round_trip() {
        let query = TeamQuery {
            state: UserState::Pending,
            search: "maya".into(),
            sort: TeamSortKey::Email,
            descending: true,
        };
        assert!(TeamQuery::default().to_params().is_empty());
        let params = query.to_params();
        let back = TeamQuery::from_params(|k| {
            params
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.clone())
        });
        assert_eq!(back, query);
    }

    #[test]
    fn each_team_view_offers_its_own_actions() {
        let labels = |view| {
            TeamMenuItem::for_view(view)
                .iter()
                .map(|i| i.label())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            labels(UserState::Active),
            [
                "Edit User",
                "View Registration Code",
                "Send Registration Code",
                "Archive Team Members"
            ]
        );
        assert_eq!(
            labels(UserState::Pending),
            ["Resend Invitations", "Delete Invitations"]
        );
        assert_eq!(labels(UserState::Archived), ["Unarchive", "Delete"]);
        for view in UserState::ALL {
            for item in TeamMenuItem::for_view(view) {
                if let TeamMenuItem::Run(action) = item {
                    assert_eq!(action.view(), view);
                }
            }
        }
    }

    #[test]
    fn disconnecting_names_the_member() {
        assert_eq!(
            TeamAction::Disconnect.success_message(1, Some("Luis Fernandez")),
            "Success! Luis Fernandez has been disconnected."
        );
        assert_eq!(
            TeamAction::Archive.success_message(2, None),
            "Success! 2 team members have been archived."
        );
    }
}
