//! The Clients table's list use-case against a real database: search (FTS5 trigram on SQLite,
//! pg_trgm on PostgreSQL), tag filter, sort, paging and the per-state counts.
use app::{
    domain::{
        user::{ClientQuery, SortKey},
        UserState,
    },
    server::{auth::Admin, clients, testing::TestDb},
};

async fn seeded(n: u64) -> (TestDb, Admin) {
    TestDb::demo(n).await
}

/// A search for `text`, every match on one page.
fn search(text: &str) -> ClientQuery {
    ClientQuery {
        search: text.into(),
        per_page: 100,
        ..ClientQuery::default()
    }
}

#[tokio::test]
async fn counts_split_clients_by_state_and_the_active_view_pages_through_them() {
    let (db, admin) = seeded(100).await;
    let state = db.state();
    let page = clients::list(&state, &admin.reader(), ClientQuery::default())
        .await
        .unwrap();
    assert_eq!(
        page.counts.active + page.counts.pending + page.counts.archived,
        100
    );
    assert_eq!((page.counts.pending, page.counts.archived), (5, 7));
    assert_eq!(page.matching, page.counts.active);
    assert_eq!(page.rows.len(), 25);
    assert!(page.rows.iter().all(|c| c.state == UserState::Active));

    let last = clients::list(
        &state,
        &admin.reader(),
        ClientQuery {
            page: 4,
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        last.rows.len(),
        usize::try_from(page.counts.active - 75).unwrap()
    );
}

/// Every page of every view, an empty one too, gives the toolbar the same counts and limit.
#[tokio::test]
async fn every_page_carries_the_same_counts_and_limit_even_an_empty_one() {
    let (db, admin) = seeded(60).await;
    let state = db.state();
    let first = clients::list(&state, &admin.reader(), ClientQuery::default())
        .await
        .unwrap();
    assert!(first.client_limit > 0);
    let pages = [
        search("@example.com"),
        search("zzzz-no-such-client"),
        ClientQuery {
            page: 40,
            ..ClientQuery::default()
        },
        ClientQuery {
            state: UserState::Archived,
            ..ClientQuery::default()
        },
    ];
    for query in pages {
        let page = clients::list(&state, &admin.reader(), query.clone())
            .await
            .unwrap();
        assert_eq!(
            (page.counts, page.client_limit),
            (first.counts, first.client_limit),
            "{query:?}"
        );
    }
}

#[tokio::test]
async fn search_matches_a_substring_of_name_email_or_external_id_in_any_case() {
    let (db, admin) = seeded(100).await;
    let state = db.state();

    let by_email = clients::list(&state, &admin.reader(), search("LOVELACE.0@"))
        .await
        .unwrap();
    assert_eq!(by_email.rows.len(), 1);
    assert_eq!(by_email.rows[0].email, "ada.lovelace.0@example.com");

    let by_external_id = clients::list(&state, &admin.reader(), search("hh-0000012"))
        .await
        .unwrap();
    assert_eq!(by_external_id.matching, 1);
    assert_eq!(
        by_external_id.rows[0].external_id.as_deref(),
        Some("HH-0000012")
    );

    let by_name = clients::list(&state, &admin.reader(), search("grace hop"))
        .await
        .unwrap();
    assert!(by_name.matching >= 1);
    assert!(by_name.rows.iter().all(|c| c.full_name() == "Grace Hopper"));

    let nothing = clients::list(&state, &admin.reader(), search("zzzz-no-such-client"))
        .await
        .unwrap();
    assert_eq!((nothing.matching, nothing.rows.len()), (0, 0));
}

#[tokio::test]
async fn a_search_pages_through_its_matches_and_a_page_past_them_still_counts_them() {
    let (db, admin) = seeded(60).await;
    let state = db.state();
    let page = |page: u32| ClientQuery {
        search: "@example.com".into(),
        page,
        per_page: 25,
        ..ClientQuery::default()
    };
    let first = clients::list(&state, &admin.reader(), page(1))
        .await
        .unwrap();
    let second = clients::list(&state, &admin.reader(), page(2))
        .await
        .unwrap();
    let beyond = clients::list(&state, &admin.reader(), page(9))
        .await
        .unwrap();
    assert!(first.matching > 50, "most of the 60 clients are active");
    assert_eq!((first.rows.len(), second.rows.len()), (25, 25));
    let ids = |rows: &[app::domain::user::Client]| rows.iter().map(|c| c.id).collect::<Vec<_>>();
    assert!(ids(&first.rows)
        .iter()
        .all(|id| !ids(&second.rows).contains(id)));
    assert!(beyond.rows.is_empty());
    assert_eq!((beyond.matching, beyond.capped), (first.matching, false));
}

#[tokio::test]
async fn short_terms_and_quotes_search_like_any_other_text() {
    let (db, admin) = seeded(100).await;
    let state = db.state();
    // Two characters: below a trigram, still a substring search.
    let short = clients::list(&state, &admin.reader(), search("HO"))
        .await
        .unwrap();
    assert!(short.matching >= 1);
    assert!(short
        .rows
        .iter()
        .all(|c| format!("{} {} {}", c.first_name, c.last_name, c.email)
            .to_lowercase()
            .contains("ho")));
    // A quote or a search operator is just text to look for.
    for text in [
        "\"",
        "ada\" OR \"grace",
        "lovelace*",
        "NEAR(ada grace)",
        "a-b:c",
    ] {
        let page = clients::list(&state, &admin.reader(), search(text))
            .await
            .unwrap();
        assert_eq!((text, page.matching), (text, 0));
    }
}

#[tokio::test]
async fn the_tag_filter_keeps_only_clients_with_that_tag() {
    let (db, admin) = seeded(80).await;
    let state = db.state();
    let tags = clients::tags(&state, &admin.reader()).await.unwrap();
    let sleep = tags.iter().find(|t| t.name == "Sleep").unwrap();
    let page = clients::list(
        &state,
        &admin.reader(),
        ClientQuery {
            tag: Some(sleep.id),
            per_page: 100,
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap();
    assert!(page.matching > 0);
    assert_eq!(page.matching, i64::try_from(page.rows.len()).unwrap());
    assert!(page
        .rows
        .iter()
        .all(|c| c.tags.iter().any(|t| t == "Sleep")));
}

async fn emails(state: &app::server::AppState, admin: &Admin, query: ClientQuery) -> Vec<String> {
    clients::list(state, &admin.reader(), query)
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|c| c.email)
        .collect()
}

#[tokio::test]
async fn sorting_by_email_reverses_when_descending() {
    let (db, admin) = seeded(60).await;
    let state = db.state();
    let query = ClientQuery {
        sort: SortKey::Email,
        per_page: 100,
        ..ClientQuery::default()
    };
    let ascending = emails(&state, &admin, query.clone()).await;
    let mut sorted = ascending.clone();
    sorted.sort();
    assert_eq!(ascending, sorted);
    let descending = emails(
        &state,
        &admin,
        ClientQuery {
            descending: true,
            ..query
        },
    )
    .await;
    assert_eq!(descending, ascending.into_iter().rev().collect::<Vec<_>>());
}

#[tokio::test]
async fn a_saved_column_layout_comes_back_and_reset_forgets_it() {
    use app::domain::{Column, ColumnLayout};
    let (db, admin) = seeded(5).await;
    let state = db.state();
    let mut layout = ColumnLayout::default();
    layout.move_to(Column::Tags, Column::Name);
    layout.toggle(Column::Email);
    clients::save_layout(&state, &admin.reader(), layout.clone())
        .await
        .unwrap();
    assert_eq!(
        clients::layout(&state, &admin.reader()).await.unwrap(),
        layout
    );
    assert_eq!(
        clients::reset_layout(&state, &admin.reader())
            .await
            .unwrap(),
        ColumnLayout::default()
    );
    assert_eq!(
        clients::layout(&state, &admin.reader()).await.unwrap(),
        ColumnLayout::default()
    );
}

#[tokio::test]
async fn a_search_or_tag_matching_more_than_the_cap_says_so_and_pages_within_its_first_matches() {
    use app::server::db::users::MATCH_CAP;
    let (db, admin) = seeded(6_000).await;
    let state = db.state();
    let everyone = clients::list(
        &state,
        &admin.reader(),
        ClientQuery {
            search: "@example.com".into(),
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap();
    assert!(everyone.capped);
    assert_eq!(everyone.matching, MATCH_CAP as i64);
    let names: Vec<String> = everyone
        .rows
        .iter()
        .map(|c| c.last_name.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "the page is sorted by name");

    let rare = clients::list(
        &state,
        &admin.reader(),
        ClientQuery {
            search: "ada.lovelace.0@".into(),
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!((rare.matching, rare.capped), (1, false));

    let tags = clients::tags(&state, &admin.reader()).await.unwrap();
    let nutrition = tags.iter().find(|t| t.name == "Nutrition").unwrap();
    let tagged = clients::list(
        &state,
        &admin.reader(),
        ClientQuery {
            tag: Some(nutrition.id),
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap();
    assert!(tagged.capped, "three in ten clients carry Nutrition");
    assert_eq!(tagged.rows.len(), 25);
    let small = tags.iter().find(|t| t.name == "Sleep").unwrap();
    let exact = clients::list(
        &state,
        &admin.reader(),
        ClientQuery {
            tag: Some(small.id),
            per_page: 100,
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap();
    assert!(!exact.capped);
    assert!(exact
        .rows
        .iter()
        .all(|c| c.tags.contains(&"Sleep".to_string())));
}
