//! The Team Members table: draggable, sortable headers for the visible columns, a checkbox to
//! tick every row, and one row per member.
use super::{header_cell::HeaderCell, member_row::MemberRow};
use crate::{
    components::team_panel::TeamView,
    domain::{
        team::{TeamColumn, TeamQuery, TeamSortKey},
        UserState,
    },
};
use leptos::prelude::*;

#[component]
pub fn TeamTable(team: TeamView) -> impl IntoView {
    let TeamView {
        query,
        go,
        page,
        layout,
        selection,
        on_layout_change,
        ..
    } = team;
    let dragged = RwSignal::new(None::<TeamColumn>);
    let drop_target = RwSignal::new(None::<TeamColumn>);
    let sort = Signal::derive(move || (query.get().sort, query.get().descending));
    let on_sort = Callback::new(move |key: TeamSortKey| {
        let current = query.get_untracked();
        let descending = current.sort == key && !current.descending;
        go.run(TeamQuery {
            sort: key,
            descending,
            ..current
        });
    });
    let page_state = move || {
        let ids: Vec<i64> = page
            .get()
            .and_then(Result::ok)
            .map(|p| p.rows.iter().map(|m| m.id).collect())
            .unwrap_or_default();
        if ids.is_empty() {
            Some(false)
        } else {
            selection.with(|s| s.page_state(&ids))
        }
    };
    view! {
        <div class="table-wrap">
            <table class="data-table" aria-label="Team Members">
                <thead>
                    <tr>
                        <th scope="col" class="select-cell">
                            <input
                                type="checkbox"
                                aria-label="Select all team members"
                                prop:checked=move || page_state() == Some(true)
                                prop:indeterminate=move || page_state().is_none()
                                on:click=move |_| {
                                    let visible = team.visible_ids();
                                    selection.update(|s| s.toggle_page(&visible));
                                }
                            />
                        </th>
                        {move || {
                            layout
                                .get()
                                .visible()
                                .into_iter()
                                .map(|column| view! { <HeaderCell column sort_key=column.sort_key() layout dragged drop_target sort on_sort on_layout_change/> })
                                .collect_view()
                        }}
                        <th scope="col" class="actions-cell"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(data) => {
                                let columns = layout.get().visible();
                                let span = columns.len() + 2;
                                if data.rows.is_empty() {
                                    let q = query.get_untracked();
                                    let message = match (q.search.is_empty(), q.state) {
                                        (false, _) => "No team members match this search.",
                                        (true, UserState::Active) => "No active team members yet. Add one or invite them by email.",
                                        (true, UserState::Pending) => "No open invitations.",
                                        (true, UserState::Archived) => "No archived team members.",
                                    };
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
                                            .map(|member| view! { <MemberRow member columns=columns.clone() team/> })
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
    }
}
