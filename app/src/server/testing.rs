//! Fresh, migrated databases for tests: a temporary SQLite file, or — when
//! `ROSTER_TEST_POSTGRES` holds an admin URL — a new PostgreSQL database dropped afterwards.
use super::{
    auth::Admin,
    db::Db,
    seed,
    session_store::SessionBackend,
    settings::{Secret, Settings},
    AppState,
};
use leptos::config::LeptosOptions;
use sqlx::{Connection, Executor, PgConnection};
use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(0);

pub struct TestDb {
    pub db: Db,
    pub sessions: SessionBackend,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    pub async fn fresh() -> TestDb {
        let unique = format!(
            "{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst),
            super::clock::now_ms() % 100_000
        );
        match std::env::var("ROSTER_TEST_POSTGRES")
            .ok()
            .filter(|u| !u.is_empty())
        {
            Some(admin_url) => {
                let name = format!("roster_test_{unique}");
                let mut admin = PgConnection::connect(&admin_url)
                    .await
                    .expect("connect to the test PostgreSQL");
                admin
                    .execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create a test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(base, _)| base)
                    .unwrap_or(&admin_url);
                let (db, sessions) = Db::connect(&format!("{base}/{name}"))
                    .await
                    .expect("migrate the test database");
                TestDb {
                    db,
                    sessions,
                    cleanup: Cleanup::Postgres { admin_url, name },
                }
            }
            None => {
                let path = std::env::temp_dir().join(format!("roster-test-{unique}.db"));
                let (db, sessions) = Db::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .expect("migrate the test database");
                TestDb {
                    db,
                    sessions,
                    cleanup: Cleanup::File(path),
                }
            }
        }
    }

    /// A fresh database holding the demo organization with `clients` clients and an
    /// Administrator of it.
    pub async fn demo(clients: u64) -> (TestDb, Admin) {
        let test_db = TestDb::fresh().await;
        let report = seed::seed_demo(&test_db.db, clients)
            .await
            .expect("seed the demo organization");
        let user_id = seed::create_admin(
            &test_db.db,
            seed::DEMO_ORG,
            "admin@practice.example",
            "Admin-pass-2026",
            "Ada",
            "Admin",
        )
        .await
        .expect("create the admin");
        (
            test_db,
            Admin {
                user_id,
                org_id: report.org_id,
            },
        )
    }

    pub fn state(&self) -> AppState {
        self.state_with(|_| {})
    }

    /// The state with test settings changed by `edit` (an SMTP server, say).
    pub fn state_with(&self, edit: impl FnOnce(&mut Settings)) -> AppState {
        let mut settings = Settings {
            database_url: Secret::new("test"),
            base_url: "http://127.0.0.1".into(),
            smtp_url: None,
            mail_from: "Roster <no-reply@localhost>".into(),
            session_idle: std::time::Duration::from_secs(3600),
        };
        edit(&mut settings);
        AppState::new(
            self.db.clone(),
            settings,
            LeptosOptions::builder().output_name("roster").build(),
        )
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime; a separate thread gets a runtime of its own.
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    runtime.block_on(async {
                        let mut admin = PgConnection::connect(&admin_url).await.ok()?;
                        admin
                            .execute(
                                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                            )
                            .await
                            .ok()
                    })
                })
                .join();
            }
        }
    }
}
