//! The Clients tab: what it shows is the URL's query (reload and Back keep the view); it owns the
//! selection, the row being edited, the open dialog, the notice, and runs the bulk actions.
use super::{
    client_dialogs::ClientDialogs,
    clients_toolbar::ClientsToolbar,
    notice::{Flash, Notice, NoticeBar},
    table::{action_bar::ActionBar, clients_table::ClientsTable},
};
use crate::{
    api::{
        clients::{
            apply_client_action, get_client_layout, list_clients, list_tags, save_client_layout,
        },
        error::AppError,
        Loaded,
    },
    domain::{
        client_actions::{BulkTarget, ClientAction},
        selection::Selection,
        user::{ClientPage, ClientQuery, TagSummary},
        ColumnLayout,
    },
};
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    params::ParamsMap,
};

/// A dialog the Clients tab can have open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenDialog {
    Confirm(ClientAction),
    PickTags,
    Code(i64),
}

/// Everything the Clients tab's pieces share. All handles are `Copy`.
#[derive(Clone, Copy)]
pub struct ClientsView {
    pub query: Memo<ClientQuery>,
    pub go: Callback<ClientQuery>,
    pub page: Loaded<Result<ClientPage, AppError>>,
    pub tags: Loaded<Result<Vec<TagSummary>, AppError>>,
    pub selection: RwSignal<Selection>,
    pub editing: RwSignal<Option<i64>>,
    pub notice: RwSignal<Option<Notice>>,
    pub layout: RwSignal<ColumnLayout>,
    pub on_layout_change: Callback<()>,
    pub dialog: RwSignal<Option<OpenDialog>>,
    /// Runs a bulk action on the current selection.
    pub run: Callback<ClientAction>,
    /// True while a bulk action is on its way.
    pub busy: Signal<bool>,
    /// A Practitioner's view: no selection, editing, limit or ways to add clients.
    pub read_only: bool,
    /// The page's path, which the query's parameters follow.
    pub base: &'static str,
}

impl ClientsView {
    /// The ids of the rows on screen, in order (read without tracking: for event handlers).
    pub fn visible_ids(&self) -> Vec<i64> {
        self.page
            .get_untracked()
            .and_then(Result::ok)
            .map(|p| p.rows.iter().map(|c| c.id).collect())
            .unwrap_or_default()
    }

    /// Rows matching the query across all pages once the page has loaded, and whether that
    /// count stopped at its cap.
    pub fn matching(&self) -> Option<(i64, bool)> {
        self.page
            .get()
            .and_then(Result::ok)
            .map(|p| (p.matching, p.capped))
    }
}

fn url_for(base: &str, query: &ClientQuery) -> String {
    let mut map = ParamsMap::new();
    for (key, value) in query.to_params() {
        map.insert(key, value);
    }
    format!("{base}{}", map.to_query_string())
}

#[component]
pub fn ClientsPanel(
    /// A Practitioner's read-only table of the clients their security tags allow.
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let base = if read_only {
        "/clients"
    } else {
        "/manage-users"
    };
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| ClientQuery::from_params(|k| p.get(k))));
    let navigate = use_navigate();
    let go =
        Callback::new(move |next: ClientQuery| navigate(&url_for(base, &next), Default::default()));

    let page = crate::api::load(move || query.get(), list_clients);
    let tags = crate::api::load(|| (), |_| list_tags());
    let saved_layout = crate::api::load(|| (), |_| get_client_layout());
    let selection = RwSignal::new(Selection::default());
    let editing = RwSignal::new(None::<i64>);
    let notice = RwSignal::new(None::<Notice>);
    // A form that just created or invited clients hands its success message over.
    let flash = Flash::here();
    Effect::new(move |_| {
        if let Some(handed_over) = flash.take() {
            notice.set(Some(handed_over));
        }
    });
    let dialog = RwSignal::new(None::<OpenDialog>);

    // A new view starts with nothing ticked and nothing being edited.
    Effect::new(move |previous: Option<ClientQuery>| {
        let current = query.get();
        if previous.is_some_and(|p| p != current) {
            selection.set(Selection::default());
            editing.set(None);
        }
        current
    });

    let act = Action::new(move |(target, action): &(BulkTarget, ClientAction)| {
        let (target, action) = (target.clone(), action.clone());
        async move {
            let result = apply_client_action(target, action.clone()).await;
            (action, result)
        }
    });
    Effect::new(move |_| {
        let Some((action, result)) = act.value().get() else {
            return;
        };
        dialog.set(None);
        match result {
            Ok(outcome) => {
                notice.set(Some(Notice::Success(action.success_message(&outcome))));
                selection.set(Selection::default());
                page.refetch();
                if matches!(action, ClientAction::AddTags(_)) {
                    tags.refetch();
                }
            }
            Err(error) => notice.set(Some(Notice::Error(error.message()))),
        }
    });
    let busy = act.pending();

    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading clients…"</p> }>
            {move || Suspend::new(async move {
                let layout = RwSignal::new(saved_layout.await.unwrap_or_default());
                let save = Action::new(move |layout: &ColumnLayout| save_client_layout(layout.clone()));
                let on_layout_change = Callback::new(move |_| {
                    save.dispatch(layout.get_untracked());
                });
                let clients = ClientsView {
                    query,
                    go,
                    page,
                    tags,
                    selection,
                    editing,
                    notice,
                    layout,
                    on_layout_change,
                    dialog,
                    run: Callback::new(move |action: ClientAction| {
                        notice.set(None);
                        act.dispatch((clients_target(query, selection), action));
                    }),
                    busy: busy.into(),
                    read_only,
                    base,
                };
                view! {
                    <NoticeBar notice/>
                    <ClientsToolbar clients/>
                    {(!read_only).then(|| view! { <ActionBar clients/> })}
                    <ClientsTable clients/>
                    {(!read_only).then(|| view! { <ClientDialogs clients/> })}
                }
            })}
        </Suspense>
    }
}

/// What an action applies to: the ticked rows, or the whole query.
fn clients_target(query: Memo<ClientQuery>, selection: RwSignal<Selection>) -> BulkTarget {
    let selection = selection.get_untracked();
    if selection.all_matching() {
        BulkTarget::Matching(query.get_untracked())
    } else {
        BulkTarget::Ids(selection.ids())
    }
}
