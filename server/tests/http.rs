//! Wiring tests: the real router on a loopback port, called over HTTP like a browser would.
//! The database is a fresh SQLite file, or PostgreSQL when ROSTER_TEST_POSTGRES is set.
use app::{
    api::{
        account::{ChangeMyPassword, GetMyAccount, RenameMe},
        audit::ListAudit,
        clients::{GetClientLayout, GetOnboarding, ListClients, ListTags, SaveClientLayout},
        error::AppError,
        mail::ListSentEmail,
        session::SignOut,
        team::{GetTeamLayout, ListTeam, ResetTeamLayout},
    },
    domain::{
        audit::AuditQuery,
        team::TeamQuery,
        user::{ClientPage, ClientQuery, MyAccount},
        Column, ColumnLayout, Field, Role, UserState,
    },
    server::{db, seed, settings::Settings, testing::TestDb},
};
use leptos::server_fn::{error::FromServerFnError, ServerFn};
use reqwest::{header, Client, StatusCode};
use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

mod common;

use common::{browser, call, error_of, open_page, post_sign_in, send, sign_in, Call};

const ADMIN: (&str, &str) = ("admin@practice.example", "Admin-pass-2026");
const PRACTITIONER: (&str, &str) = ("coach@practice.example", "Coach-pass-2026");

async fn start() -> common::Running {
    start_with(|_| {}).await
}

async fn start_with(edit: impl FnOnce(&mut Settings)) -> common::Running {
    common::serve_with(practice().await, edit).await
}

/// The demo practice with an Administrator and a Practitioner.
async fn practice() -> TestDb {
    let test_db = TestDb::fresh().await;
    let org_id = seed::seed_demo(&test_db.db, 30).await.unwrap().org_id;
    seed::create_admin(
        &test_db.db,
        seed::DEMO_ORG,
        ADMIN.0,
        ADMIN.1,
        "Ada",
        "Admin",
    )
    .await
    .unwrap();
    // A practitioner: a team member with a password but without the Administrator role.
    common::add_member(
        &test_db,
        org_id,
        PRACTITIONER,
        ("Cole", "Coach"),
        &[Role::Practitioner],
    )
    .await;
    test_db
}

/// The Clients list an admin's first page asks for.
fn first_page() -> ListClients {
    ListClients {
        query: ClientQuery::default(),
    }
}

/// Calls of the server functions only Administrators may call, with arguments that succeed for
/// one.
fn admin_calls() -> Vec<Call> {
    vec![
        Call::of(GetOnboarding {}),
        Call::of(ListSentEmail { page: 1 }),
        Call::of(GetTeamLayout {}),
        Call::of(ResetTeamLayout {}),
        Call::of(ListTeam {
            query: TeamQuery::default(),
        }),
        Call::of(ListAudit {
            query: AuditQuery::default(),
        }),
    ]
}

#[tokio::test]
async fn an_admin_gets_manage_users_data_over_http() {
    let app = start().await;
    let client = browser();
    sign_in(&client, &app.base, ADMIN).await;
    for admin_call in admin_calls() {
        let (status, body) = send(&client, &app.base, &admin_call).await;
        assert_eq!(status, StatusCode::OK, "{}: {body}", admin_call.path);
    }
    let (_, body) = call(&client, &app.base, first_page()).await;
    let page: ClientPage = body.decode();
    assert!(
        page.rows
            .iter()
            .any(|row| row.email.ends_with("@example.com")),
        "the admin sees clients: {page:?}"
    );
}

#[tokio::test]
async fn a_column_layout_saved_over_http_comes_back() {
    let app = start().await;
    let client = browser();
    sign_in(&client, &app.base, ADMIN).await;
    // Part of a layout, as a page that knew fewer columns would save it (postcard writes a
    // struct as its fields in order: `order`, then `hidden`); the server completes it.
    let partial = (
        vec![Column::Tags, Column::Name, Column::Email],
        Vec::<Column>::new(),
    );
    let save = Call {
        path: SaveClientLayout::PATH,
        body: postcard::to_allocvec(&partial).unwrap(),
    };
    let (status, body) = send(&client, &app.base, &save).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = call(&client, &app.base, GetClientLayout {}).await;
    let layout: ColumnLayout = body.decode();
    assert_eq!(
        layout.order()[..4],
        [
            Column::Tags,
            Column::Name,
            Column::Email,
            Column::DateOfBirth
        ]
    );
}

#[tokio::test]
async fn a_practitioner_gets_nothing_from_any_administrator_server_function() {
    let app = start().await;
    let client = browser();
    sign_in(&client, &app.base, PRACTITIONER).await;
    for admin_call in admin_calls() {
        let (status, body) = send(&client, &app.base, &admin_call).await;
        let endpoint = admin_call.path;
        assert!(!status.is_success(), "{endpoint} answered {status}");
        assert_eq!(error_of(&body), AppError::Forbidden, "{endpoint}");
        assert!(
            !body.contains("@example.com") && !body.contains("Lovelace"),
            "{endpoint} leaked data: {body}"
        );
    }
}

#[tokio::test]
async fn a_signed_out_caller_gets_no_manage_users_data() {
    let app = start().await;
    let client = browser();
    let mut calls = admin_calls();
    calls.push(Call::of(first_page()));
    for each in calls {
        let (status, body) = send(&client, &app.base, &each).await;
        let endpoint = each.path;
        assert!(!status.is_success(), "{endpoint} answered {status}");
        assert_eq!(error_of(&body), AppError::Unauthenticated, "{endpoint}");
    }
}

#[tokio::test]
async fn a_cross_site_post_to_a_server_function_is_refused() {
    let app = start().await;
    let client = browser();
    sign_in(&client, &app.base, ADMIN).await;
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let response = client
            .post(format!("{}/api/clients/tags", app.base))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}: {value}");
    }
    let same_origin = client
        .post(format!("{}/api/clients/tags", app.base))
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(same_origin.status(), StatusCode::OK);
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = start().await;
    let client = browser();
    let (s1, unknown) = post_sign_in(
        &client,
        &app.base,
        ("nobody@practice.example", "Whatever-2026"),
    )
    .await;
    let (s2, wrong) = post_sign_in(&client, &app.base, (ADMIN.0, "Wrong-pass-2026")).await;
    assert_eq!((s1, &unknown), (s2, &wrong));
    assert_eq!(error_of(&unknown), AppError::SignInFailed);
}

#[tokio::test]
async fn repeated_failures_block_the_account_even_with_the_right_password() {
    let app = start().await;
    let client = browser();
    for _ in 0..5 {
        post_sign_in(&client, &app.base, (ADMIN.0, "Wrong-pass-2026")).await;
    }
    let (_, body) = post_sign_in(&client, &app.base, ADMIN).await;
    assert_eq!(error_of(&body), AppError::TooManyAttempts);
}

#[tokio::test]
async fn signing_out_kills_the_old_session_cookie() {
    let app = start().await;
    let client = browser();
    let response = client
        .post(format!("{}/api/session/sign_in", app.base))
        .form(&[("email", ADMIN.0), ("password", ADMIN.1)])
        .send()
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let old = cookie.split(';').next().unwrap().to_string();
    call(&client, &app.base, SignOut {}).await;

    let replay = Client::new()
        .post(format!("{}/api/clients/tags", app.base))
        .header(header::COOKIE, old)
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(&common::body_of(replay).await),
        AppError::Unauthenticated
    );
}

/// A session ends after its idle time without requests, not its idle time after sign-in; static
/// files neither count as use nor touch the session. (The waits are the time under test.)
#[tokio::test]
async fn a_session_in_use_outlives_its_idle_time_and_an_unused_one_ends() {
    let app = start_with(|settings| settings.session_idle = Duration::from_secs(3)).await;
    let client = browser();
    sign_in(&client, &app.base, ADMIN).await;

    tokio::time::sleep(Duration::from_millis(1_800)).await;
    let asset = client
        .get(format!("{}/pkg/roster.css", app.base))
        .send()
        .await
        .unwrap();
    assert!(asset.headers().get(header::SET_COOKIE).is_none());
    let used = client
        .post(format!("{}/api/clients/tags", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(used.status(), StatusCode::OK);
    assert!(
        used.headers().get(header::SET_COOKIE).is_some(),
        "past half its idle time, a request renews the session"
    );

    tokio::time::sleep(Duration::from_millis(2_000)).await;
    assert!(
        is_signed_in(&client, &app.base).await,
        "3.8 s after sign-in, 2 s after last use"
    );

    tokio::time::sleep(Duration::from_millis(3_300)).await;
    assert!(
        !is_signed_in(&client, &app.base).await,
        "3.3 s without a request"
    );
}

async fn is_signed_in(client: &Client, base: &str) -> bool {
    let (status, body) = call(client, base, ListTags {}).await;
    status == StatusCode::OK || error_of(&body) != AppError::Unauthenticated
}

#[tokio::test]
async fn manage_users_redirects_signed_out_visitors_and_refuses_practitioners() {
    let app = start().await;
    let anonymous = open_page(&browser(), format!("{}/manage-users", app.base)).await;
    assert_eq!(anonymous.status(), StatusCode::FOUND);
    assert_eq!(anonymous.headers()[header::LOCATION], "/login");

    let client = browser();
    sign_in(&client, &app.base, PRACTITIONER).await;
    let page = open_page(&client, format!("{}/manage-users", app.base)).await;
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("have access to this page"));
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_csp() {
    let app = start().await;
    let page = browser()
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap();
    let headers = page.headers().clone();
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"),
        "{csp}"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
    let html = page.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "scripts carry the CSP nonce"
    );
}

/// A file of the site root served while a page renders leaves the page its own headers.
/// leptos_axum's fallback once answered such a file inside whatever reactive owner its thread
/// had last run, found the rendering page's response options there and took their headers: the
/// page went out with the default CSP, and the browser ran none of its scripts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_site_file_served_while_a_page_renders_leaves_the_page_its_csp() {
    let test_db = practice().await;
    let site = std::env::temp_dir().join(format!("roster-site-{}", std::process::id()));
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(
        site.join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let mut state = test_db.state();
    state.leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("roster")
        .site_root(site.to_string_lossy().to_string())
        .build();
    let app = common::serve_state(test_db, state).await;
    let admin = browser();
    sign_in(&admin, &app.base, ADMIN).await;
    for _ in 0..20 {
        let page = open_page(&admin, format!("{}/manage-users", app.base));
        let files = (0..8).map(|_| admin.get(format!("{}/favicon.svg", app.base)).send());
        let (page, files) = tokio::join!(page, futures::future::join_all(files));
        for file in files {
            let file = file.unwrap();
            assert_eq!(file.status(), StatusCode::OK);
            assert_eq!(file.headers()[header::VARY], "accept-encoding");
            assert_eq!(
                file.text().await.unwrap(),
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
            );
        }
        assert_eq!(page.status(), StatusCode::OK);
        let csp = page.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_string();
        assert!(csp.contains("'nonce-"), "the page went out with {csp}");
        assert!(page.text().await.unwrap().contains("Manage Users"));
    }
    std::fs::remove_dir_all(&site).ok();
}

/// Listing the app's routes switches resource loading off for the whole process (see
/// `server::router`'s `routes`); tests build a router each beside other tests' pages, and a CI
/// run stalled on a page that was never answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_answered_while_another_router_is_built() {
    let app = start().await;
    let admin = browser();
    sign_in(&admin, &app.base, ADMIN).await;
    let building = Building(Arc::new(AtomicBool::new(true)));
    let builder = tokio::task::spawn_blocking({
        let building = building.0.clone();
        let (state, sessions) = (app.db.state(), app.db.sessions.clone());
        move || {
            while building.load(Ordering::Relaxed) {
                drop(server::router(state.clone(), sessions.clone()));
            }
        }
    });
    for _ in 0..20 {
        let page = tokio::time::timeout(Duration::from_secs(15), async {
            open_page(&admin, format!("{}/manage-users", app.base))
                .await
                .text()
                .await
                .unwrap()
        })
        .await
        .expect("a page went unanswered while a router was built");
        assert!(page.contains("Manage Users"));
    }
    drop(building);
    builder.await.unwrap();
}

/// Stops the routers being built when dropped, a failing test's too.
struct Building(Arc<AtomicBool>);

impl Drop for Building {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

#[tokio::test]
async fn healthz_reports_the_database_reachable() {
    let app = start().await;
    let response = browser()
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains("reachable"));
}

#[tokio::test]
async fn a_duplicate_email_reaches_the_browser_as_a_conflict_without_sql_text() {
    let test_db = TestDb::fresh().await;
    let org = seed::ensure_org(&test_db.db, "Dup Practice").await.unwrap();
    let user = |email: &'static str| db::users::NewUser {
        org_id: org,
        kind: app::domain::user::UserKind::Client,
        first_name: "Ada",
        last_name: "Lovelace",
        email,
        date_of_birth: None,
        sex_at_birth: None,
        external_id: None,
        state: app::domain::UserState::Active,
        registered: false,
        pending_kind: None,
        is_owner: false,
        password_hash: None,
    };
    let mut conn = test_db.db.pool().acquire().await.unwrap();
    db::users::insert(&mut conn, &user("ada@example.com"), 1)
        .await
        .unwrap();
    let error: AppError = db::users::insert(&mut conn, &user("ada@example.com"), 2)
        .await
        .unwrap_err()
        .into();
    assert_eq!(error, AppError::Conflict(Field::Email));
    // The exact bytes a server function sends to the browser for this error.
    let wire = String::from_utf8_lossy(&error.ser()).into_owned();
    for leak in [
        "UNIQUE",
        "unique",
        "constraint",
        "users",
        "INSERT",
        "duplicate key",
    ] {
        assert!(!wire.contains(leak), "{wire} leaks {leak}");
    }
}

#[tokio::test]
async fn an_archived_client_can_sign_in_and_look_but_every_change_is_refused() {
    use app::{
        domain::{
            client_actions::{BulkTarget, ClientAction},
            client_details::ClientDraft,
        },
        server::{auth::Admin, client_actions, signup},
    };
    let test_db = TestDb::fresh().await;
    let org_id = seed::seed_demo(&test_db.db, 5).await.unwrap().org_id;
    let admin_id = seed::create_admin(
        &test_db.db,
        seed::DEMO_ORG,
        ADMIN.0,
        ADMIN.1,
        "Ada",
        "Admin",
    )
    .await
    .unwrap();
    let state = test_db.state();
    let draft = ClientDraft {
        first_name: "Arch".into(),
        last_name: "Ived".into(),
        email: "arch@client.example".into(),
        date_of_birth: "1990-01-01".into(),
        sex_at_birth: "male".into(),
        external_id: String::new(),
    };
    signup::request(
        &state,
        "harbor-health-coaching",
        draft,
        "Arch-pass-2026!",
        None,
    )
    .await
    .unwrap();
    let id: i64 = sqlx::query("SELECT id FROM users WHERE email = 'arch@client.example'")
        .fetch_one(test_db.db.pool())
        .await
        .map(|r| sqlx::Row::get(&r, 0))
        .unwrap();
    let admin = Admin {
        user_id: admin_id,
        org_id,
    };
    client_actions::apply(
        &state,
        &admin,
        BulkTarget::Ids(vec![id]),
        ClientAction::AcceptRequests,
    )
    .await
    .unwrap();
    client_actions::apply(
        &state,
        &admin,
        BulkTarget::Ids(vec![id]),
        ClientAction::Archive,
    )
    .await
    .unwrap();

    drop(state);
    let app = common::serve(test_db).await;
    let base = app.base.clone();
    let client = browser();
    sign_in(&client, &base, ("arch@client.example", "Arch-pass-2026!")).await;
    let (status, body) = call(&client, &base, GetMyAccount {}).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let account: MyAccount = body.decode();
    assert_eq!(account.user.state, UserState::Archived);
    let rename = RenameMe {
        version: 1,
        first_name: "New".into(),
        last_name: "Name".into(),
    };
    let (_, renamed) = call(&client, &base, rename).await;
    assert_eq!(error_of(&renamed), AppError::ReadOnly);
    let change = ChangeMyPassword {
        current: "Arch-pass-2026!".into(),
        new: "Other-pass-2026!".into(),
    };
    let (_, changed) = call(&client, &base, change).await;
    assert_eq!(error_of(&changed), AppError::ReadOnly);
    let (_, listed) = call(&client, &base, ListTags {}).await;
    assert_eq!(error_of(&listed), AppError::Forbidden);
}
