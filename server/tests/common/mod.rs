//! What the HTTP wiring tests share: the real router on a loopback port, a cookie-keeping
//! client, server function calls and team members who can sign in. Each test binary uses a
//! part of it, hence the allowance below.
#![allow(dead_code)]
use app::{
    api::error::AppError,
    domain::{user::UserKind, Role, UserState},
    server::{db, password, settings::Settings, testing::TestDb, AppState},
};
use reqwest::{header, Client, StatusCode};

/// The router serving `test_db`, and its address.
pub struct Running {
    pub base: String,
    pub db: TestDb,
}

pub async fn serve(test_db: TestDb) -> Running {
    serve_with(test_db, |_| {}).await
}

/// `serve` with test settings changed by `edit` (a short session idle time, say).
pub async fn serve_with(test_db: TestDb, edit: impl FnOnce(&mut Settings)) -> Running {
    let state = test_db.state_with(edit);
    serve_state(test_db, state).await
}

/// Serves `test_db` with a state of the caller's making (its own site files, say).
pub async fn serve_state(test_db: TestDb, state: AppState) -> Running {
    let router = server::router(state, test_db.sessions.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    Running { base, db: test_db }
}

/// A cookie-keeping client that does not follow redirects.
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Loads a page the way a browser navigation does (asking for HTML).
pub async fn open_page(client: &Client, url: String) -> reqwest::Response {
    client
        .get(url)
        .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
        .send()
        .await
        .unwrap()
}

/// Calls a server function that takes form-encoded arguments.
pub async fn call(
    client: &Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let response = client
        .post(format!("{base}/api/{endpoint}"))
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Calls a server function that takes JSON arguments.
pub async fn call_json(
    client: &Client,
    base: &str,
    endpoint: &str,
    body: serde_json::Value,
) -> (StatusCode, String) {
    let response = client
        .post(format!("{base}/api/{endpoint}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

pub async fn sign_in(client: &Client, base: &str, (email, password): (&str, &str)) {
    let (status, body) = call(
        client,
        base,
        "session/sign_in",
        &[("email", email), ("password", password)],
    )
    .await;
    assert!(status.is_success(), "sign-in failed: {status} {body}");
}

pub fn error_of(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not an AppError: {body}"))
}

/// An active team member with these roles who signs in with `password`.
pub async fn add_member(
    test_db: &TestDb,
    org_id: i64,
    (email, password): (&str, &str),
    name: (&str, &str),
    roles: &[Role],
) -> i64 {
    let hash = password::hash(&app::domain::password::Password::parse(password).unwrap())
        .await
        .unwrap();
    let mut conn = test_db.db.pool().acquire().await.unwrap();
    let user = db::users::NewUser {
        org_id,
        kind: UserKind::Team,
        first_name: name.0,
        last_name: name.1,
        email,
        date_of_birth: None,
        sex_at_birth: None,
        external_id: None,
        state: UserState::Active,
        pending_kind: None,
        registered: true,
        is_owner: false,
        password_hash: Some(hash),
    };
    let id = db::users::insert(&mut conn, &user, 1).await.unwrap();
    db::team_roles::replace(&mut conn, id, roles).await.unwrap();
    id
}
