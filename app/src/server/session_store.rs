//! Sessions live in the application's database through tower-sessions' sqlx stores, which one
//! binary reaches on whichever engine DATABASE_URL names. Every signed-in request loads its
//! session, so the records are kept in memory too: a load is then a map lookup instead of a
//! statement. The database stays the record of truth (a restart starts with an empty map) and
//! this process is the only one that writes sessions. tower-sessions' `CachingSessionStore` is
//! not used: a load that misses puts what it read into the cache even when a delete ran
//! meanwhile, so a session signed out at that moment would live on in memory.
use async_trait::async_trait;
use sqlx::{PgPool, SqlitePool};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};
use time::OffsetDateTime;
use tower_sessions::{
    session::{Id, Record},
    session_store::{self, ExpiredDeletion, SessionStore},
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// At most this many sessions are kept in memory; more live sessions than this are read from
/// the database as before. It is far more than a practice's staff signed in at once.
const CACHED_SESSIONS: usize = 10_000;

#[derive(Debug, Clone)]
enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

#[derive(Debug, Clone)]
pub struct SessionBackend {
    store: Store,
    cache: Arc<Mutex<Cache>>,
}

/// The records in memory, and how many times one has been saved or deleted: a load that read
/// the database keeps what it read only if no save or delete happened meanwhile, so a session
/// deleted at sign-out is never put back by a load that read it just before.
#[derive(Debug, Default)]
struct Cache {
    records: HashMap<Id, Record>,
    writes: u64,
}

fn live(record: &Record) -> bool {
    record.expiry_date > OffsetDateTime::now_utc()
}

impl Cache {
    fn keep(&mut self, record: &Record) {
        if self.records.len() >= CACHED_SESSIONS && !self.records.contains_key(&record.id) {
            self.records.retain(|_, r| live(r));
            if self.records.len() >= CACHED_SESSIONS {
                return;
            }
        }
        self.records.insert(record.id, record.clone());
    }
}

impl SessionBackend {
    pub fn sqlite(pool: SqlitePool) -> Self {
        Self::new(Store::Sqlite(SqliteStore::new(pool)))
    }

    pub fn postgres(pool: PgPool) -> Self {
        Self::new(Store::Postgres(PostgresStore::new(pool)))
    }

    fn new(store: Store) -> Self {
        Self {
            store,
            cache: Arc::default(),
        }
    }

    pub async fn migrate(&self) -> sqlx::Result<()> {
        match &self.store {
            Store::Sqlite(store) => store.migrate().await,
            Store::Postgres(store) => store.migrate().await,
        }
    }

    fn cache(&self) -> MutexGuard<'_, Cache> {
        // The map is consistent after every statement that holds the lock, so a panic elsewhere
        // leaves nothing half-written.
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps a record read from the database, unless a save or delete happened since the
    /// load saw `writes` of them.
    fn keep_loaded(&self, writes: u64, record: &Record) {
        let mut cache = self.cache();
        if cache.writes == writes {
            cache.keep(record);
        }
    }

    /// Marks a save or delete of `id` as begun: the record leaves memory until it is written.
    fn begin_write(&self, id: &Id) {
        let mut cache = self.cache();
        cache.writes += 1;
        cache.records.remove(id);
    }

    /// Keeps a record just written to the database, counting the write again: a load that read
    /// the record while it was being written must not replace it with what it read.
    fn written(&self, record: &Record) {
        let mut cache = self.cache();
        cache.writes += 1;
        cache.keep(record);
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match &self.store {
            Store::Sqlite(store) => store.create(record).await?,
            Store::Postgres(store) => store.create(record).await?,
        }
        self.written(record);
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.begin_write(&record.id);
        match &self.store {
            Store::Sqlite(store) => store.save(record).await?,
            Store::Postgres(store) => store.save(record).await?,
        }
        self.written(record);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let writes = {
            let mut cache = self.cache();
            match cache.records.get(id) {
                Some(record) if live(record) => return Ok(Some(record.clone())),
                Some(_) => {
                    cache.records.remove(id);
                }
                None => {}
            }
            cache.writes
        };
        let loaded = match &self.store {
            Store::Sqlite(store) => store.load(id).await?,
            Store::Postgres(store) => store.load(id).await?,
        };
        if let Some(record) = &loaded {
            self.keep_loaded(writes, record);
        }
        Ok(loaded)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.begin_write(id);
        let deleted = match &self.store {
            Store::Sqlite(store) => store.delete(id).await,
            Store::Postgres(store) => store.delete(id).await,
        };
        // Counted again once it is gone: a load that read the record while the delete ran
        // must not keep it.
        self.begin_write(id);
        deleted
    }
}

#[async_trait]
impl ExpiredDeletion for SessionBackend {
    /// Expired records in memory are never handed out (a load checks the expiry), and leave
    /// the map here too.
    async fn delete_expired(&self) -> session_store::Result<()> {
        self.cache().records.retain(|_, r| live(r));
        match &self.store {
            Store::Sqlite(store) => store.delete_expired().await,
            Store::Postgres(store) => store.delete_expired().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::testing::TestDb;
    use time::Duration;

    /// A session record `id` created through `sessions`, expiring `expires_in` from now.
    async fn created(sessions: &SessionBackend, id: i128, expires_in: Duration) -> Record {
        let mut record = Record {
            id: Id(id),
            data: [("user".to_string(), serde_json::json!(7))].into(),
            expiry_date: OffsetDateTime::now_utc() + expires_in,
        };
        sessions.create(&mut record).await.unwrap();
        record
    }

    #[tokio::test]
    async fn a_saved_session_is_loaded_from_memory_until_it_is_deleted() {
        let test = TestDb::fresh().await;
        let sessions = test.sessions.clone();
        let saved = created(&sessions, 1, Duration::hours(1)).await;
        assert!(sessions.cache().records.contains_key(&saved.id));
        assert_eq!(sessions.load(&saved.id).await.unwrap(), Some(saved.clone()));

        // Another router's clone shares the memory: the delete is seen by both.
        test.sessions.delete(&saved.id).await.unwrap();
        assert_eq!(sessions.load(&saved.id).await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_session_read_from_the_database_is_kept_only_if_nothing_was_written_meanwhile() {
        let test = TestDb::fresh().await;
        let sessions = &test.sessions;
        let saved = created(sessions, 2, Duration::hours(1)).await;
        sessions.cache().records.clear();

        // A load reads the record, then the session is deleted (signed out) before the load
        // puts it in memory: it must stay out.
        let seen = sessions.cache().writes;
        let read = sessions.load(&saved.id).await.unwrap().unwrap();
        sessions.delete(&saved.id).await.unwrap();
        sessions.keep_loaded(seen, &read);
        assert_eq!(sessions.load(&saved.id).await.unwrap(), None);
    }

    #[tokio::test]
    async fn an_expired_session_in_memory_is_not_loaded() {
        let test = TestDb::fresh().await;
        let sessions = &test.sessions;
        let short = created(sessions, 3, Duration::hours(1)).await;
        sessions
            .cache()
            .records
            .get_mut(&short.id)
            .unwrap()
            .expiry_date = OffsetDateTime::now_utc() - Duration::seconds(1);
        // The database still holds the live record, so it is read from there again.
        assert_eq!(sessions.load(&short.id).await.unwrap(), Some(short.clone()));

        let expired = created(sessions, 4, -Duration::seconds(1)).await;
        sessions.delete_expired().await.unwrap();
        assert!(!sessions.cache().records.contains_key(&expired.id));
        assert_eq!(sessions.load(&expired.id).await.unwrap(), None);
    }
}
