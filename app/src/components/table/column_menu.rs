//! The "Columns" menu: a checkbox item per column, buttons to move each one, and "Reset columns".
use super::super::menu::Menu;
use crate::domain::{ColumnLayout, TableColumn};
use leptos::prelude::*;

#[component]
pub fn ColumnMenu<C: TableColumn>(
    layout: RwSignal<ColumnLayout<C>>,
    on_layout_change: Callback<()>,
    on_reset: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <Menu label="Columns".to_string() open class="ghost">
            <p class="menu-hint">"Uncheck a column to hide it. Drag a column title, or use the arrows, to move it."</p>
            {move || {
                layout
                    .get()
                    .order()
                    .iter()
                    .copied()
                    .map(|column: C| {
                        let checked = layout.with(|l| l.is_visible(column));
                        view! {
                            <div class="menu-row">
                                <button
                                    type="button"
                                    role="menuitemcheckbox"
                                    class="menu-item"
                                    aria-checked=checked.to_string()
                                    on:click=move |_| {
                                        layout.update(|l| l.toggle(column));
                                        on_layout_change.run(());
                                    }
                                >
                                    <span class="check" aria-hidden="true">{if checked { "☑" } else { "☐" }}</span>
                                    {column.label()}
                                </button>
                                <button
                                    type="button"
                                    class="icon-button"
                                    aria-label=format!("Move {} left", column.label())
                                    on:click=move |_| {
                                        layout.update(|l| l.step(column, -1));
                                        on_layout_change.run(());
                                    }
                                >
                                    "←"
                                </button>
                                <button
                                    type="button"
                                    class="icon-button"
                                    aria-label=format!("Move {} right", column.label())
                                    on:click=move |_| {
                                        layout.update(|l| l.step(column, 1));
                                        on_layout_change.run(());
                                    }
                                >
                                    "→"
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button type="button" role="menuitem" class="menu-item reset" on:click=move |_| on_reset.run(())>
                "Reset columns"
            </button>
        </Menu>
    }
}
