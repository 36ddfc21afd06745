//! The Clients tab's toolbar: the Show menu with counts, search, the tag filter, the client-limit
//! meter and the Columns menu.
use super::{
    clients_panel::ClientsView, dialog::Dialog, menu::Menu, table::column_menu::ColumnMenu,
};
use crate::{
    api::clients::{get_onboarding, reset_client_layout},
    domain::{client_actions::thousands, user::ClientQuery, UserState},
};
use leptos::prelude::*;

#[component]
pub fn ClientsToolbar(clients: ClientsView) -> impl IntoView {
    let ClientsView {
        query,
        go,
        page,
        tags,
        layout,
        on_layout_change,
        read_only,
        ..
    } = clients;
    let show_open = RwSignal::new(false);
    // Read synchronously only inside the menu, which opens after hydration; what the server
    // renders waits for the page (the meter below), so both sides render the same markup.
    let counts = move || page.get().and_then(|p| p.ok()).map(|p| p.counts);
    let show_label = Signal::derive(move || format!("Show: {}", query.get().state.label()));
    let reset = Action::new(move |_: &()| reset_client_layout());
    Effect::new(move |_| {
        if let Some(Ok(default)) = reset.value().get() {
            layout.set(default);
        }
    });
    let search = RwSignal::new(query.get_untracked().search);
    let more_open = RwSignal::new(false);
    let link_open = RwSignal::new(false);
    let header = (!read_only).then(|| view! {
        <div class="panel-header">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    page.await.ok().map(|data| {
                        let (active, limit) = (data.counts.active, data.client_limit);
                        view! {
                            <div class="limit-meter">
                                <label for="client-limit-meter">"Active clients"</label>
                                <meter id="client-limit-meter" min="0" max=limit value=active high=limit * 9 / 10></meter>
                                <span class="meter-text">{format!("{active} of {limit}")}</span>
                            </div>
                        }
                    })
                })}
            </Transition>
            <span class="toolbar-spacer"></span>
            <Menu label="⋯".to_string() open=more_open class="ghost more-button" aria_label="More ways to add clients">
                <a role="menuitem" class="menu-item" href="/manage-users/invite-clients">"Invite Client By Email"</a>
                <a role="menuitem" class="menu-item" href="/manage-users/import-clients">"Import Clients From CSV"</a>
                <button type="button" role="menuitem" class="menu-item" on:click=move |_| {
                    more_open.set(false);
                    link_open.set(true);
                }>
                    "Sign-up Page Link"
                </button>
            </Menu>
            <a class="button primary" href="/manage-users/add-clients">"Add Clients"</a>
        </div>
        <Suspense>
            {move || link_open.get().then(|| Suspend::new(sign_up_link(Callback::new(move |_| link_open.set(false)))))}
        </Suspense>
    });
    let show_menu = (!read_only).then(|| view! {
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
                                    go.run(ClientQuery { state, page: 1, ..query.get_untracked() });
                                }
                            >
                                {state.label()}
                                <span class="muted">{count}</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </Menu>
    });
    view! {
        {header}
        <div class="toolbar">
            {show_menu}
            <form
                class="search"
                role="search"
                on:submit=move |ev| {
                    ev.prevent_default();
                    go.run(ClientQuery { search: search.get_untracked(), page: 1, ..query.get_untracked() });
                }
            >
                <label class="sr-only" for="client-search">"Search clients"</label>
                <input
                    id="client-search"
                    type="search"
                    placeholder="Name, email or external ID"
                    prop:value=search
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
                <button type="submit" class="button ghost">"Search"</button>
            </form>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let tags = tags.await.unwrap_or_default();
                    view! {
                        <label class="inline-field">
                            <span>"Tag"</span>
                            <select on:change=move |ev| {
                                let tag = event_target_value(&ev).parse().ok();
                                go.run(ClientQuery { tag, page: 1, ..query.get_untracked() });
                            }>
                                <option value="" selected=move || query.get().tag.is_none()>"All tags"</option>
                                {tags
                                    .into_iter()
                                    .map(|tag| {
                                        let id = tag.id;
                                        view! { <option value=id.to_string() selected=move || query.get().tag == Some(id)>{tag.name}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                    }
                })}
            </Transition>
            <span class="toolbar-spacer"></span>
            <a
                class="button ghost"
                href=move || query.get().export_link(&layout.get().visible())
                download=""
                title="Download what the table shows (every page) as a CSV file"
            >
                "Export CSV"
            </a>
            <ColumnMenu layout on_layout_change on_reset=Callback::new(move |_| { reset.dispatch(()); })/>
        </div>
    }
}

/// The "Sign-up Page Link" dialog, as code loaded when it first opens: the Clients tab does
/// not wait for it.
#[lazy]
fn sign_up_link(close: Callback<()>) -> AnyView {
    view! { <SignUpLink close/> }.into_any()
}

/// The address of the practice's public sign-up page, to share with would-be clients.
#[component]
fn SignUpLink(close: Callback<()>) -> impl IntoView {
    let onboarding = LocalResource::new(get_onboarding);
    view! {
        <Dialog title="Sign-up Page Link" on_close=close>
            <p>"Share this address with people who want to become clients. Their requests wait under Pending until you accept them."</p>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match onboarding.await {
                        Ok(info) => {
                            let href = info.sign_up_link.clone();
                            view! { <p class="link-box"><a href=href target="_blank" rel="noopener">{info.sign_up_link}</a></p> }.into_any()
                        }
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <div class="dialog-actions">
                <button type="button" class="button primary" on:click=move |_| close.run(())>"Close"</button>
            </div>
        </Dialog>
    }
}
