//! "Showing 26–50 of 87" with previous and next page buttons.
use crate::domain::user::ClientQuery;
use leptos::prelude::*;

#[component]
pub fn Pager(
    page: u32,
    pages: u32,
    first_row: i64,
    last_row: i64,
    matching: i64,
    /// More rows match than `matching` counts.
    #[prop(optional)]
    capped: bool,
    go: Callback<u32>,
) -> impl IntoView {
    // Computed outside `view!`: a bare `>=` in an attribute would end the tag.
    let (at_first, at_last) = (page <= 1, page >= pages);
    view! {
        <nav class="pager" aria-label="Pages">
            <span class="muted">
                {if matching == 0 { "No matches".to_string() } else { format!("Showing {first_row}–{last_row} of {}", ClientQuery::matching_label(matching, capped)) }}
            </span>
            <button type="button" class="button ghost" disabled=at_first on:click=move |_| go.run(page - 1)>"Previous"</button>
            <span class="page-of">{format!("Page {page} of {pages}")}</span>
            <button type="button" class="button ghost" disabled=at_last on:click=move |_| go.run(page + 1)>"Next"</button>
        </nav>
    }
}
