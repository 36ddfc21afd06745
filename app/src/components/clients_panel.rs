//! The Clients tab: the Show menu, search, tag filter, Columns menu, the table and its pages.
//! What it shows is the URL's query, so reload and Back keep the view.
use super::{
    menu::Menu,
    pager::Pager,
    table::{column_menu::ColumnMenu, header_cell::HeaderCell},
};
use crate::{
    api::clients::{
        get_client_layout, list_clients, list_tags, reset_client_layout, save_client_layout,
    },
    domain::{
        user::{iso_date, Client, ClientPage, ClientQuery, SortKey, TagSummary},
        Column, ColumnLayout, UserState,
    },
};
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    params::ParamsMap,
};

fn url_for(query: &ClientQuery) -> String {
    let mut map = ParamsMap::new();
    for (key, value) in query.to_params() {
        map.insert(key, value);
    }
    format!("/manage-users{}", map.to_query_string())
}

#[component]
pub fn ClientsPanel() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| ClientQuery::from_params(|k| p.get(k))));
    let navigate = use_navigate();
    let go = Callback::new(move |next: ClientQuery| navigate(&url_for(&next), Default::default()));

    let page = Resource::new(move || query.get(), list_clients);
    let tags = Resource::new(|| (), |_| list_tags());
    let saved_layout = Resource::new(|| (), |_| get_client_layout());

    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading clients…"</p> }>
            {move || Suspend::new(async move {
                let layout = RwSignal::new(saved_layout.await.unwrap_or_default());
                let tags = tags.await.unwrap_or_default();
                // One save for both places that change the layout (Columns menu, headers).
                let save = Action::new(move |layout: &ColumnLayout| save_client_layout(layout.clone()));
                let on_layout_change = Callback::new(move |_| {
                    save.dispatch(layout.get_untracked());
                });
                view! {
                    <ClientsToolbar query page tags go layout on_layout_change/>
                    <ClientsTable query page go layout on_layout_change/>
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClientsToolbar(
    query: Memo<ClientQuery>,
    page: Resource<Result<ClientPage, crate::api::error::AppError>>,
    tags: Vec<TagSummary>,
    go: Callback<ClientQuery>,
    layout: RwSignal<ColumnLayout>,
    on_layout_change: Callback<()>,
) -> impl IntoView {
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
    view! {
        <div class="toolbar">
            <Menu label=show_label open=show_open class="ghost">
                {UserState::ALL
                    .into_iter()
                    .map(|state| {
                        let count = move || counts().map(|c| format!(" ({})", c.of(state))).unwrap_or_default();
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
            <span class="toolbar-spacer"></span>
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
            <ColumnMenu layout on_layout_change on_reset=Callback::new(move |_| { reset.dispatch(()); })/>
        </div>
    }
}

#[component]
fn ClientsTable(
    query: Memo<ClientQuery>,
    page: Resource<Result<ClientPage, crate::api::error::AppError>>,
    go: Callback<ClientQuery>,
    layout: RwSignal<ColumnLayout>,
    on_layout_change: Callback<()>,
) -> impl IntoView {
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
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <thead>
                    <tr>
                        {move || {
                            layout
                                .get()
                                .visible()
                                .into_iter()
                                .map(|column| view! { <HeaderCell column layout dragged drop_target sort on_sort on_layout_change/> })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(data) => {
                                let columns = layout.get().visible();
                                let span = columns.len();
                                if data.rows.is_empty() {
                                    return view! {
                                        <tbody><tr><td colspan=span class="empty">"No clients match this view."</td></tr></tbody>
                                    }
                                    .into_any();
                                }
                                view! {
                                    <tbody>
                                        {data.rows.iter().map(|client| view! {
                                            <tr>
                                                {columns.iter().map(|column| cell(client, *column)).collect_view()}
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                }
                                .into_any()
                            }
                            Err(error) => view! {
                                <tbody><tr><td class="empty error" role="alert">{error.to_string()}</td></tr></tbody>
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
                    view! { <Pager page=q.page pages=q.page_count(data.matching) first_row last_row matching=data.matching go=go_to/> }
                })
            })}
        </Transition>
    }
}

fn cell(client: &Client, column: Column) -> AnyView {
    match column {
        Column::Name => view! {
            <td class="name-cell">
                <span class="avatar small" aria-hidden="true">
                    {client.first_name.chars().take(1).chain(client.last_name.chars().take(1)).collect::<String>()}
                </span>
                {client.full_name()}
            </td>
        }
        .into_any(),
        Column::Email => view! { <td>{client.email.clone()}</td> }.into_any(),
        Column::DateOfBirth => view! { <td class="nowrap">{client.date_of_birth.clone().unwrap_or_default()}</td> }.into_any(),
        Column::SexAtBirth => view! { <td>{client.sex_at_birth.map(|s| s.label()).unwrap_or_default()}</td> }.into_any(),
        Column::Tags => view! {
            <td>{client.tags.iter().map(|tag| view! { <span class="tag">{tag.clone()}</span> }).collect_view()}</td>
        }
        .into_any(),
        Column::ExternalId => view! { <td class="mono">{client.external_id.clone().unwrap_or_default()}</td> }.into_any(),
        Column::Registered => view! {
            <td>{if client.registered { view! { <span class="pill ok">"Registered"</span> } } else { view! { <span class="pill">"Not yet"</span> } }}</td>
        }
        .into_any(),
        Column::Created => view! { <td class="nowrap">{iso_date(client.created_at_ms)}</td> }.into_any(),
    }
}
