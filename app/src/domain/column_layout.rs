//! The Clients table's columns: which show, and in what order. Pure arithmetic, saved per admin.
use super::user::SortKey;
use serde::{Deserialize, Serialize};

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

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Name,
        Column::Email,
        Column::DateOfBirth,
        Column::SexAtBirth,
        Column::Tags,
        Column::ExternalId,
        Column::Registered,
        Column::Created,
    ];

    pub fn label(self) -> &'static str {
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
#[serde(from = "RawLayout")]
pub struct ColumnLayout {
    order: Vec<Column>,
    hidden: Vec<Column>,
}

#[derive(Deserialize)]
struct RawLayout {
    #[serde(default)]
    order: Vec<Column>,
    #[serde(default)]
    hidden: Vec<Column>,
}

impl From<RawLayout> for ColumnLayout {
    /// A saved layout may predate a column or repeat one: keep the known order, append the rest.
    fn from(raw: RawLayout) -> Self {
        let mut order: Vec<Column> = Vec::with_capacity(Column::ALL.len());
        for column in raw.order.into_iter().chain(Column::ALL) {
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

impl Default for ColumnLayout {
    fn default() -> Self {
        Self {
            order: Column::ALL.to_vec(),
            hidden: Vec::new(),
        }
    }
}

impl ColumnLayout {
    pub fn order(&self) -> &[Column] {
        &self.order
    }

    pub fn visible(&self) -> Vec<Column> {
        self.order
            .iter()
            .copied()
            .filter(|c| self.is_visible(*c))
            .collect()
    }

    pub fn is_visible(&self, column: Column) -> bool {
        !self.hidden.contains(&column)
    }

    /// Shows a hidden column or hides a shown one; refuses to hide the last visible column.
    pub fn toggle(&mut self, column: Column) {
        if let Some(at) = self.hidden.iter().position(|c| *c == column) {
            self.hidden.remove(at);
        } else if self.visible().len() > 1 {
            self.hidden.push(column);
        }
    }

    /// Moves `from` to the place `to` holds now, shifting `to` and what follows one step right
    /// when moving left, or `to` and what precedes one step left when moving right.
    pub fn move_to(&mut self, from: Column, to: Column) {
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
    pub fn step(&mut self, column: Column, direction: i8) {
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

    fn index(&self, column: Column) -> Option<usize> {
        self.order.iter().position(|c| *c == column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Column::*;

    #[test]
    fn dragging_a_column_onto_itself_changes_nothing() {
        let mut layout = ColumnLayout::default();
        layout.move_to(Email, Email);
        assert_eq!(layout, ColumnLayout::default());
    }

    #[test]
    fn dragging_left_puts_the_column_where_the_target_was() {
        let mut layout = ColumnLayout::default();
        layout.move_to(Tags, Email);
        assert_eq!(&layout.order()[..4], &[Name, Tags, Email, DateOfBirth]);
    }

    #[test]
    fn dragging_right_puts_the_column_where_the_target_was() {
        let mut layout = ColumnLayout::default();
        layout.move_to(Name, DateOfBirth);
        assert_eq!(
            &layout.order()[..4],
            &[Email, DateOfBirth, Name, SexAtBirth]
        );
    }

    #[test]
    fn hidden_columns_keep_their_place_for_when_they_come_back() {
        let mut layout = ColumnLayout::default();
        layout.toggle(Email);
        assert!(!layout.visible().contains(&Email));
        layout.toggle(Email);
        assert_eq!(layout.visible(), Column::ALL.to_vec());
    }

    #[test]
    fn the_last_visible_column_cannot_be_hidden() {
        let mut layout = ColumnLayout::default();
        for column in Column::ALL {
            layout.toggle(column);
        }
        assert_eq!(layout.visible(), vec![Created]);
    }

    #[test]
    fn keyboard_steps_skip_hidden_columns_and_stop_at_the_edges() {
        let mut layout = ColumnLayout::default();
        layout.toggle(Email);
        layout.step(DateOfBirth, -1);
        assert_eq!(&layout.visible()[..2], &[DateOfBirth, Name]);
        layout.step(DateOfBirth, -1);
        assert_eq!(&layout.visible()[..2], &[DateOfBirth, Name]);
        layout.step(Created, 1);
        assert_eq!(layout.visible().last(), Some(&Created));
    }

    #[test]
    fn a_saved_layout_missing_a_column_gets_it_back_at_the_end() {
        let saved = r#"{"order":["Email","Name","Email"],"hidden":["Name"]}"#;
        let layout: ColumnLayout = serde_json::from_str(saved).unwrap();
        assert_eq!(&layout.order()[..3], &[Email, Name, DateOfBirth]);
        assert_eq!(layout.order().len(), Column::ALL.len());
        assert!(!layout.is_visible(Name));
    }
}
