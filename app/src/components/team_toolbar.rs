//! The Team Members tab's header and toolbar: the ways to add members (Add Team Member, and
//! Invite Team Member By Email behind ⋯), the Show menu with counts, search and Columns.
use super::{menu::Menu, table::column_menu::ColumnMenu, team_panel::TeamView};
use crate::{
    api::team::reset_team_layout,
    domain::{client_actions::thousands, team::TeamQuery, UserState},
};
use leptos::prelude::*;

#[component]
pub fn TeamToolbar(team: TeamView) -> impl IntoView {
    let TeamView {
        query,
        go,
        page,
        layout,
        on_layout_change,
        ..
    } = team;
    let show_open = RwSignal::new(false);
    let more_open = RwSignal::new(false);
    let counts = move || page.get().and_then(|p| p.ok()).map(|p| p.counts);
    let show_label = Signal::derive(move || format!("Show: {}", query.get().state.label()));
    let search = RwSignal::new(query.get_untracked().search);
    let reset = Action::new(move |_: &()| reset_team_layout());
    Effect::new(move |_| {
        if let Some(Ok(default)) = reset.value().get() {
            layout.set(default);
        }
    });
    view! {
        <div class="panel-header">
            <span class="muted">"Team members see the professional side of Roster; their roles decide what they can do."</span>
            <span class="toolbar-spacer"></span>
            <Menu label="⋯".to_string() open=more_open class="ghost more-button" aria_label="More ways to add team members">
                <a role="menuitem" class="menu-item" href="/manage-users/invite-team-members">"Invite Team Member By Email"</a>
            </Menu>
            <a class="button primary" href="/manage-users/add-team-members">"Add Team Member"</a>
        </div>
        <div class="toolbar">
            <Menu label=show_label open=show_open class="ghost">
                {UserState::ALL
                    .into_iter()
                    .map(|state| {
                        let count = move || {
                            counts()
                                .map(|c| format!(" ({})", thousands(usize::try_from(c.of(state)).unwrap_or(0))))
                                .unwrap_or_default()
                        };
                        view! {
                            <button
                                type="button"
                                role="menuitemradio"
                                class="menu-item"
                                aria-checked=move || (query.get().state == state).to_string()
                                on:click=move |_| {
                                    show_open.set(false);
                                    go.run(TeamQuery { state, ..query.get_untracked() });
                                }
                            >
                                {state.label()}
                                <span class="muted">{count}</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </Menu>
            <form
                class="search"
                role="search"
                on:submit=move |ev| {
                    ev.prevent_default();
                    go.run(TeamQuery { search: search.get_untracked(), ..query.get_untracked() });
                }
            >
                <label class="sr-only" for="team-search">"Search team members"</label>
                <input
                    id="team-search"
                    type="search"
                    placeholder="Name or email"
                    prop:value=search
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
                <button type="submit" class="button ghost">"Search"</button>
            </form>
            <span class="toolbar-spacer"></span>
            <ColumnMenu layout on_layout_change on_reset=Callback::new(move |_| { reset.dispatch(()); })/>
        </div>
    }
}
