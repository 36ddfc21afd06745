//! Team members on both engines: roles and their rules, disconnecting, invitations, security
//! tags (what a Practitioner can reach through every server function), the plan page and the
//! audit trail of it all.
use app::{
    api::{
        clients::{ApplyClientAction, GetClient, ListClients, ViewRegistrationCode},
        error::AppError,
        plan::{GetPlan, SetClientLimit},
        session::GetCurrentUser,
        team::GetTeamLayout,
    },
    domain::{
        client_actions::{BulkTarget, ClientAction},
        client_details::ClientDraft,
        new_client::NewClientDraft,
        plan::Plan,
        team::{NewMemberDraft, TeamAction, TeamMemberDraft, TeamQuery},
        user::{ClientPage, ClientQuery, CurrentUser},
        Field, Role, UserState,
    },
    server::{auth::Admin, clients, db, invitations, registration, seed, team, testing::TestDb},
};
use sqlx::Row;

mod common;

use common::{browser, call, error_of, post_sign_in, sign_in};

const OWNER: (&str, &str) = ("owner@solo.example", "Owner-pass-2026");

/// A practice of its own whose only Administrator is its Owner.
async fn solo_practice() -> (TestDb, Admin) {
    let test_db = TestDb::fresh().await;
    let user_id = seed::create_admin(
        &test_db.db,
        "Solo Practice",
        OWNER.0,
        OWNER.1,
        "Olive",
        "Owner",
    )
    .await
    .unwrap();
    let org_id = seed::ensure_org(&test_db.db, "Solo Practice")
        .await
        .unwrap();
    (test_db, Admin { user_id, org_id })
}

fn member(first: &str, email: &str, roles: &[Role]) -> NewMemberDraft {
    NewMemberDraft {
        details: TeamMemberDraft {
            first_name: first.into(),
            last_name: "Member".into(),
            email: email.into(),
        },
        roles: roles.to_vec(),
        send_code: false,
    }
}

async fn id_of(test_db: &TestDb, email: &str) -> i64 {
    sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(test_db.db.pool())
        .await
        .unwrap()
        .get(0)
}

async fn audit_actions(test_db: &TestDb, subject: i64) -> Vec<String> {
    sqlx::query("SELECT action FROM audit_log WHERE subject_user_id = $1 ORDER BY id")
        .bind(subject)
        .fetch_all(test_db.db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[tokio::test]
async fn a_member_added_with_two_roles_keeps_them_and_roles_change_at_once() {
    let (test_db, owner) = solo_practice().await;
    let state = test_db.state();
    team::create(
        &state,
        &owner,
        vec![member(
            "Maya",
            "maya@solo.example",
            &[Role::Practitioner, Role::BillingAdministrator],
        )],
    )
    .await
    .unwrap();
    let maya = id_of(&test_db, "maya@solo.example").await;
    assert_eq!(
        team::get(&state, &owner, maya).await.unwrap().roles,
        vec![Role::Practitioner, Role::BillingAdministrator]
    );
    let changed = team::set_roles(
        &state,
        &owner,
        maya,
        vec![Role::Practitioner, Role::Administrator],
    )
    .await
    .unwrap();
    assert_eq!(changed.roles, vec![Role::Practitioner, Role::Administrator]);
    assert_eq!(
        audit_actions(&test_db, maya).await,
        ["team_member_created", "roles_changed"]
    );
    let detail: String = sqlx::query(
        "SELECT detail FROM audit_log WHERE action = 'roles_changed' AND subject_user_id = $1",
    )
    .bind(maya)
    .fetch_one(test_db.db.pool())
    .await
    .unwrap()
    .get(0);
    assert_eq!(
        detail,
        "Practitioner and Administrator (was Practitioner and Billing Administrator)"
    );
}

#[tokio::test]
async fn the_last_administrator_cannot_lose_the_role_nor_the_owner_be_demoted_or_removed() {
    let (test_db, owner) = solo_practice().await;
    let state = test_db.state();
    let refused = team::set_roles(&state, &owner, owner.user_id, vec![Role::Practitioner])
        .await
        .unwrap_err();
    let AppError::Invalid(invalid) = refused else {
        panic!("expected a refusal, got {refused:?}");
    };
    assert_eq!(invalid.field, Field::Role);
    assert!(
        invalid.message.contains("at least one Administrator"),
        "{}",
        invalid.message
    );

    // With a second Administrator the Owner still stays one, and cannot be archived or deleted.
    team::create(
        &state,
        &owner,
        vec![member("Ann", "ann@solo.example", &[Role::Administrator])],
    )
    .await
    .unwrap();
    let refused = team::set_roles(&state, &owner, owner.user_id, vec![Role::Practitioner])
        .await
        .unwrap_err();
    assert_eq!(
        refused,
        AppError::Invalid(app::domain::Invalid::new(
            Field::Role,
            "The Owner is always an Administrator."
        ))
    );
    for action in [TeamAction::Disconnect, TeamAction::Archive] {
        let refused = team::apply(&state, &owner, vec![owner.user_id], action)
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("is the Owner"), "{refused}");
    }
    assert_eq!(
        team::get(&state, &owner, owner.user_id)
            .await
            .unwrap()
            .state,
        UserState::Active
    );
}

#[tokio::test]
async fn two_administrators_cannot_both_be_archived_when_they_are_the_last() {
    let test_db = TestDb::fresh().await;
    let org_id = seed::ensure_org(&test_db.db, "No Owner Practice")
        .await
        .unwrap();
    // A practice without an Owner (made before owners existed): only the last-admin rule guards it.
    let a = common::add_member(
        &test_db,
        org_id,
        ("a@x.example", "Pass-word-1"),
        ("A", "One"),
        &[Role::Administrator],
    )
    .await;
    let b = common::add_member(
        &test_db,
        org_id,
        ("b@x.example", "Pass-word-1"),
        ("B", "Two"),
        &[Role::Administrator],
    )
    .await;
    let state = test_db.state();
    let admin = Admin { user_id: a, org_id };
    let refused = team::apply(&state, &admin, vec![a, b], TeamAction::Archive)
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("at least one Administrator"),
        "{refused}"
    );
    team::apply(&state, &admin, vec![b], TeamAction::Archive)
        .await
        .unwrap();
    assert_eq!(
        team::get(&state, &admin, b).await.unwrap().state,
        UserState::Archived
    );
}

#[tokio::test]
async fn changing_roles_or_disconnecting_ends_the_members_open_sessions() {
    let (test_db, owner) = solo_practice().await;
    let org_id = owner.org_id;
    let luis = common::add_member(
        &test_db,
        org_id,
        ("luis@solo.example", "Luis-pass-2026"),
        ("Luis", "Fernandez"),
        &[Role::Practitioner],
    )
    .await;
    let app = common::serve(test_db).await;
    let state = app.db.state();

    let member = browser();
    sign_in(&member, &app.base, ("luis@solo.example", "Luis-pass-2026")).await;
    let (status, _) = call(&member, &app.base, GetCurrentUser {}).await;
    assert!(status.is_success());
    team::set_roles(
        &state,
        &owner,
        luis,
        vec![Role::Practitioner, Role::BillingAdministrator],
    )
    .await
    .unwrap();
    let (_, body) = call(&member, &app.base, GetPlan {}).await;
    assert_eq!(
        error_of(&body),
        AppError::Unauthenticated,
        "the old session is over"
    );

    sign_in(&member, &app.base, ("luis@solo.example", "Luis-pass-2026")).await;
    let (status, body) = call(&member, &app.base, GetPlan {}).await;
    assert!(
        status.is_success(),
        "a fresh session has the new role: {body}"
    );

    let outcome = team::apply(&state, &owner, vec![luis], TeamAction::Disconnect)
        .await
        .unwrap();
    assert_eq!(outcome.done, 1);
    let (_, body) = call(&member, &app.base, GetPlan {}).await;
    assert_eq!(error_of(&body), AppError::Unauthenticated);
    let (_, body) = post_sign_in(&member, &app.base, ("luis@solo.example", "Luis-pass-2026")).await;
    let signed_in_again: CurrentUser = body.decode();
    assert_eq!(
        signed_in_again.state,
        UserState::Archived,
        "an archived member is read-only"
    );
    assert_eq!(
        audit_actions(&app.db, luis).await,
        [
            "signed_in",
            "roles_changed",
            "signed_in",
            "team_member_disconnected",
            "signed_in"
        ]
    );
}

/// A practice with tags A and B; clients tagged only A, only B, and both; a Practitioner whose
/// security tag is A.
struct Tagged {
    app: common::Running,
    only_a: i64,
    only_b: i64,
    both: i64,
}

const COACH: (&str, &str) = ("coach@solo.example", "Coach-pass-2026");

async fn tagged_practice() -> Tagged {
    let (test_db, owner) = solo_practice().await;
    let state = test_db.state();
    let client = |first: &str, last: &str, tags: &[&str]| NewClientDraft {
        details: ClientDraft {
            first_name: first.into(),
            last_name: last.into(),
            email: format!("{}@clients.example", first.to_lowercase()),
            date_of_birth: "1980-01-02".into(),
            sex_at_birth: "female".into(),
            external_id: format!("EXT-{first}"),
        },
        tags: tags.iter().map(|t| t.to_string()).collect(),
        send_code: false,
    };
    clients::create(
        &state,
        &owner,
        vec![
            client("Alma", "Acorn", &["Alpha"]),
            client("Bea", "Birch", &["Beta"]),
            client("Cora", "Cedar", &["Alpha", "Beta"]),
        ],
    )
    .await
    .unwrap();
    let coach = common::add_member(
        &test_db,
        owner.org_id,
        COACH,
        ("Cole", "Coach"),
        &[Role::Practitioner],
    )
    .await;
    let alpha: i64 = sqlx::query("SELECT id FROM tags WHERE name = 'Alpha'")
        .fetch_one(test_db.db.pool())
        .await
        .unwrap()
        .get(0);
    team::set_security_tags(&state, &owner, coach, vec![alpha])
        .await
        .unwrap();
    let (only_a, only_b, both) = (
        id_of(&test_db, "alma@clients.example").await,
        id_of(&test_db, "bea@clients.example").await,
        id_of(&test_db, "cora@clients.example").await,
    );
    Tagged {
        app: common::serve(test_db).await,
        only_a,
        only_b,
        both,
    }
}

fn list_query(search: &str, tag: Option<i64>) -> ClientQuery {
    ClientQuery {
        search: search.into(),
        tag,
        ..ClientQuery::default()
    }
}

async fn listed(
    client: &reqwest::Client,
    base: &str,
    search: &str,
    tag: Option<i64>,
) -> ClientPage {
    let query = list_query(search, tag);
    let (status, body) = call(client, base, ListClients { query }).await;
    assert!(status.is_success(), "{body}");
    body.decode()
}

fn emails(page: &ClientPage) -> Vec<String> {
    page.rows.iter().map(|r| r.email.clone()).collect()
}

#[tokio::test]
async fn a_practitioner_with_security_tag_a_never_reaches_a_client_tagged_only_b() {
    let Tagged {
        app,
        only_a,
        only_b,
        both,
    } = tagged_practice().await;
    let coach = browser();
    sign_in(&coach, &app.base, COACH).await;

    // List and count: the B-only client is simply not there.
    let page = listed(&coach, &app.base, "", None).await;
    assert_eq!(
        emails(&page),
        ["alma@clients.example", "cora@clients.example"]
    );
    assert_eq!(page.matching, 2);
    assert_eq!(page.counts.active, 2);
    assert_eq!(
        page.client_limit, 0,
        "the plan is not a practitioner's business"
    );

    // Search by name, email and external ID: no trace of Bea.
    for term in ["bea", "Birch", "bea@clients", "EXT-Bea"] {
        let found = listed(&coach, &app.base, term, None).await;
        assert_eq!(emails(&found), Vec::<String>::new(), "search {term}");
        assert_eq!(found.matching, 0, "search {term}");
    }
    // The tag filter B shows only the client carrying both tags.
    let beta: i64 = sqlx::query("SELECT id FROM tags WHERE name = 'Beta'")
        .fetch_one(app.db.db.pool())
        .await
        .unwrap()
        .get(0);
    let by_tag = listed(&coach, &app.base, "", Some(beta)).await;
    assert_eq!(emails(&by_tag), ["cora@clients.example"]);
    assert_eq!(by_tag.matching, 1);

    // Fetching by id: found inside the scope, NotFound (never Forbidden) outside it.
    for (id, visible) in [(only_a, true), (both, true), (only_b, false)] {
        let (status, body) = call(&coach, &app.base, GetClient { id }).await;
        if visible {
            assert!(status.is_success(), "{body}");
        } else {
            assert_eq!(error_of(&body), AppError::NotFound);
            assert!(!body.contains("bea"), "{body}");
        }
    }
    // Every server function that changes clients is an Administrator's.
    let archive = ApplyClientAction {
        target: BulkTarget::Ids(vec![only_b]),
        action: ClientAction::Archive,
    };
    let (_, body) = call(&coach, &app.base, archive).await;
    assert_eq!(error_of(&body), AppError::Forbidden);
    let (_, body) = call(&coach, &app.base, ViewRegistrationCode { id: only_b }).await;
    assert_eq!(error_of(&body), AppError::Forbidden);

    // The Administrator still sees all three.
    let admin = browser();
    sign_in(&admin, &app.base, OWNER).await;
    assert_eq!(listed(&admin, &app.base, "", None).await.matching, 3);
}

#[tokio::test]
async fn a_practitioner_without_security_tags_sees_every_active_client_and_nothing_else() {
    let Tagged { app, .. } = tagged_practice().await;
    let coach_id = id_of(&app.db, COACH.0).await;
    db::security_tags::replace(
        &mut app.db.db.pool().acquire().await.unwrap(),
        coach_id,
        &[],
    )
    .await
    .unwrap();
    let coach = browser();
    sign_in(&coach, &app.base, COACH).await;
    assert_eq!(listed(&coach, &app.base, "", None).await.matching, 3);
    // Asking for archived clients still answers with the active view.
    let query = ClientQuery {
        state: UserState::Archived,
        ..ClientQuery::default()
    };
    let (_, body) = call(&coach, &app.base, ListClients { query }).await;
    assert!(body.contains("alma@clients.example"), "{body}");
}

#[tokio::test]
async fn an_invited_team_member_accepts_and_becomes_active_with_the_invited_roles() {
    let (test_db, owner) = solo_practice().await;
    let state = test_db.state();
    team::invite(
        &state,
        &owner,
        "nia@solo.example",
        &[Role::Practitioner, Role::BillingAdministrator],
        "",
    )
    .await
    .unwrap();
    let nia = id_of(&test_db, "nia@solo.example").await;
    let pending = team::list(
        &state,
        &owner,
        TeamQuery {
            state: UserState::Pending,
            ..TeamQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(pending.rows.len(), 1);
    assert_eq!(pending.counts.pending, 1);
    let body: String =
        sqlx::query("SELECT body_text FROM outbox WHERE to_address = 'nia@solo.example'")
            .fetch_one(test_db.db.pool())
            .await
            .unwrap()
            .get(0);
    assert!(body.contains("Accept Invitation"), "{body}");
    let token = body
        .split("/invitation#token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert!(invitations::lookup(&state, &token).await.unwrap().team);
    let names = ClientDraft {
        first_name: "Nia".into(),
        last_name: "Nakamura".into(),
        ..ClientDraft::default()
    };
    invitations::accept(&state, &token, names, "Nia-pass-2026!")
        .await
        .unwrap();
    let nia_now = team::get(&state, &owner, nia).await.unwrap();
    assert_eq!(nia_now.state, UserState::Active);
    assert_eq!(nia_now.full_name(), "Nia Nakamura");
    assert_eq!(
        nia_now.roles,
        vec![Role::Practitioner, Role::BillingAdministrator]
    );
    assert_eq!(
        audit_actions(&test_db, nia).await,
        ["team_member_invited", "invitation_accepted"]
    );
}

#[tokio::test]
async fn a_team_member_registers_with_their_code_and_their_email_address() {
    let (test_db, owner) = solo_practice().await;
    let state = test_db.state();
    let mut row = member("Ravi", "ravi@solo.example", &[Role::Practitioner]);
    row.send_code = true;
    team::create(&state, &owner, vec![row]).await.unwrap();
    let body: String =
        sqlx::query("SELECT body_text FROM outbox WHERE to_address = 'ravi@solo.example'")
            .fetch_one(test_db.db.pool())
            .await
            .unwrap()
            .get(0);
    assert!(body.contains("&who=team"), "{body}");
    let code = body
        .split("Your registration code: ")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    let wrong = registration::Proof {
        date_of_birth: "",
        email: "someone@else.example",
    };
    assert_eq!(
        registration::register(&state, &code, wrong, "Ravi-pass-2026!", None)
            .await
            .unwrap_err(),
        AppError::RegistrationFailed
    );
    let right = registration::Proof {
        date_of_birth: "",
        email: " RAVI@solo.example ",
    };
    registration::register(&state, &code, right, "Ravi-pass-2026!", None)
        .await
        .unwrap();
    let ravi = id_of(&test_db, "ravi@solo.example").await;
    assert!(team::get(&state, &owner, ravi).await.unwrap().registered);
}

#[tokio::test]
async fn billing_administrators_change_the_client_limit_and_nothing_of_manage_users() {
    let (test_db, owner) = solo_practice().await;
    common::add_member(
        &test_db,
        owner.org_id,
        ("bill@solo.example", "Bill-pass-2026"),
        ("Bill", "Ing"),
        &[Role::BillingAdministrator],
    )
    .await;
    let app = common::serve(test_db).await;
    let billing = browser();
    sign_in(&billing, &app.base, ("bill@solo.example", "Bill-pass-2026")).await;
    let limit = SetClientLimit {
        limit: "1,500".into(),
    };
    let (status, body) = call(&billing, &app.base, limit).await;
    assert!(status.is_success(), "{body}");
    let plan: Plan = body.decode();
    assert_eq!(plan.client_limit, 1500);
    let query = ClientQuery::default();
    let (_, body) = call(&billing, &app.base, ListClients { query }).await;
    assert_eq!(error_of(&body), AppError::Forbidden);
    let (_, body) = call(&billing, &app.base, GetTeamLayout {}).await;
    assert_eq!(error_of(&body), AppError::Forbidden);
    let limit = SetClientLimit { limit: "-3".into() };
    let (_, body) = call(&billing, &app.base, limit).await;
    assert!(matches!(error_of(&body), AppError::Invalid(_)), "{body}");
    let changes: i64 =
        sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'client_limit_changed'")
            .fetch_one(app.db.db.pool())
            .await
            .unwrap()
            .get(0);
    assert_eq!(changes, 1);
}

#[tokio::test]
async fn security_tag_changes_are_audited_and_only_the_organizations_tags_count() {
    let Tagged { app, .. } = tagged_practice().await;
    let state = app.db.state();
    let coach = id_of(&app.db, COACH.0).await;
    let owner = Admin {
        user_id: id_of(&app.db, OWNER.0).await,
        org_id: seed::ensure_org(&app.db.db, "Solo Practice").await.unwrap(),
    };
    assert_eq!(
        team::set_security_tags(&state, &owner, coach, vec![987_654])
            .await
            .unwrap_err(),
        AppError::Stale
    );
    let detail: String = sqlx::query("SELECT detail FROM audit_log WHERE action = 'security_tags_changed' AND subject_user_id = $1")
        .bind(coach)
        .fetch_one(app.db.db.pool())
        .await
        .unwrap()
        .get(0);
    assert_eq!(detail, "Alpha (was none (sees every client))");
}
