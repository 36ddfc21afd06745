//! The bar that appears at the top of the table once rows are ticked: how many, the "Select an
//! action" menu with the entries the view offers, and the offer to select every matching row.
//! The bar is code loaded on demand: the first row ticked in a visit loads it.
use crate::{
    components::{
        clients_panel::{ClientsView, OpenDialog},
        menu::Menu,
    },
    domain::{
        client_actions::{thousands, MenuItem, Step},
        selection::Selection,
        user::ClientQuery,
    },
};
use leptos::prelude::*;

#[component]
pub fn ActionBar(clients: ClientsView) -> impl IntoView {
    let any_ticked = Memo::new(move |_| !clients.selection.with(Selection::is_empty));
    view! {
        <Suspense>
            {move || any_ticked.get().then(|| Suspend::new(action_bar(clients)))}
        </Suspense>
    }
}

#[lazy]
fn action_bar(clients: ClientsView) -> AnyView {
    let ClientsView {
        query,
        selection,
        editing,
        dialog,
        run,
        busy,
        ..
    } = clients;
    let open = RwSignal::new(false);
    let matching = move || clients.matching().unwrap_or((0, false));
    let matching_label = move || {
        let (n, capped) = matching();
        ClientQuery::matching_label(n, capped)
    };
    let choose = move |item: MenuItem| {
        open.set(false);
        let only = || selection.get_untracked().ids().first().copied();
        match item.step() {
            Step::Run(action) => run.run(action),
            Step::Confirm(action) => dialog.set(Some(OpenDialog::Confirm(action))),
            Step::PickTags => dialog.set(Some(OpenDialog::PickTags)),
            Step::EditRow => {
                if let Some(id) = only() {
                    selection.set(Selection::default());
                    editing.set(Some(id));
                }
            }
            Step::ShowCode => {
                if let Some(id) = only() {
                    dialog.set(Some(OpenDialog::Code(id)));
                }
            }
        }
    };
    let summary = move || {
        let s = selection.get();
        if s.all_matching() {
            format!("All {} matching clients selected", matching_label())
        } else {
            format!("{} selected", thousands(s.len()))
        }
    };
    // "All 25 on this page are selected. Select all 1,234 matching"
    let offer = move || {
        let s = selection.get();
        let on_page = clients
            .page
            .get()
            .and_then(Result::ok)
            .map(|p| p.rows.iter().map(|c| c.id).collect::<Vec<_>>())
            .unwrap_or_default();
        let whole_page = !s.all_matching() && s.page_state(&on_page) == Some(true);
        let more = usize::try_from(matching().0).unwrap_or(0) > on_page.len() || matching().1;
        (whole_page && more).then(|| {
            let label = format!("Select all {} matching", matching_label());
            view! {
                <span class="muted">{format!("All {} on this page are selected.", on_page.len())}</span>
                <button type="button" class="link-button" on:click=move |_| selection.update(Selection::select_all_matching)>
                    {label}
                </button>
            }
        })
    };
    view! {
        <div class="action-bar" role="region" aria-label="Selected clients">
            <span class="selected-count">{summary}</span>
            <Menu label="Select an action".to_string() open class="primary">
                {move || {
                    let s = selection.get();
                    MenuItem::for_view(query.get().state)
                        .iter()
                        .copied()
                        .map(|item| {
                            let enabled = item.enabled(s.len(), s.all_matching());
                            view! {
                                <button type="button" role="menuitem" class="menu-item" disabled=!enabled on:click=move |_| choose(item)>
                                    {item.label()}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </Menu>
            {offer}
            <span class="toolbar-spacer"></span>
            {move || busy.get().then(|| view! { <span class="muted" role="status">"Working…"</span> })}
            <button type="button" class="button ghost" on:click=move |_| selection.set(Selection::default())>
                "Clear selection"
            </button>
        </div>
    }
    .into_any()
}
