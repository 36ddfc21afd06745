//! Roster's benchmark: seeds an organization with N clients (once; the database is kept and
//! reused), serves the real router on a loopback port, signs in as an Administrator and calls
//! the server functions over HTTP like the browser does. Prints p50/p95/p99 and requests/s per
//! operation, as a table and as JSON.
//!
//! cargo bench -p server --bench roster -- --clients 100000 --engine sqlite --requests 200 --concurrency 1,8
use app::server::{db::Db, seed, settings::Settings, AppState};
use leptos::config::LeptosOptions;
use reqwest::Client;
use sqlx::{Connection, Executor, PgConnection, Row};
use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

const ADMIN: (&str, &str) = ("bench-admin@roster.example", "Bench-admin-2026");

struct Options {
    clients: u64,
    engine: String,
    requests: usize,
    concurrency: Vec<usize>,
    json: Option<String>,
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |key: &str| {
        args.iter()
            .position(|a| a == key)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if args.iter().any(|a| a == "--help") {
        println!("--clients N (100000)  --engine sqlite|postgres (sqlite)  --requests N per operation (200)\n\
                  --concurrency 1,8 (1,8)  --json FILE (also write the results as JSON)\n\
                  ROSTER_BENCH_DIR (/var/tmp/roster-bench) keeps SQLite files; ROSTER_TEST_POSTGRES names the server.");
        std::process::exit(0);
    }
    Options {
        clients: get("--clients")
            .and_then(|v| v.parse().ok())
            .unwrap_or(100_000),
        engine: get("--engine").unwrap_or_else(|| "sqlite".into()),
        requests: get("--requests")
            .and_then(|v| v.parse().ok())
            .unwrap_or(200),
        concurrency: get("--concurrency")
            .unwrap_or_else(|| "1,8".into())
            .split(',')
            .filter_map(|c| c.trim().parse().ok())
            .collect(),
        json: get("--json"),
    }
}

/// The database for N clients on this engine: created and seeded the first time, reused after.
async fn database(options: &Options) -> (Db, app::server::session_store::SessionBackend) {
    let url = match options.engine.as_str() {
        "postgres" => {
            let admin_url = std::env::var("ROSTER_TEST_POSTGRES")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            let name = format!("roster_bench_{}", options.clients);
            let mut admin = PgConnection::connect(&admin_url)
                .await
                .expect("connect to PostgreSQL");
            let exists = sqlx::query("SELECT 1 FROM pg_database WHERE datname = $1")
                .bind(&name)
                .fetch_optional(&mut admin)
                .await
                .expect("look for the bench database")
                .is_some();
            if !exists {
                admin
                    .execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create the bench database");
            }
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or(admin_url);
            format!("{base}/{name}")
        }
        _ => {
            let dir = std::env::var("ROSTER_BENCH_DIR")
                .unwrap_or_else(|_| "/var/tmp/roster-bench".into());
            format!("sqlite://{dir}/roster-{}.db", options.clients)
        }
    };
    let (db, sessions) = Db::connect(&url).await.expect("open the bench database");
    let existing: i64 = sqlx::query(
        "SELECT COALESCE(SUM(c.n), 0) FROM user_counts c JOIN organizations o ON o.id = c.org_id WHERE o.name = $1 AND c.kind = 'client'",
    )
    .bind(seed::DEMO_ORG)
    .fetch_one(db.pool())
    .await
    .expect("count clients")
    .try_get(0)
    .unwrap_or(0);
    let wanted = i64::try_from(options.clients).unwrap_or(i64::MAX);
    if existing < wanted {
        let started = Instant::now();
        eprintln!(
            "seeding {} clients on {} …",
            wanted - existing,
            options.engine
        );
        seed::seed_demo(&db, u64::try_from(wanted - existing).unwrap_or(0))
            .await
            .expect("seed");
        eprintln!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    }
    seed::create_admin(&db, seed::DEMO_ORG, ADMIN.0, ADMIN.1, "Bench", "Admin")
        .await
        .expect("create the bench admin");
    (db, sessions)
}

/// One operation: a server function and the form it is called with.
struct Operation {
    name: &'static str,
    endpoint: &'static str,
    form: Vec<(String, String)>,
}

fn list(name: &'static str, overrides: &[(&str, &str)]) -> Operation {
    let mut fields: Vec<(String, String)> = [
        ("state", "Active"),
        ("page", "1"),
        ("per_page", "25"),
        ("sort", "Name"),
        ("descending", "false"),
        ("search", ""),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (key, value) in overrides {
        match fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = value.to_string(),
            None => fields.push((key.to_string(), value.to_string())),
        }
    }
    Operation {
        name,
        endpoint: "clients/list",
        form: fields
            .into_iter()
            .map(|(k, v)| (format!("query[{k}]"), v))
            .collect(),
    }
}

struct Measured {
    operation: &'static str,
    concurrency: usize,
    requests: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    per_second: f64,
}

async fn measure(
    client: &Client,
    base: &str,
    op: &Operation,
    requests: usize,
    concurrency: usize,
) -> Measured {
    let url = format!("{base}/api/{}", op.endpoint);
    let form = Arc::new(op.form.clone());
    // Warm-up: caches and prepared statements, not counted.
    for _ in 0..3 {
        let response = client
            .post(&url)
            .form(&*form)
            .send()
            .await
            .expect("request");
        assert!(
            response.status().is_success(),
            "{}: {}",
            op.name,
            response.text().await.unwrap_or_default()
        );
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let (client, url, form) = (client.clone(), url.clone(), form.clone());
        let share = requests / concurrency + usize::from(worker < requests % concurrency);
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(share);
            for _ in 0..share {
                let t = Instant::now();
                let response = client
                    .post(&url)
                    .form(&*form)
                    .send()
                    .await
                    .expect("request");
                let ok = response.status().is_success();
                let _ = response.bytes().await;
                assert!(ok, "request failed");
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times: Vec<Duration> = Vec::with_capacity(requests);
    for task in tasks {
        times.extend(task.await.expect("worker"));
    }
    let wall = started.elapsed();
    times.sort_unstable();
    let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)].as_secs_f64() * 1000.0;
    Measured {
        operation: op.name,
        concurrency,
        requests: times.len(),
        p50_ms: pct(50),
        p95_ms: pct(95),
        p99_ms: pct(99),
        per_second: times.len() as f64 / wall.as_secs_f64(),
    }
}

#[tokio::main]
async fn main() {
    let options = options();
    let (db, sessions) = database(&options).await;
    let tag: i64 = sqlx::query("SELECT t.id FROM tags t JOIN organizations o ON o.id = t.org_id WHERE o.name = $1 AND t.name = 'Sleep'")
        .bind(seed::DEMO_ORG)
        .fetch_one(db.pool())
        .await
        .expect("the Sleep tag")
        .try_get(0)
        .expect("tag id");
    let settings = Settings::from_env("127.0.0.1:0");
    let state = AppState::new(
        db,
        settings,
        LeptosOptions::builder().output_name("roster").build(),
    );
    let router = server::router(state, sessions);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("serve");
    });
    let client = Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let signed_in = client
        .post(format!("{base}/api/session/sign_in"))
        .form(&[("email", ADMIN.0), ("password", ADMIN.1)])
        .send()
        .await
        .expect("sign in");
    assert!(signed_in.status().is_success(), "sign-in failed");

    let tag = tag.to_string();
    let operations = vec![
        list("list: first page", &[]),
        list("list: page 200", &[("page", "200")]),
        list("list: search \"lovelace\"", &[("search", "lovelace")]),
        list(
            "list: search \"ada.lovelace.1\"",
            &[("search", "ada.lovelace.1")],
        ),
        list("list: tag filter", &[("tag", &tag)]),
        list("list: sort by email", &[("sort", "Email")]),
    ];
    let mut results = Vec::new();
    for &concurrency in &options.concurrency {
        for op in &operations {
            results.push(measure(&client, &base, op, options.requests, concurrency).await);
        }
    }

    println!(
        "\nRoster benchmark: {} clients on {}, {} requests per operation\n",
        options.clients, options.engine, options.requests
    );
    println!(
        "{:<32} {:>5} {:>9} {:>9} {:>9} {:>10}",
        "operation", "conc", "p50 ms", "p95 ms", "p99 ms", "req/s"
    );
    for m in &results {
        println!(
            "{:<32} {:>5} {:>9.2} {:>9.2} {:>9.2} {:>10.1}",
            m.operation, m.concurrency, m.p50_ms, m.p95_ms, m.p99_ms, m.per_second
        );
    }
    let json: Vec<HashMap<&str, serde_json::Value>> = results
        .iter()
        .map(|m| {
            HashMap::from([
                ("operation", m.operation.into()),
                ("concurrency", m.concurrency.into()),
                ("requests", m.requests.into()),
                ("p50_ms", m.p50_ms.into()),
                ("p95_ms", m.p95_ms.into()),
                ("p99_ms", m.p99_ms.into()),
                ("requests_per_second", m.per_second.into()),
            ])
        })
        .collect();
    let document = serde_json::json!({
        "clients": options.clients,
        "engine": options.engine,
        "results": json,
    });
    println!("\n{}", serde_json::to_string(&document).expect("json"));
    if let Some(path) = options.json {
        std::fs::write(path, serde_json::to_string_pretty(&document).expect("json"))
            .expect("write json");
    }
}
