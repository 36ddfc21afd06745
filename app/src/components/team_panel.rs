//! The Team Members tab (`/manage-users/team`, a page whose code loads on demand): what it
//! shows is the URL's query (view, search and sort); it owns the selection, the row being
//! edited, the open dialog and the notice, and runs the bulk actions.
use super::{
    notice::{Flash, Notice, NoticeBar},
    table::{team_action_bar::TeamActionBar, team_table::TeamTable},
    team_dialogs::TeamDialogs,
    team_toolbar::TeamToolbar,
};
use crate::{
    api::{
        clients::list_tags,
        error::AppError,
        team::{apply_team_action, get_team_layout, list_team, save_team_layout},
        Loaded,
    },
    domain::{
        client_actions::BulkOutcome,
        selection::Selection,
        team::{TeamAction, TeamColumn, TeamPage, TeamQuery},
        user::TagSummary,
        ColumnLayout,
    },
    pages::manage_users::TEAM_PATH,
};
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    params::ParamsMap,
};

/// A dialog the Team Members tab can have open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamDialog {
    /// "Are you sure?" before an action on the selection.
    Confirm(TeamAction),
    /// The trash button's question: disconnect this member (id, name)?
    Disconnect(i64, String),
    Code(i64),
}

/// Everything the Team Members tab's pieces share. All handles are `Copy`.
#[derive(Clone, Copy)]
pub struct TeamView {
    pub query: Memo<TeamQuery>,
    pub go: Callback<TeamQuery>,
    pub page: Loaded<Result<TeamPage, AppError>>,
    /// The organization's tags: the Security Tags column's choices.
    pub tags: Loaded<Result<Vec<TagSummary>, AppError>>,
    pub selection: RwSignal<Selection>,
    pub editing: RwSignal<Option<i64>>,
    pub notice: RwSignal<Option<Notice>>,
    pub layout: RwSignal<ColumnLayout<TeamColumn>>,
    pub on_layout_change: Callback<()>,
    pub dialog: RwSignal<Option<TeamDialog>>,
    /// Runs an action on some members: their ids, the action, and a name for the message.
    pub run: Callback<(Vec<i64>, TeamAction, Option<String>)>,
    pub busy: Signal<bool>,
}

impl TeamView {
    /// The ids of the rows on screen, in order (untracked: for event handlers).
    pub fn visible_ids(&self) -> Vec<i64> {
        self.page
            .get_untracked()
            .and_then(Result::ok)
            .map(|p| p.rows.iter().map(|m| m.id).collect())
            .unwrap_or_default()
    }
}

fn url_for(query: &TeamQuery) -> String {
    let mut map = ParamsMap::new();
    for (key, value) in query.to_params() {
        map.insert(key, value);
    }
    format!("{TEAM_PATH}{}", map.to_query_string())
}

type Ran = (TeamAction, Option<String>, Result<BulkOutcome, AppError>);

#[component]
pub fn TeamPanel() -> impl IntoView {
    // The resources are made here, at the top, in the same order on the server and in the
    // browser, which is how their data is matched up when the page hydrates.
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| TeamQuery::from_params(|k| p.get(k))));
    let navigate = use_navigate();
    let go = Callback::new(move |next: TeamQuery| navigate(&url_for(&next), Default::default()));
    let page = crate::api::load(move || query.get(), list_team);
    let tags = crate::api::load(|| (), |_| list_tags());
    let saved_layout = crate::api::load(|| (), |_| get_team_layout());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading team members…"</p> }>
            {move || Suspend::new(async move {
                let layout = saved_layout.await.unwrap_or_default();
                team_view(TeamData { query, go, page, tags, layout })
            })}
        </Suspense>
    }
}

/// What the tab has loaded once its saved column layout is in.
struct TeamData {
    query: Memo<TeamQuery>,
    go: Callback<TeamQuery>,
    page: Loaded<Result<TeamPage, AppError>>,
    tags: Loaded<Result<Vec<TagSummary>, AppError>>,
    layout: ColumnLayout<TeamColumn>,
}

/// The rest of the tab: its selection, actions, messages and views.
fn team_view(data: TeamData) -> AnyView {
    let TeamData {
        query,
        go,
        page,
        tags,
        layout,
    } = data;
    let selection = RwSignal::new(Selection::default());
    let editing = RwSignal::new(None::<i64>);
    let notice = RwSignal::new(None::<Notice>);
    let dialog = RwSignal::new(None::<TeamDialog>);
    let flash = Flash::here();
    Effect::new(move |_| {
        if let Some(handed_over) = flash.take() {
            notice.set(Some(handed_over));
        }
    });
    Effect::new(move |previous: Option<TeamQuery>| {
        let current = query.get();
        if previous.is_some_and(|p| p != current) {
            selection.set(Selection::default());
            editing.set(None);
        }
        current
    });

    let act = Action::new(
        move |(ids, action, name): &(Vec<i64>, TeamAction, Option<String>)| {
            let (ids, action, name) = (ids.clone(), *action, name.clone());
            async move {
                let result = apply_team_action(ids, action).await;
                (action, name, result)
            }
        },
    );
    Effect::new(move |_| {
        let Some((action, name, result)): Option<Ran> = act.value().get() else {
            return;
        };
        dialog.set(None);
        match result {
            Ok(outcome) => {
                notice.set(Some(Notice::Success(
                    action.success_message(outcome.done, name.as_deref()),
                )));
                selection.set(Selection::default());
                page.refetch();
            }
            Err(error) => notice.set(Some(Notice::Error(error.message()))),
        }
    });
    let layout = RwSignal::new(layout);
    let save =
        Action::new(move |layout: &ColumnLayout<TeamColumn>| save_team_layout(layout.clone()));
    let team = TeamView {
        query,
        go,
        page,
        tags,
        selection,
        editing,
        notice,
        layout,
        on_layout_change: Callback::new(move |_| {
            save.dispatch(layout.get_untracked());
        }),
        dialog,
        run: Callback::new(
            move |(ids, action, name): (Vec<i64>, TeamAction, Option<String>)| {
                notice.set(None);
                act.dispatch((ids, action, name));
            },
        ),
        busy: act.pending().into(),
    };
    view! {
        <NoticeBar notice=team.notice/>
        <TeamToolbar team/>
        <TeamActionBar team/>
        <TeamTable team/>
        <TeamDialogs team/>
    }
    .into_any()
}
