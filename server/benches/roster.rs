//! Roster's benchmark: seeds an organization with N clients (once; the database is kept and
//! reused), serves the real router on a loopback port, signs in as an Administrator and calls
//! the server functions over HTTP like the browser does: list pages, search, tag filter, sort,
//! inline saves, archiving 1,000 clients at once, importing 10,000 rows from CSV, and the list
//! while 50 people sign in at once. Prints p50/p95/p99 and requests/s per operation, as a table
//! and as JSON.
//!
//! cargo bench -p server --bench roster -- --clients 100000 --engine sqlite --requests 200 --concurrency 1,8
use app::{
    api::{
        clients::{ApplyClientAction, GetClient, ListClients, UpdateClient},
        import::{ImportClients, ImportStatus},
    },
    domain::{
        client_actions::{BulkOutcome, BulkTarget, ClientAction},
        client_details::ClientDraft,
        import::ImportStage,
        user::{Client as ClientRow, ClientPage, ClientQuery, CurrentUser, SortKey},
    },
    server::{db::Db, seed, settings::Settings, AppState},
};
use leptos::config::LeptosOptions;
use leptos::server_fn::ServerFn;
use reqwest::Client;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};
use sqlx::{Connection, Executor, PgConnection, Row};
use std::{
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
    /// Leave out the slow write operations (bulk archive, import, sign-in storm).
    reads_only: bool,
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
                  --concurrency 1,8 (1,8)  --json FILE (also write the results as JSON)  --reads-only\n\
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
        reads_only: args.iter().any(|a| a == "--reads-only"),
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
    // Rows a previous run imported go, so every run measures the same organization.
    sqlx::query("DELETE FROM users WHERE email LIKE 'bench-import-%'")
        .execute(db.pool())
        .await
        .expect("forget earlier imports");
    let existing: i64 = sqlx::query(
        "SELECT CAST(COALESCE(SUM(c.n), 0) AS BIGINT) FROM user_counts c JOIN organizations o ON o.id = c.org_id WHERE o.name = $1 AND c.kind = 'client'",
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
    // Room for the imports the bench makes.
    sqlx::query("UPDATE organizations SET client_limit = 10000000 WHERE name = $1")
        .bind(seed::DEMO_ORG)
        .execute(db.pool())
        .await
        .expect("raise the client limit");
    seed::create_admin(&db, seed::DEMO_ORG, ADMIN.0, ADMIN.1, "Bench", "Admin")
        .await
        .expect("create the bench admin");
    (db, sessions)
}

/// One measured operation at one concurrency.
struct Measured {
    operation: String,
    concurrency: usize,
    requests: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    per_second: f64,
}

fn summarize(
    operation: &str,
    concurrency: usize,
    mut times: Vec<Duration>,
    wall: Duration,
) -> Measured {
    times.sort_unstable();
    let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)].as_secs_f64() * 1000.0;
    Measured {
        operation: operation.to_string(),
        concurrency,
        requests: times.len(),
        p50_ms: pct(50),
        p95_ms: pct(95),
        p99_ms: pct(99),
        per_second: times.len() as f64 / wall.as_secs_f64(),
    }
}

/// The signed-in client and where the server is.
#[derive(Clone)]
struct Bench {
    client: Client,
    base: String,
}

impl Bench {
    /// Calls the server function whose arguments `args` are, as the browser does (postcard
    /// both ways), and reads its answer.
    async fn call<F: ServerFn + Serialize, T: DeserializeOwned>(&self, args: &F) -> T {
        let body = postcard::to_allocvec(args).expect("arguments");
        let response = self
            .client
            .post(format!("{}{}", self.base, F::PATH))
            .header(reqwest::header::CONTENT_TYPE, "application/x-postcard")
            .body(body)
            .send()
            .await
            .expect("request");
        read(F::PATH, response).await
    }
}

/// A server function's answer, read as the browser reads it (postcard).
async fn read<T: DeserializeOwned>(endpoint: &str, response: reqwest::Response) -> T {
    let ok = response.status().is_success();
    let bytes = response.bytes().await.unwrap_or_default();
    assert!(ok, "{endpoint}: {}", String::from_utf8_lossy(&bytes));
    postcard::from_bytes(&bytes).unwrap_or_else(|e| panic!("{endpoint}: unreadable answer: {e}"))
}

/// The first page of active clients by name, 25 a page, with `change` applied.
fn list(change: impl FnOnce(&mut ClientQuery)) -> ListClients {
    let mut query = ClientQuery::default();
    change(&mut query);
    ListClients { query }
}

/// `requests` calls of one list query split over `concurrency` workers.
async fn measure_list(
    bench: &Bench,
    name: &str,
    args: ListClients,
    requests: usize,
    concurrency: usize,
) -> Measured {
    for _ in 0..3 {
        bench.call::<_, ClientPage>(&args).await;
    }
    let args = Arc::new(args);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let (bench, args) = (bench.clone(), args.clone());
        let share = requests / concurrency + usize::from(worker < requests % concurrency);
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(share);
            for _ in 0..share {
                let t = Instant::now();
                bench.call::<_, ClientPage>(&*args).await;
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times = Vec::with_capacity(requests);
    for task in tasks {
        times.extend(task.await.expect("worker"));
    }
    summarize(name, concurrency, times, started.elapsed())
}

/// Active clients' ids, page by page from the list (100 a page).
async fn active_ids(bench: &Bench, count: usize, first_page: u32) -> Vec<i64> {
    let mut ids = Vec::with_capacity(count);
    let mut page = first_page;
    while ids.len() < count {
        let listed: ClientPage = bench
            .call(&list(|query| {
                query.page = page;
                query.per_page = 100;
            }))
            .await;
        if listed.rows.is_empty() {
            break;
        }
        ids.extend(listed.rows.iter().map(|r| r.id));
        page += 1;
    }
    ids.truncate(count);
    ids
}

/// Inline saves: each worker renames its own clients, reading the current version first (not
/// timed), as the editor does when it opens.
async fn measure_saves(bench: &Bench, requests: usize, concurrency: usize) -> Measured {
    let ids = Arc::new(active_ids(bench, requests, 3).await);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let (bench, ids) = (bench.clone(), ids.clone());
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            for id in ids.iter().skip(worker).step_by(concurrency) {
                let client: ClientRow = bench.call(&GetClient { id: *id }).await;
                let draft = ClientDraft {
                    first_name: format!("{}x", client.first_name.trim_end_matches('x')),
                    last_name: client.last_name,
                    email: client.email,
                    date_of_birth: client.date_of_birth.unwrap_or_default(),
                    sex_at_birth: client
                        .sex_at_birth
                        .map_or("female", |sex| sex.as_str())
                        .to_string(),
                    external_id: client.external_id.unwrap_or_default(),
                };
                let update = UpdateClient {
                    id: *id,
                    version: client.version,
                    draft,
                };
                let t = Instant::now();
                bench.call::<_, ClientRow>(&update).await;
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times = Vec::new();
    for task in tasks {
        times.extend(task.await.expect("worker"));
    }
    summarize("inline save", concurrency, times, started.elapsed())
}

/// Archives 1,000 clients in one call (timed), then unarchives them (not timed).
async fn measure_bulk_archive(bench: &Bench, runs: usize) -> Measured {
    let ids = active_ids(bench, 1_000, 20).await;
    assert_eq!(ids.len(), 1_000, "1,000 active clients to archive");
    let mut times = Vec::with_capacity(runs);
    let started = Instant::now();
    for _ in 0..runs {
        let archive = ApplyClientAction {
            target: BulkTarget::Ids(ids.clone()),
            action: ClientAction::Archive,
        };
        let t = Instant::now();
        let outcome: BulkOutcome = bench.call(&archive).await;
        let elapsed = t.elapsed();
        times.push(elapsed);
        tracing::debug!(?elapsed, "bulk archive");
        assert_eq!(outcome.done, 1_000);
        let back = ApplyClientAction {
            target: BulkTarget::Ids(ids.clone()),
            action: ClientAction::Unarchive,
        };
        bench.call::<_, BulkOutcome>(&back).await;
    }
    summarize("bulk archive 1,000", 1, times, started.elapsed())
}

/// Waits (polling like the page) until the import job is no longer checking or importing;
/// returns its stage.
async fn settle(bench: &Bench, job: &str) -> ImportStage {
    loop {
        let stage = bench
            .call(&ImportStatus {
                job: job.to_string(),
            })
            .await;
        if !matches!(
            stage,
            ImportStage::Checking { .. } | ImportStage::Importing { .. }
        ) {
            return stage;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Uploads a 10,000-row Roster-template file, waits for the check, imports it and waits for
/// the import: timed from the first byte sent to the last client saved.
async fn measure_import(bench: &Bench, runs: usize) -> Measured {
    let mut times = Vec::with_capacity(runs);
    let started = Instant::now();
    for run in 0..runs {
        let mut csv = String::from(
            "first_name,last_name,email,date_of_birth,sex_at_birth,tags,external_id\n",
        );
        for n in 0..10_000 {
            csv.push_str(&format!(
                "Imported{n},Bench,bench-import-{run}-{n}@bench.example,1980-0{}-1{},female,Sleep,IMP-{run}-{n}\n",
                1 + n % 9,
                n % 10
            ));
        }
        let t = Instant::now();
        let response = bench
            .client
            .post(format!("{}/api/clients/import/upload", bench.base))
            .header("x-file-name", "bench.csv")
            .body(csv)
            .send()
            .await
            .expect("upload");
        let ok = response.status().is_success();
        let answer = response.text().await.unwrap_or_default();
        assert!(ok, "upload: {answer}");
        let job = serde_json::from_str::<Value>(&answer).expect("JSON")["job"]
            .as_str()
            .expect("a job")
            .to_string();
        let checked = settle(bench, &job).await;
        assert!(
            matches!(&checked, ImportStage::Checked(report) if report.ready == 10_000),
            "{checked:?}"
        );
        bench
            .call::<_, ()>(&ImportClients {
                job: job.clone(),
                create_tags: Vec::new(),
                send_codes: false,
            })
            .await;
        let done = settle(bench, &job).await;
        times.push(t.elapsed());
        assert!(
            matches!(
                done,
                ImportStage::Imported {
                    created: 10_000,
                    ..
                }
            ),
            "{done:?}"
        );
    }
    summarize("CSV import 10,000 rows", 1, times, started.elapsed())
}

/// The first list page at concurrency 1 while 50 people sign in at once, again and again.
async fn measure_under_sign_ins(bench: &Bench, requests: usize) -> Vec<Measured> {
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut storm = Vec::new();
    for _ in 0..50 {
        let (base, stop) = (bench.base.clone(), stop.clone());
        storm.push(tokio::spawn(async move {
            let mut times = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let fresh = Client::builder()
                    .cookie_store(true)
                    .build()
                    .expect("client");
                let t = Instant::now();
                let response = fresh
                    .post(format!("{base}/api/session/sign_in"))
                    .form(&[("email", ADMIN.0), ("password", ADMIN.1)])
                    .send()
                    .await
                    .expect("sign in");
                assert!(response.status().is_success());
                times.push(t.elapsed());
            }
            times
        }));
    }
    // Let the storm build up before measuring.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let listed = measure_list(
        bench,
        "list during 50 concurrent sign-ins",
        list(|_| {}),
        requests,
        1,
    )
    .await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let started = Instant::now();
    let mut sign_ins = Vec::new();
    for task in storm {
        sign_ins.extend(task.await.expect("sign-in worker"));
    }
    let wall = started.elapsed() + Duration::from_millis(500);
    vec![
        listed,
        summarize("sign-in (50 at once)", 50, sign_ins, wall),
    ]
}

#[tokio::main]
async fn main() {
    // RUST_LOG=sqlx=debug prints every statement with its time: the profile behind a number.
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .init();
    }
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
    let bench = Bench { client, base };
    // Signing in takes a form, as the sign-in page posts it.
    let signed_in = bench
        .client
        .post(format!("{}/api/session/sign_in", bench.base))
        .form(&[("email", ADMIN.0), ("password", ADMIN.1)])
        .send()
        .await
        .expect("sign in");
    read::<CurrentUser>("session/sign_in", signed_in).await;

    let lists: Vec<(&str, ListClients)> = vec![
        ("list: first page", list(|_| {})),
        ("list: page 200", list(|query| query.page = 200)),
        (
            "list: search \"lovelace\"",
            list(|query| query.search = "lovelace".into()),
        ),
        (
            "list: search \"ada.lovelace.1\"",
            list(|query| query.search = "ada.lovelace.1".into()),
        ),
        ("list: tag filter", list(|query| query.tag = Some(tag))),
        (
            "list: sort by email",
            list(|query| query.sort = SortKey::Email),
        ),
        (
            "list: sort by date of birth",
            list(|query| query.sort = SortKey::DateOfBirth),
        ),
        (
            "list: date of birth, page 200",
            list(|query| {
                query.sort = SortKey::DateOfBirth;
                query.page = 200;
            }),
        ),
    ];
    let mut results = Vec::new();
    for &concurrency in &options.concurrency {
        for (name, args) in &lists {
            results.push(
                measure_list(&bench, name, args.clone(), options.requests, concurrency).await,
            );
        }
        results.push(measure_saves(&bench, options.requests.min(200), concurrency).await);
    }
    if !options.reads_only {
        results.push(measure_bulk_archive(&bench, 10).await);
        results.push(measure_import(&bench, 3).await);
        results.extend(measure_under_sign_ins(&bench, options.requests).await);
    }

    println!(
        "\nRoster benchmark: {} clients on {}, {} requests per list operation\n",
        options.clients, options.engine, options.requests
    );
    println!(
        "{:<36} {:>5} {:>6} {:>9} {:>9} {:>9} {:>10}",
        "operation", "conc", "n", "p50 ms", "p95 ms", "p99 ms", "req/s"
    );
    for m in &results {
        println!(
            "{:<36} {:>5} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>10.1}",
            m.operation, m.concurrency, m.requests, m.p50_ms, m.p95_ms, m.p99_ms, m.per_second
        );
    }
    let json: Vec<Value> = results
        .iter()
        .map(|m| {
            json!({
                "operation": m.operation,
                "concurrency": m.concurrency,
                "requests": m.requests,
                "p50_ms": m.p50_ms,
                "p95_ms": m.p95_ms,
                "p99_ms": m.p99_ms,
                "requests_per_second": m.per_second,
            })
        })
        .collect();
    let document = json!({
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
