//! What the HTTP wiring tests share: the real router on a loopback port, a cookie-keeping
//! client, server function calls and team members who can sign in. Each test binary uses a
//! part of it, hence the allowance below.
#![allow(dead_code)]
use app::{
    api::error::AppError,
    domain::{user::UserKind, Role, UserState},
    server::{db, password, settings::Settings, testing::TestDb, AppState},
};
use leptos::server_fn::ServerFn;
use reqwest::{header, Client, StatusCode};
use serde::Serialize;

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

/// A server function's answer body, in the server functions' wire format (postcard).
#[derive(Debug, PartialEq)]
pub struct Body(pub Vec<u8>);

impl Body {
    /// The answer as the browser reads it.
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> T {
        postcard::from_bytes(&self.0).unwrap_or_else(|e| panic!("unreadable answer ({e}): {self}"))
    }

    /// Whether `text` appears anywhere in the bytes (postcard keeps strings as UTF-8).
    pub fn contains(&self, text: &str) -> bool {
        self.0
            .windows(text.len().max(1))
            .any(|window| window == text.as_bytes())
    }
}

impl std::fmt::Display for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.0))
    }
}

/// A server function call as the browser makes it: the function's address and its arguments
/// (its generated argument struct: `ListClients { query }` for `list_clients`) in postcard.
pub struct Call {
    pub path: &'static str,
    pub body: Vec<u8>,
}

impl Call {
    pub fn of<F: ServerFn + Serialize>(args: F) -> Self {
        Call {
            path: F::PATH,
            body: postcard::to_allocvec(&args).unwrap(),
        }
    }
}

/// Sends `call` and reads the answer.
pub async fn send(client: &Client, base: &str, call: &Call) -> (StatusCode, Body) {
    let response = client
        .post(format!("{base}{}", call.path))
        .header(header::CONTENT_TYPE, "application/x-postcard")
        .body(call.body.clone())
        .send()
        .await
        .unwrap();
    (response.status(), body_of(response).await)
}

/// Calls the server function whose arguments `args` are.
pub async fn call<F: ServerFn + Serialize>(
    client: &Client,
    base: &str,
    args: F,
) -> (StatusCode, Body) {
    send(client, base, &Call::of(args)).await
}

/// Signs in as the sign-in form does (form-encoded, the one such server function).
pub async fn post_sign_in(
    client: &Client,
    base: &str,
    (email, password): (&str, &str),
) -> (StatusCode, Body) {
    let response = client
        .post(format!("{base}/api/session/sign_in"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    (response.status(), body_of(response).await)
}

pub async fn body_of(response: reqwest::Response) -> Body {
    Body(response.bytes().await.unwrap().to_vec())
}

pub async fn sign_in(client: &Client, base: &str, credentials: (&str, &str)) {
    let (status, body) = post_sign_in(client, base, credentials).await;
    assert!(status.is_success(), "sign-in failed: {status} {body}");
}

pub fn error_of(body: &Body) -> AppError {
    body.decode()
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
