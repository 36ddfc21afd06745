//! Sessions live in the application's database through tower-sessions' sqlx stores; this enum
//! lets one binary use whichever engine DATABASE_URL names.
use async_trait::async_trait;
use sqlx::{PgPool, SqlitePool};
use tower_sessions::{
    session::{Id, Record},
    session_store::{self, ExpiredDeletion, SessionStore},
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Debug, Clone)]
pub enum SessionBackend {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl SessionBackend {
    pub fn sqlite(pool: SqlitePool) -> Self {
        Self::Sqlite(SqliteStore::new(pool))
    }

    pub fn postgres(pool: PgPool) -> Self {
        Self::Postgres(PostgresStore::new(pool))
    }

    pub async fn migrate(&self) -> sqlx::Result<()> {
        match self {
            Self::Sqlite(store) => store.migrate().await,
            Self::Postgres(store) => store.migrate().await,
        }
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.create(record).await,
            Self::Postgres(store) => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.save(record).await,
            Self::Postgres(store) => store.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Sqlite(store) => store.load(id).await,
            Self::Postgres(store) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.delete(id).await,
            Self::Postgres(store) => store.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for SessionBackend {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.delete_expired().await,
            Self::Postgres(store) => store.delete_expired().await,
        }
    }
}
