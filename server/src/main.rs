//! Roster's binary: `serve` (default; `--demo` seeds a demo organization), `create-admin`,
//! and `seed-demo`. Settings come from environment variables (see README).
use app::server::{db::Db, mail::worker, seed, settings::Settings, AppState};
use leptos::config::get_configuration;
use std::{collections::HashMap, process::ExitCode, time::Instant};
use tokio::net::TcpListener;

const USAGE: &str = "usage:
  server [serve] [--demo]
  server create-admin --org NAME --email EMAIL --password PASSWORD [--first NAME] [--last NAME]
  server seed-demo --clients N";

fn main() -> ExitCode {
    // A binary built by cargo-leptos knows its asset name; one built by plain cargo is told here,
    // before any thread exists.
    if std::env::var_os("LEPTOS_OUTPUT_NAME").is_none()
        && option_env!("LEPTOS_OUTPUT_NAME").is_none()
    {
        std::env::set_var("LEPTOS_OUTPUT_NAME", "roster");
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_sessions=warn".into()),
        )
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("start the async runtime");
    match runtime.block_on(run(std::env::args().skip(1).collect())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// `--key value` pairs and bare `--flag`s after the command.
fn flags(args: &[String]) -> Result<HashMap<String, String>, String> {
    let mut flags = HashMap::new();
    let mut iter = args.iter().peekable();
    while let Some(arg) = iter.next() {
        let key = arg
            .strip_prefix("--")
            .ok_or_else(|| format!("unexpected argument {arg}\n{USAGE}"))?;
        let value = match iter.peek() {
            Some(next) if !next.starts_with("--") => iter.next().cloned().unwrap_or_default(),
            _ => String::new(),
        };
        flags.insert(key.to_string(), value);
    }
    Ok(flags)
}

async fn run(args: Vec<String>) -> Result<(), String> {
    let (command, rest) = match args.first().map(String::as_str) {
        Some(c) if !c.starts_with("--") => (c.to_string(), &args[1..]),
        _ => ("serve".to_string(), &args[..]),
    };
    let flags = flags(rest)?;
    let conf = get_configuration(None).map_err(|e| format!("reading Leptos settings: {e}"))?;
    let mut leptos_options = conf.leptos_options;
    // A release build names its files by content (cargo-leptos `hash-files`) and leaves the
    // names in a file beside the binary; the page links those names and `/pkg` may then be
    // cached for good.
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&*leptos_options.hash_file)));
    if beside_binary.is_some_and(|file| file.exists()) {
        leptos_options.hash_files = true;
    }
    let settings = Settings::from_env(&leptos_options.site_addr.to_string());
    let mailer = worker::Mailer::from_settings(&settings)?;
    let (db, sessions) = Db::connect(settings.database_url.expose())
        .await
        .map_err(|e| format!("opening the database: {e}"))?;
    let need = |key: &str| {
        flags
            .get(key)
            .filter(|v| !v.is_empty())
            .cloned()
            .ok_or_else(|| format!("missing --{key}\n{USAGE}"))
    };

    match command.as_str() {
        "serve" => {
            if flags.contains_key("demo") {
                let (email, password) = seed::prepare_demo(&db)
                    .await
                    .map_err(|e| format!("preparing the demo organization: {e}"))?;
                println!(
                    "\n  Roster demo organization \"{}\" is ready.",
                    seed::DEMO_ORG
                );
                println!("  Sign in at {}/login", settings.base_url);
                println!("    email:    {email}");
                println!("    password: {password}\n");
            }
            let addr = leptos_options.site_addr;
            let sweeper = sessions.clone();
            tokio::spawn(async move {
                use tower_sessions::session_store::ExpiredDeletion;
                let _ = sweeper
                    .continuously_delete_expired(std::time::Duration::from_secs(300))
                    .await;
            });
            let state = AppState::new(db, settings, leptos_options);
            match mailer {
                Some(mailer) => worker::spawn(state.clone(), mailer),
                None => tracing::info!(
                    "SMTP_URL is not set: emails are kept on the Sent email page instead of sent"
                ),
            }
            let app = server::router(state, sessions);
            let listener = TcpListener::bind(&addr)
                .await
                .map_err(|e| format!("listening on {addr}: {e}"))?;
            tracing::info!("Roster listening on http://{addr}");
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| format!("serving: {e}"))
        }
        "create-admin" => {
            let first = flags
                .get("first")
                .cloned()
                .unwrap_or_else(|| "Practice".into());
            let last = flags.get("last").cloned().unwrap_or_else(|| "Admin".into());
            let id = seed::create_admin(
                &db,
                &need("org")?,
                &need("email")?,
                &need("password")?,
                &first,
                &last,
            )
            .await
            .map_err(|e| format!("could not create the admin: {e}"))?;
            println!("Administrator {} (user {id}) can sign in.", need("email")?);
            Ok(())
        }
        "seed-demo" => {
            let clients: u64 = need("clients")?
                .parse()
                .map_err(|_| format!("--clients takes a number\n{USAGE}"))?;
            let started = Instant::now();
            let report = seed::seed_demo(&db, clients)
                .await
                .map_err(|e| format!("seeding failed: {e}"))?;
            println!(
                "Seeded {} clients into \"{}\" in {:.1} s.",
                report.clients,
                seed::DEMO_ORG,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        other => Err(format!("unknown command {other}\n{USAGE}")),
    }
}
