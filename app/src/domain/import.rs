//! Importing clients from a CSV file: the two layouts Roster reads (the vendor's template and
//! Roster's own), what each row must hold, and the dry run's report. Pure rules: the server
//! splits the file into fields; these decide, row by row, what would be imported.
use super::{
    client_actions::{plural, thousands},
    client_details::ClientDetails,
    password::Password,
    DateOfBirth, Email, ExternalId, PersonName, SexAtBirth, TagName,
};
use serde::{Deserialize, Serialize};

/// The largest file Roster accepts, checked before a byte of it is parsed.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// The most rows one file may hold.
pub const MAX_ROWS: usize = 200_000;
/// The problems a report lists one by one; beyond that it counts them.
pub const MAX_LISTED_PROBLEMS: usize = 500;

/// Which layout a file follows, told apart by its header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Template {
    /// `email_address, initial_password, first_name, last_name, birthdate (YYYYMMDD), gender`,
    /// then any number of `tag` columns and an optional `external_id`.
    Vendor,
    /// `first_name, last_name, email, date_of_birth (YYYY-MM-DD), sex_at_birth`, optional
    /// `tags` (separated by `;`) and `external_id`, in any order; no passwords.
    Roster,
}

impl Template {
    pub fn label(self) -> &'static str {
        match self {
            Template::Vendor => "Vendor template (with initial passwords)",
            Template::Roster => "Roster template",
        }
    }
}

/// The header of the Roster template, as the downloadable file has it.
pub const ROSTER_HEADER: [&str; 7] = [
    "first_name",
    "last_name",
    "email",
    "date_of_birth",
    "sex_at_birth",
    "tags",
    "external_id",
];

const VENDOR_REQUIRED: [&str; 6] = [
    "email_address",
    "initial_password",
    "first_name",
    "last_name",
    "birthdate",
    "gender",
];

/// Where each field of a row sits, read from the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub template: Template,
    /// Each column's name as the header has it, for the report.
    pub names: Vec<String>,
    email: usize,
    password: Option<usize>,
    first_name: usize,
    last_name: usize,
    date_of_birth: usize,
    sex: usize,
    /// Vendor: one tag per column; Roster: one column of tags separated by `;`.
    tags: Vec<usize>,
    external_id: Option<usize>,
}

/// One problem of one row: the spreadsheet row (the header is row 1), the column, what it
/// holds and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason: String,
}

/// A row that passed every check that needs no database.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    pub row: usize,
    pub details: ClientDetails,
    pub tags: Vec<TagName>,
    pub password: Option<Password>,
}

fn normalized(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
}

impl Columns {
    /// Reads the header row; says plainly what is wrong when it is neither template.
    pub fn from_header(header: &[String]) -> Result<Self, String> {
        let names: Vec<String> = header.iter().map(|h| normalized(h)).collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        if find("email_address").is_some() {
            for (at, expected) in VENDOR_REQUIRED.iter().enumerate() {
                if names.get(at).map(String::as_str) != Some(*expected) {
                    return Err(format!(
                        "The vendor template starts with the columns {} in that order; column {} is \"{}\".",
                        VENDOR_REQUIRED.join(", "),
                        at + 1,
                        header.get(at).map(|h| h.trim()).unwrap_or_default()
                    ));
                }
            }
            let mut tags = Vec::new();
            let mut external_id = None;
            for (at, name) in names.iter().enumerate().skip(VENDOR_REQUIRED.len()) {
                match name.as_str() {
                    "tag" => tags.push(at),
                    "external_id" if external_id.is_none() => external_id = Some(at),
                    _ => {
                        return Err(format!(
                            "Column {} is \"{}\": after gender the vendor template has only tag and external_id columns.",
                            at + 1,
                            header[at].trim()
                        ))
                    }
                }
            }
            return Ok(Self {
                template: Template::Vendor,
                names: header.iter().map(|h| normalized(h)).collect(),
                email: 0,
                password: Some(1),
                first_name: 2,
                last_name: 3,
                date_of_birth: 4,
                sex: 5,
                tags,
                external_id,
            });
        }
        if find("email").is_none() {
            return Err(
                "The first row must name the columns: download the Roster template, or use the vendor template's header."
                    .into(),
            );
        }
        for (at, name) in names.iter().enumerate() {
            if !ROSTER_HEADER.contains(&name.as_str()) {
                return Err(format!(
                    "Column {} is \"{}\", which the Roster template does not have. Its columns are {}.",
                    at + 1,
                    header[at].trim(),
                    ROSTER_HEADER.join(", ")
                ));
            }
            if names[..at].contains(name) {
                return Err(format!("The column \"{name}\" appears twice."));
            }
        }
        let required = |name: &str| {
            find(name).ok_or_else(|| format!("The Roster template needs a \"{name}\" column."))
        };
        Ok(Self {
            template: Template::Roster,
            email: required("email")?,
            password: None,
            first_name: required("first_name")?,
            last_name: required("last_name")?,
            date_of_birth: required("date_of_birth")?,
            sex: required("sex_at_birth")?,
            tags: find("tags").into_iter().collect(),
            external_id: find("external_id"),
            names,
        })
    }

    /// Checks one row's fields. `row` is its spreadsheet row number.
    pub fn check(
        &self,
        row: usize,
        fields: &[&str],
        today: DateOfBirth,
    ) -> Result<CheckedRow, Vec<RowProblem>> {
        let mut problems = Vec::new();
        let field = |at: usize| fields.get(at).copied().unwrap_or_default();
        let mut problem = |at: usize, reason: String| {
            // A password is never quoted back, weak or not.
            let value = if Some(at) == self.password {
                "(not shown)".to_string()
            } else {
                shortened(field(at))
            };
            problems.push(RowProblem {
                row,
                column: self.names.get(at).cloned().unwrap_or_default(),
                value,
                reason,
            })
        };
        if fields.len() != self.names.len() {
            let (count, expected) = (fields.len(), self.names.len());
            return Err(vec![RowProblem {
                row,
                column: String::new(),
                value: String::new(),
                reason: format!(
                    "This row has {} where the header has {expected}.",
                    plural(count, "field", "fields")
                ),
            }]);
        }
        let email = Email::parse(field(self.email)).map_err(|e| problem(self.email, e.message));
        let first = PersonName::parse_for(super::Field::FirstName, field(self.first_name))
            .map_err(|e| problem(self.first_name, e.message));
        let last = PersonName::parse_for(super::Field::LastName, field(self.last_name))
            .map_err(|e| problem(self.last_name, e.message));
        let date = self.date(field(self.date_of_birth), today);
        let date = date.map_err(|reason| problem(self.date_of_birth, reason));
        let sex = match field(self.sex).trim().to_ascii_lowercase().as_str() {
            "female" => Ok(SexAtBirth::Female),
            "male" => Ok(SexAtBirth::Male),
            _ => {
                problem(self.sex, "Use female or male.".into());
                Err(())
            }
        };
        let external_id = match self.external_id {
            Some(at) => ExternalId::parse_optional(field(at)).map_err(|e| problem(at, e.message)),
            None => Ok(None),
        };
        let password = match self.password {
            Some(at) if field(at).is_empty() => {
                problem(at, "The initial password is missing.".into());
                Err(())
            }
            Some(at) => Password::parse(field(at)).map(Some).map_err(|_| {
                problem(
                    at,
                    "Weak initial password: use at least 8 characters with upper case, lower case, a digit and a symbol."
                        .into(),
                )
            }),
            None => Ok(None),
        };
        let mut tags: Vec<TagName> = Vec::new();
        for &at in &self.tags {
            let parts: Vec<&str> = match self.template {
                Template::Vendor => vec![field(at)],
                Template::Roster => field(at).split(';').collect(),
            };
            for part in parts.into_iter().filter(|p| !p.trim().is_empty()) {
                match TagName::parse(part) {
                    Ok(tag) if !tags.iter().any(|t| t.key() == tag.key()) => tags.push(tag),
                    Ok(_) => {}
                    Err(e) => problem(at, e.message),
                }
            }
        }
        match (email, first, last, date, sex, external_id, password) {
            (
                Ok(email),
                Ok(first_name),
                Ok(last_name),
                Ok(date_of_birth),
                Ok(sex_at_birth),
                Ok(external_id),
                Ok(password),
            ) if problems.is_empty() => Ok(CheckedRow {
                row,
                details: ClientDetails {
                    first_name,
                    last_name,
                    email,
                    date_of_birth,
                    sex_at_birth,
                    external_id,
                },
                tags,
                password,
            }),
            _ => Err(problems),
        }
    }

    /// The vendor's dates are `YYYYMMDD`, Roster's `YYYY-MM-DD`; both are read either way.
    fn date(&self, raw: &str, today: DateOfBirth) -> Result<DateOfBirth, String> {
        let expected = match self.template {
            Template::Vendor => "YYYYMMDD, like 19811120",
            Template::Roster => "YYYY-MM-DD, like 1981-11-20",
        };
        match DateOfBirth::parse(raw) {
            Ok(date) => date.not_after(today).map_err(|e| e.message),
            Err(e) if raw.trim().is_empty() => Err(e.message),
            Err(_) => Err(format!("Not a real date: write it as {expected}.")),
        }
    }

    /// Where the problem of a tag that does not exist yet is reported.
    pub fn tag_column(&self) -> String {
        self.tags
            .first()
            .and_then(|at| self.names.get(*at))
            .cloned()
            .unwrap_or_else(|| "tag".into())
    }
}

/// A value as the report quotes it: at most 60 characters.
fn shortened(value: &str) -> String {
    let mut text: String = value.chars().take(60).collect();
    if value.chars().count() > 60 {
        text.push('…');
    }
    text
}

/// A tag the file names that the organization does not have yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownTag {
    pub name: String,
    /// Rows that name it.
    pub rows: usize,
}

/// What the dry run found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub file_name: String,
    pub template: Template,
    /// Data rows in the file (the header not counted).
    pub rows: usize,
    /// Rows that would be imported as they are.
    pub ready: usize,
    /// Rows with a problem other than a tag to create.
    pub problem_rows: usize,
    /// Every problem, up to `MAX_LISTED_PROBLEMS`, in row order.
    pub problems: Vec<RowProblem>,
    /// Problems beyond those listed.
    pub more_problems: usize,
    pub unknown_tags: Vec<UnknownTag>,
    /// Rows whose only problem is tags to create: which ones (indexes into `unknown_tags`)
    /// and how many rows need exactly those.
    pub blocked_by_tags: Vec<(Vec<usize>, usize)>,
    pub active_clients: i64,
    pub client_limit: i64,
}

impl ImportReport {
    /// Rows that would be imported if the tags named in `create` were created first.
    pub fn importable(&self, create: &[String]) -> usize {
        let chosen = |i: &usize| {
            self.unknown_tags
                .get(*i)
                .is_some_and(|t| create.iter().any(|c| c.eq_ignore_ascii_case(&t.name)))
        };
        self.ready
            + self
                .blocked_by_tags
                .iter()
                .filter(|(tags, _)| tags.iter().all(chosen))
                .map(|(_, rows)| rows)
                .sum::<usize>()
    }

    /// What importing `n` clients does to the client limit, in words; `Err` when it would
    /// pass the limit.
    pub fn limit_effect(&self, n: usize) -> Result<String, String> {
        let after = self.active_clients + i64::try_from(n).unwrap_or(i64::MAX);
        let count = |v: i64| thousands(usize::try_from(v).unwrap_or(0));
        if after > self.client_limit {
            Err(format!(
                "Importing {} would bring you to {} active clients, {} over your limit of {}. Import fewer, or ask a Billing Administrator to raise the limit.",
                plural(n, "client", "clients"),
                count(after),
                count(after - self.client_limit),
                count(self.client_limit)
            ))
        } else {
            Ok(format!(
                "Afterwards you will have {} of {} active clients.",
                count(after),
                count(self.client_limit)
            ))
        }
    }
}

/// Where an import stands, as the page polls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportStage {
    /// Checking rows: how many of how many.
    Checking {
        done: usize,
        total: usize,
    },
    /// The dry run is done: nothing has been imported yet.
    Checked(ImportReport),
    /// Importing: the step ("Securing passwords", "Saving clients") and its progress.
    Importing {
        step: String,
        done: usize,
        total: usize,
    },
    Imported {
        created: usize,
        codes_sent: usize,
    },
    /// The file or the import failed; nothing was imported.
    Failed(String),
}

/// A cell as an exported CSV file holds it: a leading `=`, `+`, `-`, `@`, tab or carriage
/// return would make a spreadsheet run it as a formula, so such cells get a leading `'`.
pub fn neutralized(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> DateOfBirth {
        DateOfBirth::parse("2026-12-01").unwrap()
    }

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn vendor() -> Columns {
        Columns::from_header(&header(&[
            "\u{feff}email_address",
            "initial_password",
            "first_name",
            "last_name",
            "birthdate",
            "gender",
            "tag",
            "tag",
            "external_id",
        ]))
        .unwrap()
    }

    #[test]
    fn the_vendor_header_is_recognised_even_after_a_byte_order_mark() {
        let columns = vendor();
        assert_eq!(columns.template, Template::Vendor);
        assert_eq!(columns.names[0], "email_address");
    }

    #[test]
    fn a_vendor_header_out_of_order_says_which_column_is_wrong() {
        let err = Columns::from_header(&header(&[
            "email_address",
            "first_name",
            "initial_password",
        ]))
        .unwrap_err();
        assert!(err.contains("column 2 is \"first_name\""), "{err}");
    }

    #[test]
    fn a_roster_header_may_come_in_any_order_but_not_with_strangers() {
        let columns = Columns::from_header(&header(&[
            "email",
            "last_name",
            "first_name",
            "sex_at_birth",
            "date_of_birth",
        ]))
        .unwrap();
        assert_eq!(columns.template, Template::Roster);
        let err = Columns::from_header(&header(&["email", "phone"])).unwrap_err();
        assert!(err.contains("\"phone\""), "{err}");
        assert!(Columns::from_header(&header(&["name", "mail"])).is_err());
    }

    #[test]
    fn a_good_vendor_row_keeps_its_tags_once_and_its_password() {
        let row = vendor()
            .check(
                2,
                &[
                    "Ada@Example.com",
                    "Str0ng-pass!",
                    "Ada",
                    "Lovelace",
                    "19811120",
                    "Female",
                    "Sleep",
                    "sleep",
                    "X-1",
                ],
                today(),
            )
            .unwrap();
        assert_eq!(row.details.email.as_str(), "ada@example.com");
        assert_eq!(row.details.date_of_birth.iso(), "1981-11-20");
        assert_eq!(row.tags.len(), 1);
        assert!(row.password.is_some());
    }

    #[test]
    fn each_bad_field_is_named_with_its_column_and_reason() {
        let problems = vendor()
            .check(
                7,
                &[
                    "not-an-email",
                    "weak",
                    "",
                    "Lovelace",
                    "20991120",
                    "x",
                    "",
                    "",
                    "",
                ],
                today(),
            )
            .unwrap_err();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.column.as_str(), p.reason.as_str()))
            .collect();
        assert_eq!(found.len(), 5, "{found:?}");
        assert_eq!(found[0].0, "email_address");
        assert_eq!(found[1], ("first_name", "First Name is required"));
        assert_eq!(
            found[2],
            ("birthdate", "Date of Birth cannot be in the future")
        );
        assert_eq!(found[3], ("gender", "Use female or male."));
        assert!(found[4].1.starts_with("Weak initial password"));
        assert_eq!(problems[4].value, "(not shown)");
        assert!(problems.iter().all(|p| p.row == 7));
    }

    #[test]
    fn impossible_dates_and_short_rows_are_explained() {
        let bad_date = vendor()
            .check(
                3,
                &[
                    "a@b.co",
                    "Str0ng-pass!",
                    "A",
                    "B",
                    "19810230",
                    "male",
                    "",
                    "",
                    "",
                ],
                today(),
            )
            .unwrap_err();
        assert_eq!(
            bad_date[0].reason,
            "Not a real date: write it as YYYYMMDD, like 19811120."
        );
        let short = vendor().check(4, &["a@b.co", "x"], today()).unwrap_err();
        assert_eq!(
            short[0].reason,
            "This row has 2 fields where the header has 9."
        );
    }

    #[test]
    fn roster_tags_are_separated_by_semicolons() {
        let columns = Columns::from_header(&header(&ROSTER_HEADER)).unwrap();
        let row = columns
            .check(
                2,
                &[
                    "Ada",
                    "Lovelace",
                    "ada@example.com",
                    "1981-11-20",
                    "female",
                    "Sleep; Weight Loss;",
                    "",
                ],
                today(),
            )
            .unwrap();
        let names: Vec<&str> = row.tags.iter().map(|t| t.as_str()).collect();
        assert_eq!(names, ["Sleep", "Weight Loss"]);
        assert!(row.password.is_none());
    }

    #[test]
    fn creating_a_tag_frees_the_rows_that_only_lacked_it() {
        let report = ImportReport {
            file_name: "f.csv".into(),
            template: Template::Vendor,
            rows: 20,
            ready: 17,
            problem_rows: 1,
            problems: Vec::new(),
            more_problems: 0,
            unknown_tags: vec![
                UnknownTag {
                    name: "VIP".into(),
                    rows: 2,
                },
                UnknownTag {
                    name: "Gold".into(),
                    rows: 1,
                },
            ],
            blocked_by_tags: vec![(vec![0], 1), (vec![0, 1], 1)],
            active_clients: 100,
            client_limit: 118,
        };
        assert_eq!(report.importable(&[]), 17);
        assert_eq!(report.importable(&["vip".into()]), 18);
        assert_eq!(report.importable(&["VIP".into(), "Gold".into()]), 19);
        assert_eq!(
            report.limit_effect(18).unwrap(),
            "Afterwards you will have 118 of 118 active clients."
        );
        assert!(report
            .limit_effect(19)
            .unwrap_err()
            .contains("1 over your limit of 118"));
    }

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralized() {
        for risky in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralized(risky), format!("'{risky}"));
        }
        assert_eq!(neutralized("Ada"), "Ada");
        assert_eq!(neutralized(""), "");
    }
}
