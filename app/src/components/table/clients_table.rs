//! The Clients table: draggable, sortable headers for the visible columns, a checkbox to tick
//! the whole page, one editable row per client, and the pager below.
use super::{editable_row::EditableRow, header_cell::HeaderCell};
use crate::{
    components::{clients_panel::ClientsView, pager::Pager},
    domain::{
        user::{ClientQuery, SortKey},
        Column, UserState,
    },
};
use leptos::prelude::*;

#[component]
pub fn ClientsTable(clients: ClientsView) -> impl IntoView {
    let ClientsView {
        query,
        go,
        page,
        layout,
        selection,
        on_layout_change,
        read_only,
        ..
    } = clients;
    let dragged = RwSignal::new(None::<Column>);
    let drop_target = RwSignal::new(None::<Column>);
    let sort = Signal::derive(move || (query.get().sort, query.get().descending));
    let on_sort = Callback::new(move |key: SortKey| {
        let current = query.get_untracked();
        let descending = current.sort == key && !current.descending;
        go.run(ClientQuery {
            sort: key,
            descending,
            page: 1,
            ..current
        });
    });
    // Properties only (never markup), so reading the page here cannot upset hydration.
    let page_state = move || {
        let ids: Vec<i64> = page
            .get()
            .and_then(Result::ok)
            .map(|p| p.rows.iter().map(|c| c.id).collect())
            .unwrap_or_default();
        if ids.is_empty() {
            Some(false)
        } else {
            selection.with(|s| s.page_state(&ids))
        }
    };
    view! {
        <div class="table-wrap">
            <table class="data-table" aria-label="Clients">
                <thead>
                    <tr>
                        {(!read_only).then(|| view! {
                            <th scope="col" class="select-cell">
                                <input
                                    type="checkbox"
                                    aria-label="Select all on this page"
                                    prop:checked=move || page_state() == Some(true)
                                    prop:indeterminate=move || page_state().is_none()
                                    on:click=move |_| {
                                        let visible = clients.visible_ids();
                                        selection.update(|s| s.toggle_page(&visible));
                                    }
                                />
                            </th>
                        })}
                        {move || {
                            layout
                                .get()
                                .visible()
                                .into_iter()
                                .map(|column| view! { <HeaderCell column sort_key=column.sort_key() layout dragged drop_target sort on_sort on_layout_change/> })
                                .collect_view()
                        }}
                        {(!read_only).then(|| view! { <th scope="col" class="actions-cell"><span class="sr-only">"Edit"</span></th> })}
                    </tr>
                </thead>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(data) => {
                                let columns = layout.get().visible();
                                let span = columns.len() + if read_only { 0 } else { 2 };
                                if data.rows.is_empty() {
                                    let message = empty_message(&query.get_untracked());
                                    return view! {
                                        <tbody><tr><td colspan=span class="empty">{message}</td></tr></tbody>
                                    }
                                    .into_any();
                                }
                                view! {
                                    <tbody>
                                        {data
                                            .rows
                                            .into_iter()
                                            .map(|client| view! { <EditableRow client columns=columns.clone() clients/> })
                                            .collect_view()}
                                    </tbody>
                                }
                                .into_any()
                            }
                            Err(error) => view! {
                                <tbody><tr><td colspan="3" class="empty error" role="alert">{error.to_string()}</td></tr></tbody>
                            }
                            .into_any(),
                        }
                    })}
                </Transition>
            </table>
        </div>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                page.await.ok().map(|data| {
                    let q = query.get_untracked();
                    let first_row = i64::try_from(q.offset()).unwrap_or(0) + 1;
                    let last_row = first_row + i64::try_from(data.rows.len()).unwrap_or(0) - 1;
                    let go_to = Callback::new(move |p: u32| go.run(ClientQuery { page: p, ..query.get_untracked() }));
                    view! { <Pager page=q.page pages=q.page_count(data.matching) first_row last_row matching=data.matching capped=data.capped go=go_to/> }
                })
            })}
        </Transition>
    }
}

fn empty_message(query: &ClientQuery) -> &'static str {
    match (query.search.is_empty() && query.tag.is_none(), query.state) {
        (false, _) => "No clients match this search. Try fewer words or another tag.",
        (true, UserState::Active) => "No active clients yet. Add clients or invite them by email.",
        (true, UserState::Pending) => "Nobody is waiting: no open invitations or sign-up requests.",
        (true, UserState::Archived) => "No archived clients.",
    }
}
