//! All of Roster's SQL, one file per table. This module is the only place that knows whether
//! the database is SQLite or PostgreSQL; everything else sees `Db` and domain types.
pub mod audit;
pub mod invitations;
pub mod layouts;
pub mod orgs;
pub mod outbox;
pub mod registration_codes;
pub mod security_tags;
pub mod tags;
pub mod team_members;
pub mod team_roles;
pub mod users;

use super::session_store::SessionBackend;
use sqlx::{
    any::{AnyArguments, AnyPoolOptions},
    migrate::Migrator,
    postgres::PgPoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    Any, AnyConnection, AnyPool, Arguments, Encode, Executor, Transaction, Type,
};
use std::{fmt::Write as _, str::FromStr, time::Duration};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// SQLite's WAL is folded back into the database file here, every second, rather than by the
/// commit that happens to push it past 1,000 pages: that commit paid for copying the pages and
/// for an fsync (archiving 1,000 clients committed in ~60 ms with it, ~23 ms without). A
/// passive checkpoint waits for nobody. Under a steady stream of reads the log is rarely free
/// to start over, so once it holds more than 16 MB a truncating checkpoint waits (briefly, and
/// holding off writers) for the readers still in it. The task ends when the pool is closed.
async fn checkpoint_wal(pool: sqlx::SqlitePool) {
    const TRUNCATE_AFTER_PAGES: i64 = 4096;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !pool.is_closed() {
        tick.tick().await;
        let started = std::time::Instant::now();
        let passive = sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&pool)
            .await;
        let frames = passive.as_ref().ok().copied();
        let result = match passive {
            Ok((_, pages, _)) if pages > TRUNCATE_AFTER_PAGES => {
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(&pool)
                    .await
                    .map(|_| ())
            }
            other => other.map(|_| ()),
        };
        // (busy, frames in the log, frames copied back) of the passive step.
        tracing::debug!(elapsed = ?started.elapsed(), ?frames, "WAL checkpoint");
        if let Err(error) = result {
            if pool.is_closed() {
                break;
            }
            tracing::warn!(%error, "WAL checkpoint failed");
        }
    }
}

/// Reads come through a memory map and a 32 MB page cache per connection: with SQLite's
/// default 2 MB cache, a tag count among 100,000 clients spent most of its time copying pages
/// in from the kernel.
const SQLITE_MMAP_SIZE: &str = "2147483648";
const SQLITE_CACHE_SIZE: &str = "-32768";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine behind one of the pool's connections.
    pub fn of(conn: &AnyConnection) -> Engine {
        if conn.backend_name() == <sqlx::Postgres as sqlx::Database>::NAME {
            Engine::Postgres
        } else {
            Engine::Sqlite
        }
    }
}

/// The application's connection pool. Cloning is cheap (the pool is shared).
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
}

pub type Tx = Transaction<'static, Any>;

impl Db {
    /// Connects, migrates, and returns the pool plus the session store on the same database.
    /// Both migrations run on the typed pool before the shared pool opens: a SQLite connection
    /// opened before a migration can keep the old schema and answer "no such table".
    pub async fn connect(url: &str) -> Result<(Db, SessionBackend), sqlx::Error> {
        sqlx::any::install_default_drivers();
        let (db, sessions) = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let typed = PgPoolOptions::new().max_connections(4).connect(url).await?;
            POSTGRES_MIGRATIONS.run(&typed).await?;
            let sessions = SessionBackend::postgres(typed);
            sessions.migrate().await?;
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            (
                Db {
                    pool,
                    engine: Engine::Postgres,
                },
                sessions,
            )
        } else {
            let url = sqlite_url(url)?;
            // The typed pool sets WAL (a property of the file) before the shared pool opens it.
            let options = SqliteConnectOptions::from_str(&url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10));
            let typed = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(
                    options
                        .pragma("mmap_size", SQLITE_MMAP_SIZE)
                        .pragma("cache_size", SQLITE_CACHE_SIZE)
                        .pragma("wal_autocheckpoint", "0"),
                )
                .await?;
            SQLITE_MIGRATIONS.run(&typed).await?;
            tokio::spawn(checkpoint_wal(typed.clone()));
            let sessions = SessionBackend::sqlite(typed);
            sessions.migrate().await?;
            let pool = AnyPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        let pragmas = format!(
                            "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; \
                             PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 0; \
                             PRAGMA mmap_size = {SQLITE_MMAP_SIZE}; \
                             PRAGMA cache_size = {SQLITE_CACHE_SIZE};"
                        );
                        conn.execute(pragmas.as_str()).await.map(|_| ())
                    })
                })
                .connect(&url)
                .await?;
            (
                Db {
                    pool,
                    engine: Engine::Sqlite,
                },
                sessions,
            )
        };
        Ok((db, sessions))
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// On SQLite the transaction takes the write lock at once (BEGIN IMMEDIATE): a deferred one
    /// that reads and then writes fails with SQLITE_BUSY, without waiting, when another
    /// connection wrote in between.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.pool.begin().await,
        }
    }

    /// A round trip to the database, for `/healthz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// `sqlite://data/roster.db` → the same with `mode=rwc`, creating the folder it lives in.
fn sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let file = path.split('?').next().unwrap_or(path);
    if let Some(dir) = std::path::Path::new(file)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
    }
    Ok(if path.contains('?') {
        format!("sqlite://{path}")
    } else {
        format!("sqlite://{path}?mode=rwc")
    })
}

/// SQL text with `$1, $2 …` placeholders numbered as values are bound, for queries whose
/// shape depends on the request (filters, sort order).
pub struct Sql {
    text: String,
    args: AnyArguments<'static>,
    bound: usize,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            args: AnyArguments::default(),
            bound: 0,
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'static + Send + Encode<'static, Any> + Type<Any>,
    {
        self.bound += 1;
        let _ = write!(self.text, "${}", self.bound);
        // Encoding an owned value into AnyArguments cannot fail for the types we bind.
        let _ = self.args.add(value);
        self
    }

    /// Appends `(…)` with one placeholder per id, for `IN` lists.
    pub fn bind_list(&mut self, ids: &[i64]) -> &mut Self {
        self.push("(");
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(*id);
        }
        self.push(")")
    }

    pub fn parts(self) -> (String, AnyArguments<'static>) {
        (self.text, self.args)
    }
}

/// How many ids one statement names: far below both engines' limits on bound values.
pub const CHUNK: usize = 500;

/// Turns `true`/`false` into the 0/1 the schema stores.
pub fn flag(value: bool) -> i64 {
    i64::from(value)
}
