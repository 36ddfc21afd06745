//! Row selection in a table: click, shift-click ranges, the header checkbox, "all matching".
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    ids: BTreeSet<i64>,
    anchor: Option<i64>,
    all_matching: bool,
}

impl Selection {
    pub fn ids(&self) -> Vec<i64> {
        self.ids.iter().copied().collect()
    }

    pub fn contains(&self, id: i64) -> bool {
        self.all_matching || self.ids.contains(&id)
    }

    pub fn is_empty(&self) -> bool {
        !self.all_matching && self.ids.is_empty()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True once the user chose "Select all N matching": the action applies to the whole query.
    pub fn all_matching(&self) -> bool {
        self.all_matching
    }

    /// A click on a row's checkbox. With `shift`, every row between the last clicked one and this
    /// one (in `visible` order) takes the new state of this row.
    pub fn click(&mut self, id: i64, visible: &[i64], shift: bool) {
        let select = !self.contains(id);
        self.narrow_to(visible);
        let range = match (shift, self.anchor) {
            (true, Some(anchor)) => {
                let a = visible.iter().position(|v| *v == anchor);
                let b = visible.iter().position(|v| *v == id);
                a.zip(b).map(|(a, b)| &visible[a.min(b)..=a.max(b)])
            }
            _ => None,
        };
        for row in range.unwrap_or(std::slice::from_ref(&id)) {
            if select {
                self.ids.insert(*row);
            } else {
                self.ids.remove(row);
            }
        }
        self.anchor = Some(id);
    }

    /// The header checkbox: selects every visible row, or clears them when all already are.
    pub fn toggle_page(&mut self, visible: &[i64]) {
        if self.page_state(visible) == Some(true) {
            self.clear();
        } else {
            self.all_matching = false;
            self.ids.extend(visible.iter().copied());
        }
    }

    /// `Some(true)` all visible rows selected, `Some(false)` none, `None` some (indeterminate).
    pub fn page_state(&self, visible: &[i64]) -> Option<bool> {
        let picked = visible.iter().filter(|id| self.contains(**id)).count();
        match picked {
            0 => Some(false),
            n if n == visible.len() => Some(true),
            _ => None,
        }
    }

    pub fn select_all_matching(&mut self) {
        self.all_matching = true;
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Leaving "all matching" keeps just the rows on screen, so an unchecked row really is unchecked.
    fn narrow_to(&mut self, visible: &[i64]) {
        if self.all_matching {
            self.all_matching = false;
            // Inserted one by one: collecting into a set sorts first, which put a stable sort
            // of i64s (3.6 KB) into the wasm for a page of at most 100 ids.
            self.ids.clear();
            self.ids.extend(visible.iter().copied());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: [i64; 6] = [10, 11, 12, 13, 14, 15];

    #[test]
    fn shift_click_selects_the_range_from_the_last_click() {
        let mut s = Selection::default();
        s.click(11, &ROWS, false);
        s.click(14, &ROWS, true);
        assert_eq!(s.ids(), vec![11, 12, 13, 14]);
    }

    #[test]
    fn shift_click_upwards_works_the_same() {
        let mut s = Selection::default();
        s.click(14, &ROWS, false);
        s.click(12, &ROWS, true);
        assert_eq!(s.ids(), vec![12, 13, 14]);
    }

    #[test]
    fn shift_click_on_a_selected_row_clears_the_range() {
        let mut s = Selection::default();
        s.toggle_page(&ROWS);
        s.click(11, &ROWS, false);
        s.click(13, &ROWS, true);
        assert_eq!(s.ids(), vec![10, 14, 15]);
    }

    #[test]
    fn the_header_checkbox_selects_the_page_then_clears_it() {
        let mut s = Selection::default();
        s.click(12, &ROWS, false);
        assert_eq!(s.page_state(&ROWS), None);
        s.toggle_page(&ROWS);
        assert_eq!(s.page_state(&ROWS), Some(true));
        s.toggle_page(&ROWS);
        assert!(s.is_empty());
    }

    #[test]
    fn unchecking_a_row_after_select_all_matching_keeps_the_rest_of_the_page() {
        let mut s = Selection::default();
        s.select_all_matching();
        assert!(s.contains(99));
        s.click(12, &ROWS, false);
        assert!(!s.all_matching());
        assert_eq!(s.ids(), vec![10, 11, 13, 14, 15]);
    }
}
