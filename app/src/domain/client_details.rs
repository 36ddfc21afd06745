//! A client's details as a form holds them (`ClientDraft`, raw text) and as Roster stores them
//! (`ClientDetails`, checked). The browser parses for instant feedback; the server always does.
use super::{
    invalid::{Field, Invalid},
    user::Client,
    DateOfBirth, Email, ExternalId, PersonName, SexAtBirth,
};
use serde::{Deserialize, Serialize};

/// What the person typed, field by field. Sex at birth is `"female"`, `"male"` or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientDraft {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub date_of_birth: String,
    pub sex_at_birth: String,
    pub external_id: String,
}

/// Every required field present and well-formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientDetails {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
    pub date_of_birth: DateOfBirth,
    pub sex_at_birth: SexAtBirth,
    pub external_id: Option<ExternalId>,
}

impl ClientDraft {
    /// The draft an editor starts from: the client as saved.
    pub fn from_client(client: &Client) -> Self {
        Self {
            first_name: client.first_name.clone(),
            last_name: client.last_name.clone(),
            email: client.email.clone(),
            date_of_birth: client.date_of_birth.clone().unwrap_or_default(),
            sex_at_birth: client
                .sex_at_birth
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            external_id: client.external_id.clone().unwrap_or_default(),
        }
    }

    /// The typed text of one field (empty for fields a client draft does not have).
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::FirstName => &self.first_name,
            Field::LastName => &self.last_name,
            Field::Email => &self.email,
            Field::DateOfBirth => &self.date_of_birth,
            Field::SexAtBirth => &self.sex_at_birth,
            Field::ExternalId => &self.external_id,
            _ => "",
        }
    }

    /// Replaces the text of one field (fields a client draft does not have are ignored).
    pub fn set(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::FirstName => &mut self.first_name,
            Field::LastName => &mut self.last_name,
            Field::Email => &mut self.email,
            Field::DateOfBirth => &mut self.date_of_birth,
            Field::SexAtBirth => &mut self.sex_at_birth,
            Field::ExternalId => &mut self.external_id,
            _ => return,
        };
        *slot = value;
    }

    /// Checks every field and reports every problem at once, each against its field.
    pub fn parse(&self, today: DateOfBirth) -> Result<ClientDetails, Vec<Invalid>> {
        let mut errors = Vec::new();
        let first_name = keep(
            &mut errors,
            PersonName::parse_for(Field::FirstName, &self.first_name),
        );
        let last_name = keep(
            &mut errors,
            PersonName::parse_for(Field::LastName, &self.last_name),
        );
        let email = keep(&mut errors, Email::parse(&self.email));
        let date_of_birth = keep(
            &mut errors,
            DateOfBirth::parse(&self.date_of_birth).and_then(|d| d.not_after(today)),
        );
        let sex_at_birth = keep(
            &mut errors,
            SexAtBirth::parse(&self.sex_at_birth)
                .ok_or_else(|| Invalid::new(Field::SexAtBirth, "Choose Female or Male")),
        );
        let external_id = keep(&mut errors, ExternalId::parse_optional(&self.external_id));
        match (
            first_name,
            last_name,
            email,
            date_of_birth,
            sex_at_birth,
            external_id,
        ) {
            (
                Some(first_name),
                Some(last_name),
                Some(email),
                Some(date_of_birth),
                Some(sex_at_birth),
                Some(external_id),
            ) if errors.is_empty() => Ok(ClientDetails {
                first_name,
                last_name,
                email,
                date_of_birth,
                sex_at_birth,
                external_id,
            }),
            _ => Err(errors),
        }
    }
}

/// The value, or `None` with its problem added to `errors`.
fn keep<T>(errors: &mut Vec<Invalid>, result: Result<T, Invalid>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

/// The message for `field` among `errors`, if any: what the form shows beside that input.
pub fn message_for(errors: &[Invalid], field: Field) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> DateOfBirth {
        DateOfBirth::parse("2026-11-23").unwrap()
    }

    fn ada() -> ClientDraft {
        ClientDraft {
            first_name: " Ada ".into(),
            last_name: "Lovelace".into(),
            email: "Ada@Example.com".into(),
            date_of_birth: "1985-12-10".into(),
            sex_at_birth: "female".into(),
            external_id: String::new(),
        }
    }

    #[test]
    fn a_complete_draft_parses_into_clean_values() {
        let details = ada().parse(today()).unwrap();
        assert_eq!(details.first_name.as_str(), "Ada");
        assert_eq!(details.email.as_str(), "ada@example.com");
        assert_eq!(details.external_id, None);
    }

    #[test]
    fn fields_are_read_and_written_by_name() {
        let mut draft = ada();
        draft.set(Field::ExternalId, "HH-7".into());
        assert_eq!(draft.value(Field::ExternalId), "HH-7");
        draft.set(Field::Password, "ignored".into());
        assert_eq!(draft.value(Field::Password), "");
    }

    #[test]
    fn every_bad_field_is_reported_against_its_own_field() {
        let draft = ClientDraft {
            first_name: String::new(),
            email: "not-an-email".into(),
            date_of_birth: "2030-01-01".into(),
            sex_at_birth: String::new(),
            ..ada()
        };
        let errors = draft.parse(today()).unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::FirstName,
                Field::Email,
                Field::DateOfBirth,
                Field::SexAtBirth
            ]
        );
        assert_eq!(
            message_for(&errors, Field::DateOfBirth).as_deref(),
            Some("Date of Birth cannot be in the future")
        );
        assert_eq!(message_for(&errors, Field::LastName), None);
    }
}
