//! A table's columns: which show, and in what order. Pure arithmetic, saved per person and
//! table. `Column` is the Clients table's; the Team Members table has its own (`team::TeamColumn`).
use super::{
    client_actions::PendingKind,
    user::{iso_date, Client, SortKey},
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::{fmt::Debug, hash::Hash};

/// The columns of one table: every one of them, and the words its header shows.
pub trait TableColumn:
    Copy + Eq + Hash + Debug + Send + Sync + Serialize + DeserializeOwned + 'static
{
    /// Every column, in the table's default order.
    const ALL: &'static [Self];

    fn label(self) -> &'static str;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    Name,
    Email,
    DateOfBirth,
    SexAtBirth,
    Tags,
    ExternalId,
    Registered,
    Created,
}

impl TableColumn for Column {
    const ALL: &'static [Column] = &[
        Column::Name,
        Column::Email,
        Column::DateOfBirth,
        Column::SexAtBirth,
        Column::Tags,
        Column::ExternalId,
        Column::Registered,
        Column::Created,
    ];

    fn label(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Email => "Email",
            Column::DateOfBirth => "Date of Birth",
            Column::SexAtBirth => "Sex at Birth",
            Column::Tags => "Tags",
            Column::ExternalId => "External ID",
            Column::Registered => "Registered",
            Column::Created => "Created",
        }
    }
}

impl Column {
    /// The column's name in links (the export's `columns` parameter).
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Email => "email",
            Column::DateOfBirth => "dob",
            Column::SexAtBirth => "sex",
            Column::Tags => "tags",
            Column::ExternalId => "external_id",
            Column::Registered => "registered",
            Column::Created => "created",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Column::ALL.iter().copied().find(|c| c.key() == key)
    }

    /// The words this column shows for `client`: the table and the CSV export say the same.
    pub fn text(self, client: &Client) -> String {
        match self {
            Column::Name if client.pending_kind == Some(PendingKind::Invited) => {
                "Name not given yet".into()
            }
            Column::Name => client.full_name(),
            Column::Email => client.email.clone(),
            Column::DateOfBirth => client.date_of_birth.clone().unwrap_or_default(),
            Column::SexAtBirth => client
                .sex_at_birth
                .map(|s| s.label().to_string())
                .unwrap_or_default(),
            Column::Tags => client.tags.join("; "),
            Column::ExternalId => client.external_id.clone().unwrap_or_default(),
            Column::Registered => client.status().to_string(),
            Column::Created => iso_date(client.created_at_ms),
        }
    }

    /// The sort this column's header applies, if the column sorts.
    pub fn sort_key(self) -> Option<SortKey> {
        match self {
            Column::Name => Some(SortKey::Name),
            Column::Email => Some(SortKey::Email),
            Column::DateOfBirth => Some(SortKey::DateOfBirth),
            Column::ExternalId => Some(SortKey::ExternalId),
            Column::Created => Some(SortKey::Created),
            Column::SexAtBirth | Column::Tags | Column::Registered => None,
        }
    }
}

/// Every column exactly once, in display order, with the hidden ones marked.
/// At least one column is always visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawLayout<C>", bound(serialize = "", deserialize = ""))]
pub struct ColumnLayout<C: TableColumn = Column> {
    order: Vec<C>,
    hidden: Vec<C>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = ""))]
struct RawLayout<C: TableColumn> {
    #[serde(default)]
    order: Vec<C>,
    #[serde(default)]
    hidden: Vec<C>,
}

impl<C: TableColumn> From<RawLayout<C>> for ColumnLayout<C> {
    /// A saved layout may predate a column or repeat one: keep the known order, append the rest.
    fn from(raw: RawLayout<C>) -> Self {
        let mut order: Vec<C> = Vec::with_capacity(C::ALL.len());
        for column in raw.order.into_iter().chain(C::ALL.iter().copied()) {
            if !order.contains(&column) {
                order.push(column);
            }
        }
        let mut layout = Self {
            order,
            hidden: Vec::new(),
        };
        for column in raw.hidden {
            if layout.is_visible(column) {
                layout.toggle(column);
            }
        }
        layout
    }
}

impl<C: TableColumn> Default for ColumnLayout<C> {
    fn default() -> Self {
        Self {
            order: C::ALL.to_vec(),
            hidden: Vec::new(),
        }
    }
}

impl<C: TableColumn> ColumnLayout<C> {
    pub fn order(&self) -> &[C] {
        &self.order
    }

    pub fn visible(&self) -> Vec<C> {
        self.order
            .iter()
            .copied()
            .filter(|c| self.is_visible(*c))
            .collect()
    }

    pub fn is_visible(&self, column: C) -> bool {
        !self.hidden.contains(&column)
    }

    /// Shows a hidden column or hides a shown one; refuses to hide the last visible column.
    pub fn toggle(&mut self, column: C) {
        if let Some(at) = self.hidden.iter().position(|c| *c == column) {
            self.hidden.remove(at);
        } else if self.visible().len() > 1 {
            self.hidden.push(column);
        }
    }

    /// Moves `from` to the place `to` holds now, shifting `to` and what follows one step right
    /// when moving left, or `to` and what precedes one step left when moving right.
    pub fn move_to(&mut self, from: C, to: C) {
        let (Some(from_at), Some(to_at)) = (self.index(from), self.index(to)) else {
            return;
        };
        if from_at == to_at {
            return;
        }
        let column = self.order.remove(from_at);
        self.order.insert(to_at, column);
    }

    /// Moves `column` one visible place left (`-1`) or right (`+1`): the keyboard way to reorder.
    pub fn step(&mut self, column: C, direction: i8) {
        let visible = self.visible();
        let Some(at) = visible.iter().position(|c| *c == column) else {
            return;
        };
        let target = if direction < 0 {
            at.checked_sub(1)
        } else {
            Some(at + 1)
        };
        if let Some(neighbour) = target.and_then(|t| visible.get(t)) {
            self.move_to(column, *neighbour);
        }
    }

    fn index(&self, column: C) -> Option<usize> {
        self.order.iter().position(|c| *c == column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Column::*;

    #[test]
    fn dragging_a_column_onto_itself_changes_nothing() {
        let mut layout = ColumnLayout::<Column>::default();
        layout.move_to(Email, Email);
        assert_eq!(layout, ColumnLayout::<Column>::default());
    }

    #[test]
    fn dragging_left_puts_the_column_where_the_target_was() {
        let mut layout = ColumnLayout::<Column>::default();
        layout.move_to(Tags, Email);
        assert_eq!(&layout.order()[..4], &[Name, Tags, Email, DateOfBirth]);
    }

    #[test]
    fn dragging_right_puts_the_column_where_the_target_was() {
        let mut layout = ColumnLayout::<Column>::default();
        layout.move_to(Name, DateOfBirth);
        assert_eq!(
            &layout.order()[..4],
            &[Email, DateOfBirth, Name, SexAtBirth]
        );
    }

    #[test]
    fn hidden_columns_keep_their_place_for_when_they_come_back() {
        let mut layout = ColumnLayout::<Column>::default();
        layout.toggle(Email);
        assert!(!layout.visible().contains(&Email));
        layout.toggle(Email);
        assert_eq!(layout.visible(), Column::ALL.to_vec());
    }

    #[test]
    fn the_last_visible_column_cannot_be_hidden() {
        let mut layout = ColumnLayout::<Column>::default();
        for column in Column::ALL.iter().copied() {
            layout.toggle(column);
        }
        assert_eq!(layout.visible(), vec![Created]);
    }

    #[test]
    fn keyboard_steps_skip_hidden_columns_and_stop_at_the_edges() {
        let mut layout = ColumnLayout::<Column>::default();
        layout.toggle(Email);
        layout.step(DateOfBirth, -1);
        assert_eq!(&layout.visible()[..2], &[DateOfBirth, Name]);
        layout.step(DateOfBirth, -1);
        assert_eq!(&layout.visible()[..2], &[DateOfBirth, Name]);
        layout.step(Created, 1);
        assert_eq!(layout.visible().last(), Some(&Created));
    }

    #[test]
    fn every_column_reads_back_from_its_key() {
        for column in Column::ALL {
            assert_eq!(Column::from_key(column.key()), Some(*column));
        }
        assert_eq!(Column::from_key("password"), None);
    }

    #[test]
    fn a_saved_layout_missing_a_column_gets_it_back_at_the_end() {
        let saved = r#"{"order":["Email","Name","Email"],"hidden":["Name"]}"#;
        let layout: ColumnLayout<Column> = serde_json::from_str(saved).unwrap();
        assert_eq!(&layout.order()[..3], &[Email, Name, DateOfBirth]);
        assert_eq!(layout.order().len(), Column::ALL.len());
        assert!(!layout.is_visible(Name));
    }
}
