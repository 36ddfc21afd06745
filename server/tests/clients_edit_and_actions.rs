//! Inline edits and the "Select an action" bulk actions of the Clients table, against a real
//! database (SQLite, or PostgreSQL when ROSTER_TEST_POSTGRES is set).
use app::{
    api::error::AppError,
    domain::{
        client_actions::{BulkOutcome, BulkTarget, ClientAction, PendingKind},
        client_details::ClientDraft,
        user::{Client, ClientQuery, SortKey, UserKind},
        Field, TagName, UserState,
    },
    server::{auth::Admin, client_actions, clients, db, testing::TestDb, AppState},
};
use sqlx::Row;

async fn scalar(state: &AppState, sql: &str, id: i64) -> i64 {
    sqlx::query(sql)
        .bind(id)
        .fetch_one(state.db.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

async fn page(state: &AppState, admin: &Admin, view: UserState) -> Vec<Client> {
    clients::list(
        state,
        &admin.reader(),
        ClientQuery {
            state: view,
            per_page: 100,
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap()
    .rows
}

async fn counts(state: &AppState, admin: &Admin) -> (i64, i64, i64) {
    let c = clients::list(state, &admin.reader(), ClientQuery::default())
        .await
        .unwrap()
        .counts;
    (c.active, c.pending, c.archived)
}

/// Every id of the view in the order `sort` lists them, page after page.
async fn listed(
    state: &AppState,
    admin: &Admin,
    view: UserState,
    sort: SortKey,
    descending: bool,
) -> Vec<i64> {
    let query = ClientQuery {
        state: view,
        per_page: 40,
        sort,
        descending,
        ..ClientQuery::default()
    };
    paged(state, admin, query).await
}

/// The ids of every page of a query, in order, up to the first empty page.
async fn paged(state: &AppState, admin: &Admin, query: ClientQuery) -> Vec<i64> {
    let mut ids = Vec::new();
    for page in 1.. {
        let rows = clients::list(
            state,
            &admin.reader(),
            ClientQuery {
                page,
                ..query.clone()
            },
        )
        .await
        .unwrap()
        .rows;
        if rows.is_empty() {
            break;
        }
        ids.extend(rows.iter().map(|c| c.id));
    }
    ids
}

fn renamed(client: &Client, last_name: &str) -> ClientDraft {
    ClientDraft {
        last_name: last_name.into(),
        ..ClientDraft::from_client(client)
    }
}

async fn act(
    state: &AppState,
    admin: &Admin,
    ids: &[i64],
    action: ClientAction,
) -> Result<BulkOutcome, AppError> {
    client_actions::apply(state, admin, BulkTarget::Ids(ids.to_vec()), action).await
}

#[tokio::test]
async fn an_inline_edit_is_saved_and_a_concurrent_edit_from_the_old_version_is_refused() {
    let (db, admin) = TestDb::demo(10).await;
    let state = db.state();
    let ada = page(&state, &admin, UserState::Active).await.remove(0);

    // Two people opened the editor on the same version; the first one saves.
    let saved = clients::update(&state, &admin, ada.id, ada.version, renamed(&ada, "Byron"))
        .await
        .unwrap();
    assert_eq!(saved.last_name, "Byron");
    assert_eq!(saved.version, ada.version + 1);

    // The second save started from the old version: refused, and the first save is intact.
    let late = clients::update(&state, &admin, ada.id, ada.version, renamed(&ada, "King")).await;
    assert_eq!(late.unwrap_err(), AppError::Stale);
    let now = clients::get(&state, &admin.reader(), ada.id).await.unwrap();
    assert_eq!(
        (now.last_name.as_str(), now.version),
        ("Byron", saved.version)
    );

    // Saving again from the version they were shown replaces it deliberately.
    let again = clients::update(&state, &admin, ada.id, now.version, renamed(&ada, "King"))
        .await
        .unwrap();
    assert_eq!(again.last_name, "King");
    let edits = scalar(
        &state,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'client_edited' AND subject_user_id = $1",
        ada.id,
    )
    .await;
    assert_eq!(edits, 2);
}

#[tokio::test]
async fn every_bad_field_of_an_edit_comes_back_against_its_field() {
    let (db, admin) = TestDb::demo(5).await;
    let state = db.state();
    let ada = page(&state, &admin, UserState::Active).await.remove(0);
    let draft = ClientDraft {
        first_name: " ".into(),
        email: "nope".into(),
        date_of_birth: "2999-01-01".into(),
        ..ClientDraft::from_client(&ada)
    };
    let error = clients::update(&state, &admin, ada.id, ada.version, draft)
        .await
        .unwrap_err();
    let fields: Vec<Field> = error.row_errors(0).iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        vec![Field::FirstName, Field::Email, Field::DateOfBirth]
    );
}

#[tokio::test]
async fn an_email_another_client_uses_is_a_conflict_on_the_email_field() {
    let (db, admin) = TestDb::demo(5).await;
    let state = db.state();
    let rows = page(&state, &admin, UserState::Active).await;
    let draft = ClientDraft {
        email: rows[1].email.to_uppercase(),
        ..ClientDraft::from_client(&rows[0])
    };
    let error = clients::update(&state, &admin, rows[0].id, rows[0].version, draft)
        .await
        .unwrap_err();
    assert_eq!(error, AppError::Conflict(Field::Email));
}

#[tokio::test]
async fn archived_clients_are_read_only() {
    let (db, admin) = TestDb::demo(20).await;
    let state = db.state();
    let archived = page(&state, &admin, UserState::Archived).await.remove(0);
    let error = clients::update(
        &state,
        &admin,
        archived.id,
        archived.version,
        renamed(&archived, "X"),
    )
    .await
    .unwrap_err();
    assert_eq!(error, AppError::ReadOnly);
}

#[tokio::test]
async fn archive_then_unarchive_moves_clients_between_views_and_the_counts_follow() {
    let (db, admin) = TestDb::demo(30).await;
    let state = db.state();
    let (active, pending, archived) = counts(&state, &admin).await;
    let ids: Vec<i64> = page(&state, &admin, UserState::Active).await[..3]
        .iter()
        .map(|c| c.id)
        .collect();
    let epochs_before = scalar(
        &state,
        "SELECT session_epoch FROM users WHERE id = $1",
        ids[0],
    )
    .await;

    let outcome = act(&state, &admin, &ids, ClientAction::Archive)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        BulkOutcome {
            done: 3,
            skipped: 0
        }
    );
    assert_eq!(
        counts(&state, &admin).await,
        (active - 3, pending, archived + 3)
    );
    let in_archive: Vec<i64> = page(&state, &admin, UserState::Archived)
        .await
        .iter()
        .map(|c| c.id)
        .collect();
    assert!(ids.iter().all(|id| in_archive.contains(id)));
    // Archiving ends their sessions: the epoch in every session's auth hash moved on.
    let epochs_after = scalar(
        &state,
        "SELECT session_epoch FROM users WHERE id = $1",
        ids[0],
    )
    .await;
    assert!(epochs_after > epochs_before);

    act(&state, &admin, &ids, ClientAction::Unarchive)
        .await
        .unwrap();
    assert_eq!(counts(&state, &admin).await, (active, pending, archived));
    let audit = scalar(
        &state,
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('client_archived', 'client_unarchived') AND org_id = $1",
        admin.org_id,
    )
    .await;
    assert_eq!(audit, 6);
}

#[tokio::test]
async fn unarchiving_past_the_client_limit_is_refused_and_says_how_many_fit() {
    let (db, admin) = TestDb::demo(40).await;
    let state = db.state();
    let (active, _, _) = counts(&state, &admin).await;
    sqlx::query("UPDATE organizations SET client_limit = $1 WHERE id = $2")
        .bind(active + 1)
        .bind(admin.org_id)
        .execute(state.db.pool())
        .await
        .unwrap();
    let archived: Vec<i64> = page(&state, &admin, UserState::Archived).await[..2]
        .iter()
        .map(|c| c.id)
        .collect();
    let error = act(&state, &admin, &archived, ClientAction::Unarchive)
        .await
        .unwrap_err();
    assert_eq!(
        error,
        AppError::LimitReached {
            fits: 1,
            limit: active + 1
        }
    );
    assert_eq!(counts(&state, &admin).await.0, active, "nothing changed");
    act(&state, &admin, &archived[..1], ClientAction::Unarchive)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bulk_action_naming_a_client_of_another_organization_changes_nothing() {
    let (db, admin) = TestDb::demo(10).await;
    let state = db.state();
    let other_org = app::server::seed::ensure_org(&db.db, "Other Practice")
        .await
        .unwrap();
    let mut conn = db.db.pool().acquire().await.unwrap();
    let stranger = db::users::insert(
        &mut conn,
        &db::users::NewUser {
            org_id: other_org,
            kind: UserKind::Client,
            first_name: "Sam",
            last_name: "Stranger",
            email: "sam@other.example",
            date_of_birth: Some("1990-01-01".into()),
            sex_at_birth: None,
            external_id: None,
            state: UserState::Active,
            pending_kind: None,
            registered: false,
            is_owner: false,
            password_hash: None,
        },
        1,
    )
    .await
    .unwrap();
    drop(conn);
    let mine = page(&state, &admin, UserState::Active).await[0].id;
    let error = act(&state, &admin, &[mine, stranger], ClientAction::Archive)
        .await
        .unwrap_err();
    assert_eq!(error, AppError::Stale);
    assert_eq!(
        scalar(
            &state,
            "SELECT COUNT(*) FROM users WHERE state = 'archived' AND id = $1",
            mine
        )
        .await,
        0,
        "all or nothing: my own client was not archived either"
    );
    assert_eq!(
        clients::get(&state, &admin.reader(), stranger)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn add_tags_creates_new_tags_and_reuses_existing_ones_whatever_their_case() {
    let (db, admin) = TestDb::demo(10).await;
    let state = db.state();
    let ids: Vec<i64> = page(&state, &admin, UserState::Active).await[..3]
        .iter()
        .map(|c| c.id)
        .collect();
    let tags = vec![
        TagName::parse("VIP Cohort").unwrap(),
        TagName::parse("sleep").unwrap(),
    ];
    act(&state, &admin, &ids, ClientAction::AddTags(tags))
        .await
        .unwrap();
    for id in &ids {
        let client = clients::get(&state, &admin.reader(), *id).await.unwrap();
        assert!(
            client.tags.contains(&"VIP Cohort".to_string()),
            "{client:?}"
        );
        assert!(client.tags.contains(&"Sleep".to_string()), "{client:?}");
    }
    let names: Vec<String> = clients::tags(&state, &admin.reader())
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(
        names
            .iter()
            .filter(|n| n.eq_ignore_ascii_case("sleep"))
            .count(),
        1
    );
    // Adding the same tags again changes nothing and fails nothing.
    let again = vec![TagName::parse("VIP Cohort").unwrap()];
    act(&state, &admin, &ids, ClientAction::AddTags(again))
        .await
        .unwrap();
}

#[tokio::test]
async fn select_all_matching_acts_on_every_row_of_the_query_across_pages() {
    let (db, admin) = TestDb::demo(120).await;
    let state = db.state();
    let query = ClientQuery {
        search: "lovelace".into(),
        ..ClientQuery::default()
    };
    let matching = clients::list(&state, &admin.reader(), query.clone())
        .await
        .unwrap()
        .matching;
    assert!(matching > 0);
    let outcome = client_actions::apply(
        &state,
        &admin,
        BulkTarget::Matching(query.clone()),
        ClientAction::Archive,
    )
    .await
    .unwrap();
    assert_eq!(i64::try_from(outcome.done).unwrap(), matching);
    assert_eq!(
        clients::list(&state, &admin.reader(), query)
            .await
            .unwrap()
            .matching,
        0
    );
    // The query must be the action's view: an Archived action cannot run on an Active query.
    let wrong_view = client_actions::apply(
        &state,
        &admin,
        BulkTarget::Matching(ClientQuery::default()),
        ClientAction::Delete,
    )
    .await;
    assert_eq!(wrong_view.unwrap_err(), AppError::Stale);
}

#[tokio::test]
async fn deleting_archived_clients_removes_them_and_the_audit_log_still_names_them() {
    let (db, admin) = TestDb::demo(30).await;
    let state = db.state();
    let doomed = page(&state, &admin, UserState::Archived).await.remove(0);
    act(&state, &admin, &[doomed.id], ClientAction::Delete)
        .await
        .unwrap();
    assert_eq!(
        clients::get(&state, &admin.reader(), doomed.id)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    let detail: String =
        sqlx::query("SELECT detail FROM audit_log WHERE action = 'client_deleted' AND org_id = $1")
            .bind(admin.org_id)
            .fetch_one(state.db.pool())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
    assert!(detail.contains(&doomed.email), "{detail}");
    // Deleting is only for archived clients.
    let active = page(&state, &admin, UserState::Active).await.remove(0);
    assert_eq!(
        act(&state, &admin, &[active.id], ClientAction::Delete)
            .await
            .unwrap_err(),
        AppError::Stale
    );
}

#[tokio::test]
async fn pending_actions_apply_to_their_own_kind_and_accepting_respects_the_limit() {
    let (db, admin) = TestDb::demo(120).await;
    let state = db.state();
    let pending = page(&state, &admin, UserState::Pending).await;
    let requests: Vec<i64> = pending
        .iter()
        .filter(|c| c.pending_kind == Some(PendingKind::Requested))
        .map(|c| c.id)
        .collect();
    let invitations: Vec<i64> = pending
        .iter()
        .filter(|c| c.pending_kind == Some(PendingKind::Invited))
        .map(|c| c.id)
        .collect();
    assert!(requests.len() >= 2 && invitations.len() >= 2);
    let (active, _, _) = counts(&state, &admin).await;

    // Accepting a request and an invitation accepts the request and skips the invitation.
    let both = [requests[0], invitations[0]];
    let outcome = act(&state, &admin, &both, ClientAction::AcceptRequests)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        BulkOutcome {
            done: 1,
            skipped: 1
        }
    );
    assert_eq!(counts(&state, &admin).await.0, active + 1);
    let welcome = scalar(
        &state,
        "SELECT COUNT(*) FROM outbox WHERE kind = 'request_accepted' AND related_user_id = $1",
        requests[0],
    )
    .await;
    assert_eq!(welcome, 1);

    // At the limit, accepting is refused.
    sqlx::query("UPDATE organizations SET client_limit = $1 WHERE id = $2")
        .bind(active + 1)
        .bind(admin.org_id)
        .execute(state.db.pool())
        .await
        .unwrap();
    let full = act(
        &state,
        &admin,
        &requests[1..2],
        ClientAction::AcceptRequests,
    )
    .await;
    assert_eq!(
        full.unwrap_err(),
        AppError::LimitReached {
            fits: 0,
            limit: active + 1
        }
    );

    // Rejecting removes the request and tells the person.
    act(
        &state,
        &admin,
        &requests[1..2],
        ClientAction::RejectRequests,
    )
    .await
    .unwrap();
    assert_eq!(
        clients::get(&state, &admin.reader(), requests[1])
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    let told: i64 = sqlx::query("SELECT COUNT(*) FROM outbox WHERE kind = 'request_rejected'")
        .fetch_one(state.db.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(told, 1);

    // Resending an invitation replaces its token; deleting withdraws it and removes the row.
    act(
        &state,
        &admin,
        &invitations[1..2],
        ClientAction::ResendInvitations,
    )
    .await
    .unwrap();
    act(
        &state,
        &admin,
        &invitations[1..2],
        ClientAction::ResendInvitations,
    )
    .await
    .unwrap();
    let open = scalar(&state, "SELECT COUNT(*) FROM invitations WHERE user_id = $1 AND withdrawn_at IS NULL AND accepted_at IS NULL", invitations[1]).await;
    assert_eq!(open, 1, "only the newest invitation is open");
    act(
        &state,
        &admin,
        &invitations[1..2],
        ClientAction::DeleteInvitations,
    )
    .await
    .unwrap();
    assert_eq!(
        clients::get(&state, &admin.reader(), invitations[1])
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn registration_codes_are_viewed_sent_and_rotated_for_unregistered_clients_only() {
    let (db, admin) = TestDb::demo(12).await;
    let state = db.state();
    let rows = page(&state, &admin, UserState::Active).await;
    let unregistered = rows.iter().find(|c| !c.registered).unwrap();
    let registered = rows.iter().find(|c| c.registered).unwrap();

    let viewed = client_actions::registration_code(&state, &admin, unregistered.id)
        .await
        .unwrap();
    let again = client_actions::registration_code(&state, &admin, unregistered.id)
        .await
        .unwrap();
    assert_eq!(viewed.code, again.code, "viewing does not change the code");
    assert!(
        client_actions::registration_code(&state, &admin, registered.id)
            .await
            .is_err()
    );

    let outcome = act(
        &state,
        &admin,
        &[unregistered.id, registered.id],
        ClientAction::SendRegistrationCodes,
    )
    .await
    .unwrap();
    assert_eq!(
        outcome,
        BulkOutcome {
            done: 1,
            skipped: 1
        }
    );
    let sent = client_actions::registration_code(&state, &admin, unregistered.id)
        .await
        .unwrap();
    assert_ne!(sent.code, viewed.code, "sending rotates the code");
    let body: String = sqlx::query(
        "SELECT body_text FROM outbox WHERE kind = 'registration_code' AND related_user_id = $1",
    )
    .bind(unregistered.id)
    .fetch_one(state.db.pool())
    .await
    .unwrap()
    .try_get(0)
    .unwrap();
    assert!(body.contains(&sent.code));
}

#[tokio::test]
async fn the_state_counters_always_agree_with_a_real_count() {
    let (db, admin) = TestDb::demo(60).await;
    let state = db.state();
    let active: Vec<i64> = page(&state, &admin, UserState::Active)
        .await
        .iter()
        .take(5)
        .map(|c| c.id)
        .collect();
    act(&state, &admin, &active, ClientAction::Archive)
        .await
        .unwrap();
    act(&state, &admin, &active[..2], ClientAction::Delete)
        .await
        .unwrap();
    for view in UserState::ALL {
        let real: i64 = sqlx::query(
            "SELECT COUNT(*) FROM users WHERE org_id = $1 AND kind = 'client' AND state = $2",
        )
        .bind(admin.org_id)
        .bind(view.as_str())
        .fetch_one(state.db.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
        let counted = clients::list(&state, &admin.reader(), ClientQuery::default())
            .await
            .unwrap()
            .counts
            .of(view);
        assert_eq!(counted, real, "{view:?}");
    }
}

#[tokio::test]
async fn a_bulk_action_over_several_statements_audits_every_client_once_in_id_order() {
    let (db, admin) = TestDb::demo(800).await;
    let state = db.state();
    // More clients than one statement names (db::CHUNK), picked out of id order.
    let mut ids: Vec<i64> = sqlx::query(
        "SELECT id FROM users WHERE org_id = $1 AND kind = 'client' AND state = 'active' ORDER BY email LIMIT 600",
    )
    .bind(admin.org_id)
    .fetch_all(state.db.pool())
    .await
    .unwrap()
    .iter()
    .map(|row| row.try_get(0).unwrap())
    .collect();
    assert_eq!(ids.len(), 600);
    let tags = vec![TagName::parse("Spring Intake").unwrap()];
    let outcome = act(&state, &admin, &ids, ClientAction::AddTags(tags))
        .await
        .unwrap();
    assert_eq!(outcome.done, 600);
    let entries = sqlx::query(
        "SELECT a.actor_id, a.subject_user_id, a.detail, a.created_at, u.email FROM audit_log a JOIN users u ON u.id = a.subject_user_id WHERE a.action = 'client_tagged' AND a.org_id = $1 ORDER BY a.id",
    )
    .bind(admin.org_id)
    .fetch_all(state.db.pool())
    .await
    .unwrap();
    ids.sort_unstable();
    let subjects: Vec<i64> = entries
        .iter()
        .map(|row| row.try_get("subject_user_id").unwrap())
        .collect();
    assert_eq!(subjects, ids);
    let first_time: i64 = entries[0].try_get("created_at").unwrap();
    for row in &entries {
        assert_eq!(row.try_get::<i64, _>("actor_id").unwrap(), admin.user_id);
        assert_eq!(row.try_get::<i64, _>("created_at").unwrap(), first_time);
        let detail: String = row.try_get("detail").unwrap();
        let email: String = row.try_get("email").unwrap();
        assert!(detail.contains(&format!("<{email}>")), "{detail}");
        assert!(detail.ends_with("; tags: Spring Intake"), "{detail}");
    }
}

#[tokio::test]
async fn every_sort_lists_exactly_the_clients_of_the_view_as_they_move_between_views() {
    // On SQLite the orders by created, date of birth and external id read indexes without the
    // state (the Active view takes the entries with no pending kind minus the Archived view's
    // partial index) or partial indexes of one state: each view must still list exactly its
    // own clients, under every sort.
    let (db, admin) = TestDb::demo(120).await;
    let state = db.state();
    let pending = page(&state, &admin, UserState::Pending).await;
    let request = pending
        .iter()
        .find(|c| c.pending_kind == Some(PendingKind::Requested))
        .unwrap()
        .id;
    act(&state, &admin, &[request], ClientAction::AcceptRequests)
        .await
        .unwrap();
    let active = page(&state, &admin, UserState::Active).await;
    let moved: Vec<i64> = active
        .iter()
        .map(|c| c.id)
        .filter(|id| *id != request)
        .step_by(7)
        .collect();
    act(&state, &admin, &moved, ClientAction::Archive)
        .await
        .unwrap();
    act(&state, &admin, &moved[..2], ClientAction::Unarchive)
        .await
        .unwrap();

    for view in UserState::ALL {
        let mut expected = listed(&state, &admin, view, SortKey::Name, false).await;
        expected.sort_unstable();
        let in_view: i64 = scalar(
            &state,
            &format!(
                "SELECT COUNT(*) FROM users WHERE org_id = $1 AND kind = 'client' AND state = '{}'",
                view.as_str()
            ),
            admin.org_id,
        )
        .await;
        assert_eq!(expected.len() as i64, in_view, "{view:?} by name");
        for sort in SortKey::ALL {
            for descending in [false, true] {
                let mut ids = listed(&state, &admin, view, sort, descending).await;
                ids.sort_unstable();
                assert_eq!(
                    ids, expected,
                    "{view:?} by {sort:?}, descending {descending}"
                );
            }
        }
    }
    // The Active view's order is the database's own, page after page, with and without a tag
    // filter. Small pages put the boundary of most pages after some archived clients, and on
    // an empty date of birth or external id.
    let tag: i64 = scalar(
        &state,
        "SELECT MIN(tag_id) FROM client_tags ct JOIN users u ON u.id = ct.user_id WHERE u.org_id = $1",
        admin.org_id,
    )
    .await;
    for (sort, column) in [
        (SortKey::Created, "created_at"),
        (SortKey::DateOfBirth, "date_of_birth"),
        (SortKey::ExternalId, "external_id"),
    ] {
        for dir in ["ASC", "DESC"] {
            for tag in [None, Some(tag)] {
                let expected: Vec<i64> = sqlx::query_scalar(&format!(
                    "SELECT id FROM users u WHERE org_id = $1 AND kind = 'client' \
                     AND state = 'active' AND ($2 IS NULL OR EXISTS \
                     (SELECT 1 FROM client_tags ct WHERE ct.user_id = u.id AND ct.tag_id = $2)) \
                     ORDER BY {column} {dir}, id {dir}"
                ))
                .bind(admin.org_id)
                .bind(tag)
                .fetch_all(state.db.pool())
                .await
                .unwrap();
                assert!(expected.len() > 7, "several pages by {sort:?}");
                for per_page in [3, 7, 40] {
                    let query = ClientQuery {
                        per_page,
                        sort,
                        descending: dir == "DESC",
                        tag,
                        ..ClientQuery::default()
                    };
                    let ids = paged(&state, &admin, query).await;
                    assert_eq!(
                        ids, expected,
                        "Active by {sort:?} {dir}, tag {tag:?}, {per_page} a page"
                    );
                }
            }
        }
    }
    let active_ids = listed(
        &state,
        &admin,
        UserState::Active,
        SortKey::DateOfBirth,
        false,
    )
    .await;
    assert!(
        active_ids.contains(&request),
        "the accepted request is active"
    );
    assert!(moved[..2].iter().all(|id| active_ids.contains(id)));
    let archived_ids = listed(&state, &admin, UserState::Archived, SortKey::Created, true).await;
    assert!(moved[2..].iter().all(|id| archived_ids.contains(id)));
}
