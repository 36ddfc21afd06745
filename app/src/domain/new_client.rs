//! The Create New Clients form: any number of rows, each a client's details plus optional tags,
//! external ID and "Send Registration Code". Checked row by row and across rows (the same email
//! twice); every problem is reported against its row and field.
use super::{
    client_details::{ClientDetails, ClientDraft},
    invalid::{Field, Invalid},
    DateOfBirth, TagName,
};
use serde::{Deserialize, Serialize};

/// One row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewClientDraft {
    pub details: ClientDraft,
    pub tags: Vec<String>,
    pub send_code: bool,
}

/// One row, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClient {
    pub details: ClientDetails,
    pub tags: Vec<TagName>,
    pub send_code: bool,
}

/// The most rows one form may create at once.
pub const MAX_ROWS: usize = 100;

/// "Create Account" for one row, "Create Accounts" for more.
pub fn create_label(rows: usize) -> &'static str {
    if rows == 1 {
        "Create Account"
    } else {
        "Create Accounts"
    }
}

/// Checks every row; the rows come back only if all of them are right.
pub fn parse_rows(
    rows: &[NewClientDraft],
    today: DateOfBirth,
) -> Result<Vec<NewClient>, Vec<(usize, Invalid)>> {
    let mut problems = Vec::new();
    if rows.is_empty() {
        problems.push((0, Invalid::new(Field::Email, "Add at least one client")));
    }
    if rows.len() > MAX_ROWS {
        problems.push((
            MAX_ROWS,
            Invalid::new(
                Field::Email,
                format!("Create at most {MAX_ROWS} clients at once"),
            ),
        ));
    }
    let mut parsed = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let details = row.details.parse(today);
        let tags: Result<Vec<TagName>, Invalid> =
            row.tags.iter().map(|t| TagName::parse(t)).collect();
        match (details, tags) {
            (Ok(details), Ok(tags)) => {
                let first_use = parsed
                    .iter()
                    .position(|p: &NewClient| p.details.email == details.email);
                match first_use {
                    Some(earlier) => problems.push((
                        index,
                        Invalid::new(
                            Field::Email,
                            format!("This email is already in row {}", earlier + 1),
                        ),
                    )),
                    None => parsed.push(NewClient {
                        details,
                        tags: dedup_tags(tags),
                        send_code: row.send_code,
                    }),
                }
            }
            (details, tags) => {
                if let Err(errors) = details {
                    problems.extend(errors.into_iter().map(|e| (index, e)));
                }
                if let Err(error) = tags {
                    problems.push((index, error));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(parsed)
    } else {
        Err(problems)
    }
}

/// Tags named twice in one row (in any case) count once.
fn dedup_tags(tags: Vec<TagName>) -> Vec<TagName> {
    let mut kept: Vec<TagName> = Vec::with_capacity(tags.len());
    for tag in tags {
        if !kept.iter().any(|k| k.key() == tag.key()) {
            kept.push(tag);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> DateOfBirth {
        DateOfBirth::parse("2026-11-23").unwrap()
    }

    fn row(first: &str, email: &str) -> NewClientDraft {
        NewClientDraft {
            details: ClientDraft {
                first_name: first.into(),
                last_name: "Lovelace".into(),
                email: email.into(),
                date_of_birth: "1990-05-01".into(),
                sex_at_birth: "female".into(),
                external_id: String::new(),
            },
            tags: vec!["Sleep".into(), "sleep".into()],
            send_code: false,
        }
    }

    #[test]
    fn good_rows_parse_with_their_tags_counted_once() {
        let clients = parse_rows(
            &[row("Ada", "ada@example.com"), row("Bo", "bo@example.com")],
            today(),
        )
        .unwrap();
        assert_eq!(clients.len(), 2);
        assert_eq!(clients[0].tags.len(), 1);
    }

    #[test]
    fn the_same_email_twice_is_reported_on_the_later_row() {
        let problems = parse_rows(
            &[row("Ada", "ada@example.com"), row("Bo", " ADA@example.com")],
            today(),
        )
        .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, 1);
        assert_eq!(problems[0].1.message, "This email is already in row 1");
    }

    #[test]
    fn one_bad_row_fails_the_form_and_names_its_row_and_field() {
        let mut bad = row("", "ada@example.com");
        bad.details.date_of_birth = "2099-01-01".into();
        let problems = parse_rows(&[row("Bo", "bo@example.com"), bad], today()).unwrap_err();
        let found: Vec<(usize, Field)> = problems.iter().map(|(r, e)| (*r, e.field)).collect();
        assert_eq!(found, vec![(1, Field::FirstName), (1, Field::DateOfBirth)]);
    }

    #[test]
    fn the_button_names_one_account_or_many() {
        assert_eq!(create_label(1), "Create Account");
        assert_eq!(create_label(3), "Create Accounts");
    }
}
