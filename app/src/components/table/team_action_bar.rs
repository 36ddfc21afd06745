//! The bar over the Team Members table once rows are ticked: how many, and the "Select an
//! action" menu with the entries the view offers.
use crate::{
    components::{
        menu::Menu,
        team_panel::{TeamDialog, TeamView},
    },
    domain::{client_actions::thousands, selection::Selection, team::TeamMenuItem},
};
use leptos::prelude::*;

#[component]
pub fn TeamActionBar(team: TeamView) -> impl IntoView {
    let TeamView {
        query,
        selection,
        editing,
        dialog,
        run,
        busy,
        ..
    } = team;
    let open = RwSignal::new(false);
    let choose = move |item: TeamMenuItem| {
        open.set(false);
        let ids = selection.get_untracked().ids();
        match item {
            TeamMenuItem::EditUser => {
                if let [id] = ids.as_slice() {
                    selection.set(Selection::default());
                    editing.set(Some(*id));
                }
            }
            TeamMenuItem::ViewRegistrationCode => {
                if let [id] = ids.as_slice() {
                    dialog.set(Some(TeamDialog::Code(*id)));
                }
            }
            TeamMenuItem::Run(action) => match action.confirmation(ids.len()) {
                Some(_) => dialog.set(Some(TeamDialog::Confirm(action))),
                None => run.run((ids, action, None)),
            },
        }
    };
    view! {
        <Show when=move || !selection.with(Selection::is_empty)>
            <div class="action-bar" role="region" aria-label="Selected team members">
                <span class="selected-count">{move || format!("{} selected", thousands(selection.with(Selection::len)))}</span>
                <Menu label="Select an action".to_string() open class="primary">
                    {move || {
                        let selected = selection.with(Selection::len);
                        TeamMenuItem::for_view(query.get().state)
                            .iter()
                            .copied()
                            .map(|item| view! {
                                <button type="button" role="menuitem" class="menu-item" disabled=!item.enabled(selected) on:click=move |_| choose(item)>
                                    {item.label()}
                                </button>
                            })
                            .collect_view()
                    }}
                </Menu>
                <span class="toolbar-spacer"></span>
                {move || busy.get().then(|| view! { <span class="muted" role="status">"Working…"</span> })}
                <button type="button" class="button ghost" on:click=move |_| selection.set(Selection::default())>
                    "Clear selection"
                </button>
            </div>
        </Show>
    }
}
