//! The HTTP server: Roster's router with sessions, security headers and `/healthz`.
use app::{
    domain::import::MAX_FILE_BYTES,
    server::{
        auth::{self, Backend},
        export, import, security,
        session_store::SessionBackend,
        AppState,
    },
    shell, App,
};
use axum::{
    extract::{DefaultBodyLimit, State},
    http::StatusCode,
    middleware,
    response::IntoResponse,
    routing::{get, post},
    Json, Router,
};
use axum_login::{
    tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer},
    AuthManagerLayerBuilder,
};
use http::{
    header::{CACHE_CONTROL, VARY},
    HeaderValue,
};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use tower_http::{
    compression::CompressionLayer,
    services::ServeDir,
    set_header::{SetResponseHeader, SetResponseHeaderLayer},
    trace::TraceLayer,
};

/// Rust's allocations go to mimalloc, for the server binary, the benchmark and the tests alike.
/// A list request allocates a few hundred times (JSON, rows, the session, the response); with
/// the system allocator that was 16% of the CPU at concurrency 8 (stop 18's profile). SQLite's
/// own allocations stay with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub fn router(state: AppState, sessions: SessionBackend) -> Router {
    let routes = routes();
    let idle =
        axum_login::tower_sessions::cookie::time::Duration::try_from(state.settings.session_idle)
            .unwrap_or(axum_login::tower_sessions::cookie::time::Duration::HOUR);
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name("roster_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.settings.secure_cookies())
        .with_expiry(Expiry::OnInactivity(idle));
    let auth_layer =
        AuthManagerLayerBuilder::new(Backend::new(state.db.clone()), session_layer).build();

    let mut router = Router::new()
        .route(
            "/api/clients/import/upload",
            post(import::upload).layer(DefaultBodyLimit::max(
                usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX),
            )),
        )
        .route("/clients/export.csv", get(export::export))
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::keep_session_alive,
        ))
        .layer(auth_layer)
        // Added after the session layers, so neither reads a session: the wasm, JS and CSS,
        // and the health check, cost no database read.
        .route("/healthz", get(healthz))
        .nest_service("/pkg", pkg_files(&state))
        .merge(site_files(&state))
        .layer(middleware::from_fn(security::refuse_cross_site));
    for (name, value) in security::static_headers(state.settings.secure_cookies()) {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    router
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The app's routes, listed once per process. Listing them renders the app with resource loading
/// switched off, and leptos_server's switch for that is one flag for the whole process: a page
/// rendering meanwhile whose resource first ran then waited for ever, unanswered. A server builds
/// one router, but the tests build many beside pages being served, and a CI run stalled on it.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The wasm, JavaScript and CSS. Content-hashed names never change content, so the browser
/// keeps them a year; without hashes it asks again each time.
fn pkg_files(state: &AppState) -> Router {
    let options = &state.leptos_options;
    let dir = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Router::new().fallback_service(files_in(&dir, cache))
}

/// The files at the top of the site root (the favicon, the CSV templates), each at its own path.
/// They are not left to leptos_axum's fallback: it answers a file inside the reactive owner its
/// thread last ran, which can be a page still rendering, and gives the file that page's response
/// headers: the page then went out with the default CSP and the browser ran none of its scripts.
fn site_files(state: &AppState) -> Router<AppState> {
    let root = std::path::Path::new(&*state.leptos_options.site_root);
    let files = files_in(root, "no-cache");
    let mut router = Router::new();
    let Ok(entries) = std::fs::read_dir(root) else {
        return router;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if path.is_file() && !name.ends_with(".br") && !name.ends_with(".gz") {
            router = router.route_service(&format!("/{name}"), files.clone());
        }
    }
    router
}

/// Files under `dir` by request path, each sent as the brotli or gzip copy the release build made
/// beside it (`--precompress`) when the browser takes it, saying so to shared caches (Vary).
fn files_in(
    dir: &std::path::Path,
    cache: &'static str,
) -> SetResponseHeader<SetResponseHeader<ServeDir, HeaderValue>, HeaderValue> {
    tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static(cache),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
}

async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "database": "reachable" })),
        ),
        Err(error) => {
            tracing::error!(%error, "health check could not reach the database");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable", "database": "unreachable" })),
            )
        }
    }
}
