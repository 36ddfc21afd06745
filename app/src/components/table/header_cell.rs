//! A draggable column header: drop another header on it to move that column here; Alt+Arrow
//! keys move it from the keyboard. Sortable columns sort on click.
use crate::domain::{ColumnLayout, TableColumn};
use leptos::prelude::*;

#[component]
pub fn HeaderCell<C, K>(
    column: C,
    /// The sort this header applies when clicked; `None` for a column that does not sort.
    sort_key: Option<K>,
    layout: RwSignal<ColumnLayout<C>>,
    dragged: RwSignal<Option<C>>,
    drop_target: RwSignal<Option<C>>,
    /// The current sort: key and whether it is descending.
    sort: Signal<(K, bool)>,
    on_sort: Callback<K>,
    /// Called after the layout changed, to save it.
    on_layout_change: Callback<()>,
) -> impl IntoView
where
    C: TableColumn,
    K: Copy + PartialEq + Send + Sync + 'static,
{
    let key = sort_key;
    let aria_sort = move || match key {
        Some(k) if sort.get().0 == k => Some(if sort.get().1 {
            "descending"
        } else {
            "ascending"
        }),
        Some(_) => Some("none"),
        None => None,
    };
    let marker = move || {
        let is_target =
            drop_target.get() == Some(column) && dragged.get().is_some_and(|d| d != column);
        if !is_target {
            return "";
        }
        let order = layout.with(|l| l.order().to_vec());
        let from = dragged
            .get()
            .and_then(|d| order.iter().position(|c| *c == d));
        let to = order.iter().position(|c| *c == column);
        if from < to {
            "drop-after"
        } else {
            "drop-before"
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(from) = dragged.get_untracked() {
            layout.update(|l| l.move_to(from, column));
            on_layout_change.run(());
        }
        dragged.set(None);
        drop_target.set(None);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let direction = match ev.key().as_str() {
            "ArrowLeft" if ev.alt_key() => -1,
            "ArrowRight" if ev.alt_key() => 1,
            _ => return,
        };
        ev.prevent_default();
        layout.update(|l| l.step(column, direction));
        on_layout_change.run(());
    };
    view! {
        <th
            scope="col"
            draggable="true"
            data-column=column.label()
            class=move || format!("header-cell {}", marker())
            aria-sort=aria_sort
            on:dragstart=move |ev: leptos::ev::DragEvent| {
                if let Some(data) = ev.data_transfer() {
                    let _ = data.set_data("text/plain", column.label());
                    data.set_effect_allowed("move");
                }
                dragged.set(Some(column));
            }
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                drop_target.set(Some(column));
            }
            on:dragleave=move |_| {
                if drop_target.get_untracked() == Some(column) {
                    drop_target.set(None);
                }
            }
            on:dragend=move |_| {
                dragged.set(None);
                drop_target.set(None);
            }
            on:drop=on_drop
        >
            <span class="drag-handle" aria-hidden="true">"⋮⋮"</span>
            {match key {
                Some(k) => view! {
                    <button
                        type="button"
                        class="sort-button"
                        title="Sort; Alt+Left/Right moves the column"
                        on:click=move |_| on_sort.run(k)
                        on:keydown=on_key
                    >
                        {column.label()}
                        <span class="sort-mark" aria-hidden="true">
                            {move || match sort.get() {
                                (current, false) if current == k => "▲",
                                (current, true) if current == k => "▼",
                                _ => "",
                            }}
                        </span>
                    </button>
                }
                .into_any(),
                None => view! {
                    <span class="header-label" tabindex="0" title="Alt+Left/Right moves the column" on:keydown=on_key>
                        {column.label()}
                    </span>
                }
                .into_any(),
            }}
        </th>
    }
}
