//! What the Manage Users screens show: clients, team members, the signed-in user, list queries.
use super::{client_actions::PendingKind, Role, SexAtBirth, UserState};
use serde::{Deserialize, Serialize};

/// The UTC calendar date (`YYYY-MM-DD`) of an instant in epoch milliseconds.
pub fn iso_date(ms: i64) -> String {
    // Civil-from-days (Howard Hinnant's algorithm), exact for the proleptic Gregorian calendar.
    let days = ms.div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// "2026-12-01 20:21 UTC": an instant in epoch milliseconds, to the minute.
pub fn iso_minute(ms: i64) -> String {
    let minutes = ms.rem_euclid(86_400_000) / 60_000;
    format!(
        "{} {:02}:{:02} UTC",
        iso_date(ms),
        minutes / 60,
        minutes % 60
    )
}

/// A client as the Clients table shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Client {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub date_of_birth: Option<String>,
    pub sex_at_birth: Option<SexAtBirth>,
    pub external_id: Option<String>,
    pub tags: Vec<String>,
    pub registered: bool,
    pub state: UserState,
    /// For pending rows: an invitation or a sign-up request.
    pub pending_kind: Option<PendingKind>,
    /// The last email Roster sent this person could not be delivered.
    pub email_failed: bool,
    pub created_at_ms: i64,
    /// Bumped on every save; an edit carries the version it started from.
    pub version: i64,
}

impl Client {
    /// "Ada Lovelace", or the email for an invitation nobody has answered yet.
    pub fn full_name(&self) -> String {
        let name = format!("{} {}", self.first_name, self.last_name);
        if name.trim().is_empty() {
            self.email.clone()
        } else {
            name.trim().to_string()
        }
    }

    pub fn initials(&self) -> String {
        let initials: String = self
            .first_name
            .chars()
            .take(1)
            .chain(self.last_name.chars().take(1))
            .collect();
        if initials.is_empty() {
            self.email
                .chars()
                .take(1)
                .collect::<String>()
                .to_uppercase()
        } else {
            initials
        }
    }

    /// The Registered column's words: where the client stands with their account.
    pub fn status(&self) -> &'static str {
        match (self.email_failed, self.pending_kind, self.registered) {
            (true, _, _) => "Email not delivered",
            (false, Some(PendingKind::Invited), _) => "Invitation sent",
            (false, Some(PendingKind::Requested), _) => "Sign-up request",
            (false, None, true) => "Registered",
            (false, None, false) => "Not yet",
        }
    }

    /// Invitations carry only an email until the invitee completes the form; they cannot be edited.
    pub fn is_editable(&self) -> bool {
        self.state != UserState::Archived && self.pending_kind != Some(PendingKind::Invited)
    }
}

/// A team member as the Team Members table shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub is_owner: bool,
    /// Names of the tags that limit which clients the member sees (none: every client).
    pub security_tags: Vec<String>,
    pub registered: bool,
    pub state: UserState,
    /// The last email Roster sent this person could not be delivered.
    pub email_failed: bool,
    pub created_at_ms: i64,
    pub version: i64,
}

impl TeamMember {
    /// "Maya Okafor", or the email for an invitation nobody has answered yet.
    pub fn full_name(&self) -> String {
        let name = format!("{} {}", self.first_name, self.last_name);
        if name.trim().is_empty() {
            self.email.clone()
        } else {
            name.trim().to_string()
        }
    }

    pub fn is_admin(&self) -> bool {
        self.roles.contains(&Role::Administrator)
    }

    /// Security tags limit what a member sees only when they read clients as a Practitioner:
    /// Administrators see everyone.
    pub fn security_tags_apply(&self) -> bool {
        self.roles.contains(&Role::Practitioner) && !self.is_admin()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserKind {
    Client,
    Team,
}

/// The signed-in person, as the page header and the route guards need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub organization: String,
    pub kind: UserKind,
    pub roles: Vec<Role>,
    pub is_owner: bool,
    pub state: UserState,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.kind == UserKind::Team
            && self.state == UserState::Active
            && self.roles.contains(&Role::Administrator)
    }

    fn active_with(&self, role: Role) -> bool {
        self.kind == UserKind::Team && self.state == UserState::Active && self.roles.contains(&role)
    }

    /// Reads clients as a Practitioner (Administrators read them in Manage Users).
    pub fn is_practitioner(&self) -> bool {
        self.active_with(Role::Practitioner)
    }

    /// May read clients: Administrators all of them, Practitioners those their tags allow.
    pub fn reads_clients(&self) -> bool {
        self.is_admin() || self.is_practitioner()
    }

    /// May see the plan page.
    pub fn sees_plan(&self) -> bool {
        self.active_with(Role::BillingAdministrator)
            || self.is_admin()
            || (self.is_owner && self.state == UserState::Active)
    }

    /// Where this person lands after signing in.
    pub fn home(&self) -> &'static str {
        if self.is_admin() {
            "/manage-users"
        } else if self.is_practitioner() {
            "/clients"
        } else if self.active_with(Role::BillingAdministrator) {
            "/plan"
        } else {
            "/account"
        }
    }

    pub fn initials(&self) -> String {
        self.first_name
            .chars()
            .take(1)
            .chain(self.last_name.chars().take(1))
            .collect()
    }
}

/// The signed-in person's own account page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyAccount {
    pub user: CurrentUser,
    pub date_of_birth: Option<String>,
    pub sex_at_birth: Option<SexAtBirth>,
    pub version: i64,
}

impl MyAccount {
    /// Archived accounts can be seen but not changed.
    pub fn read_only(&self) -> bool {
        self.user.state == UserState::Archived
    }
}

/// How the Clients table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SortKey {
    #[default]
    Name,
    Email,
    DateOfBirth,
    ExternalId,
    Created,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Name,
        SortKey::Email,
        SortKey::DateOfBirth,
        SortKey::ExternalId,
        SortKey::Created,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Email => "email",
            SortKey::DateOfBirth => "dob",
            SortKey::ExternalId => "external_id",
            SortKey::Created => "created",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// One page request of the Clients table. `page` counts from 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientQuery {
    pub state: UserState,
    pub page: u32,
    pub per_page: u32,
    pub sort: SortKey,
    pub descending: bool,
    pub search: String,
    pub tag: Option<i64>,
}

impl Default for ClientQuery {
    fn default() -> Self {
        Self {
            state: UserState::Active,
            page: 1,
            per_page: 25,
            sort: SortKey::Name,
            descending: false,
            search: String::new(),
            tag: None,
        }
    }
}

impl ClientQuery {
    pub const MAX_PER_PAGE: u32 = 100;

    /// The query with its numbers pulled into range and the search trimmed.
    pub fn clamped(mut self) -> Self {
        self.page = self.page.max(1);
        self.per_page = self.per_page.clamp(1, Self::MAX_PER_PAGE);
        self.search = self.search.trim().chars().take(100).collect();
        self
    }

    /// Reads a query from URL parameters; anything missing or malformed takes its default.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let defaults = Self::default();
        Self {
            state: get("show")
                .and_then(|s| UserState::parse(&s))
                .unwrap_or(defaults.state),
            page: get("page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(defaults.page),
            per_page: get("per_page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(defaults.per_page),
            sort: get("sort")
                .and_then(|s| SortKey::parse(&s))
                .unwrap_or(defaults.sort),
            descending: get("desc").is_some_and(|d| d == "1"),
            search: get("q").unwrap_or_default(),
            tag: get("tag").and_then(|t| t.parse().ok()),
        }
        .clamped()
    }

    /// The URL parameters for this query, leaving out the ones at their default.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let defaults = Self::default();
        let mut params = Vec::new();
        if self.state != defaults.state {
            params.push(("show", self.state.as_str().to_string()));
        }
        if !self.search.is_empty() {
            params.push(("q", self.search.clone()));
        }
        if let Some(tag) = self.tag {
            params.push(("tag", tag.to_string()));
        }
        if self.sort != defaults.sort {
            params.push(("sort", self.sort.as_str().to_string()));
        }
        if self.descending {
            params.push(("desc", "1".to_string()));
        }
        if self.per_page != defaults.per_page {
            params.push(("per_page", self.per_page.to_string()));
        }
        if self.page != defaults.page {
            params.push(("page", self.page.to_string()));
        }
        params
    }

    /// The CSV export of this query with these columns, in this order.
    pub fn export_link(&self, columns: &[super::Column]) -> String {
        let mut params: Vec<String> = self
            .to_params()
            .into_iter()
            .filter(|(key, _)| !matches!(*key, "page" | "per_page"))
            .map(|(key, value)| format!("{key}={}", encode(&value)))
            .collect();
        let keys: Vec<&str> = columns.iter().map(|c| c.key()).collect();
        params.push(format!("columns={}", keys.join(",")));
        format!("/clients/export.csv?{}", params.join("&"))
    }

    /// "1,234", or "1,000+" when the count stopped at its cap.
    pub fn matching_label(matching: i64, capped: bool) -> String {
        let n = super::client_actions::thousands(usize::try_from(matching).unwrap_or(0));
        if capped {
            format!("{n}+")
        } else {
            n
        }
    }

    /// Pages needed to show `matching` rows.
    pub fn page_count(&self, matching: i64) -> u32 {
        let per_page = i64::from(self.per_page.max(1));
        u32::try_from((matching.max(0) + per_page - 1) / per_page)
            .unwrap_or(u32::MAX)
            .max(1)
    }

    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(self.per_page)
    }
}

/// `value` made safe for a URL's query: everything but letters, digits and `-_.~` escaped.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// How many clients each view holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StateCounts {
    pub active: i64,
    pub pending: i64,
    pub archived: i64,
}

impl StateCounts {
    pub fn of(&self, state: UserState) -> i64 {
        match state {
            UserState::Active => self.active,
            UserState::Pending => self.pending,
            UserState::Archived => self.archived,
        }
    }
}

/// A client's current registration code, as "View Registration Code" shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationCode {
    pub client_name: String,
    pub email: String,
    pub code: String,
    /// The UTC date after which the code no longer works.
    pub expires_on: String,
}

/// What the invitation page shows above its form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub organization: String,
    pub email: String,
    /// A team member's invitation (asks for no date of birth or sex).
    pub team: bool,
}

/// A tag as the filter menu lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagSummary {
    pub id: i64,
    pub name: String,
}

/// One page of the Clients table plus what the toolbar shows around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientPage {
    pub rows: Vec<Client>,
    /// Rows matching the query across all pages (or the first so many, when `capped`).
    pub matching: i64,
    /// More rows match than were counted: a search shows its first `matching` matches.
    pub capped: bool,
    pub counts: StateCounts,
    pub client_limit: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_survives_the_url_round_trip() {
        let query = ClientQuery {
            state: UserState::Archived,
            page: 3,
            sort: SortKey::Email,
            descending: true,
            search: "ada".into(),
            tag: Some(4),
            ..ClientQuery::default()
        };
        let params = query.to_params();
        let back = ClientQuery::from_params(|k| {
            params
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.clone())
        });
        assert_eq!(back, query);
        assert!(ClientQuery::default().to_params().is_empty());
    }

    #[test]
    fn the_export_link_carries_the_view_and_the_columns_in_order() {
        let query = ClientQuery {
            state: UserState::Archived,
            page: 4,
            search: "ada & co".into(),
            ..ClientQuery::default()
        };
        assert_eq!(
            query.export_link(&[super::super::Column::Email, super::super::Column::Name]),
            "/clients/export.csv?show=archived&q=ada%20%26%20co&columns=email,name"
        );
    }

    #[test]
    fn instants_become_utc_calendar_dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400_000), "2000-02-29");
        assert_eq!(iso_date(1_795_305_599_999), "2026-11-21");
        assert_eq!(iso_minute(1_795_305_599_999), "2026-11-21 23:59 UTC");
    }

    #[test]
    fn page_count_rounds_up_and_is_never_zero() {
        let q = ClientQuery::default();
        assert_eq!(
            (q.page_count(0), q.page_count(25), q.page_count(26)),
            (1, 1, 2)
        );
    }

    #[test]
    fn a_query_is_pulled_into_range() {
        let q = ClientQuery {
            page: 0,
            per_page: 10_000,
            search: "  ada  ".into(),
            ..ClientQuery::default()
        }
        .clamped();
        assert_eq!((q.page, q.per_page, q.search.as_str()), (1, 100, "ada"));
        assert_eq!(
            ClientQuery {
                page: 3,
                ..ClientQuery::default()
            }
            .offset(),
            50
        );
    }
}
