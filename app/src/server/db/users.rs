//! The `users` table: clients and team members of every organization.
use super::{flag, Engine, Sql, CHUNK};
use crate::domain::{
    client_actions::PendingKind,
    client_details::ClientDetails,
    team::TeamMemberDetails,
    user::{Client, ClientQuery, CurrentUser, SortKey, StateCounts, UserKind},
    Role, SexAtBirth, UserState,
};
use sqlx::{any::AnyRow, AnyConnection, Row};
use std::collections::{HashMap, HashSet};

/// A user about to be inserted. Values are already validated domain values turned into text.
pub struct NewUser<'a> {
    pub org_id: i64,
    pub kind: UserKind,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    pub date_of_birth: Option<String>,
    pub sex_at_birth: Option<SexAtBirth>,
    pub external_id: Option<String>,
    pub state: UserState,
    pub pending_kind: Option<PendingKind>,
    pub registered: bool,
    pub is_owner: bool,
    pub password_hash: Option<String>,
}

/// The Name column's sort key.
pub fn sort_name(first: &str, last: &str) -> String {
    format!("{} {}", last.to_lowercase(), first.to_lowercase())
}

/// What the search box matches against.
pub fn search_text(first: &str, last: &str, email: &str, external_id: Option<&str>) -> String {
    format!(
        "{} {} {} {}",
        first,
        last,
        email,
        external_id.unwrap_or_default()
    )
    .to_lowercase()
}

pub fn kind_str(kind: UserKind) -> &'static str {
    match kind {
        UserKind::Client => "client",
        UserKind::Team => "team",
    }
}

pub async fn insert(
    conn: &mut AnyConnection,
    user: &NewUser<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (org_id, kind, first_name, last_name, email, date_of_birth, sex_at_birth, external_id, state, \
         registered, is_owner, password_hash, sort_name, search_text, created_at, updated_at, pending_kind) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id",
    )
    .bind(user.org_id)
    .bind(kind_str(user.kind))
    .bind(user.first_name.to_owned())
    .bind(user.last_name.to_owned())
    .bind(user.email.to_owned())
    .bind(user.date_of_birth.clone())
    .bind(user.sex_at_birth.map(|s| s.as_str()))
    .bind(user.external_id.clone())
    .bind(user.state.as_str())
    .bind(flag(user.registered))
    .bind(flag(user.is_owner))
    .bind(user.password_hash.clone())
    .bind(sort_name(user.first_name, user.last_name))
    .bind(search_text(user.first_name, user.last_name, user.email, user.external_id.as_deref()))
    .bind(now)
    .bind(user.pending_kind.map(PendingKind::as_str))
    .fetch_one(conn)
    .await?
    .try_get(0)
}

/// Inserts many users at once (an import); returns their ids in the order given.
pub async fn insert_many(
    conn: &mut AnyConnection,
    users: &[NewUser<'_>],
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "INSERT INTO users (org_id, kind, first_name, last_name, email, date_of_birth, sex_at_birth, external_id, state, \
         registered, is_owner, password_hash, sort_name, search_text, created_at, updated_at, pending_kind) VALUES ",
    );
    for (i, user) in users.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.push("(")
            .bind(user.org_id)
            .push(", ")
            .bind(kind_str(user.kind))
            .push(", ")
            .bind(user.first_name.to_owned())
            .push(", ")
            .bind(user.last_name.to_owned())
            .push(", ")
            .bind(user.email.to_owned())
            .push(", ")
            .bind(user.date_of_birth.clone())
            .push(", ")
            .bind(user.sex_at_birth.map(|s| s.as_str()))
            .push(", ")
            .bind(user.external_id.clone())
            .push(", ")
            .bind(user.state.as_str())
            .push(", ")
            .bind(flag(user.registered))
            .push(", ")
            .bind(flag(user.is_owner))
            .push(", ")
            .bind(user.password_hash.clone())
            .push(", ")
            .bind(sort_name(user.first_name, user.last_name))
            .push(", ")
            .bind(search_text(
                user.first_name,
                user.last_name,
                user.email,
                user.external_id.as_deref(),
            ))
            .push(", ")
            .bind(now)
            .push(", ")
            .bind(now)
            .push(", ")
            .bind(user.pending_kind.map(PendingKind::as_str))
            .push(")");
    }
    // RETURNING names each row: neither engine promises to return them in VALUES order.
    sql.push(" RETURNING email, id");
    let (text, args) = sql.parts();
    let mut ids = HashMap::with_capacity(users.len());
    for row in sqlx::query_with(&text, args).fetch_all(&mut *conn).await? {
        ids.insert(row.try_get::<String, _>(0)?, row.try_get::<i64, _>(1)?);
    }
    Ok(users
        .iter()
        .filter_map(|u| ids.get(u.email).copied())
        .collect())
}

/// How many users one transaction must add before [`refresh_statistics`] is worth its cost.
const MANY_NEW_USERS: usize = 1_000;

/// After a transaction has added `added` users, has PostgreSQL plan its checks against the
/// users table again. Every row that names a user (a tag, a code, an audit entry) is checked
/// with a plan each connection keeps, made from what it last knew of the table; made while the
/// table held a handful of rows, that plan reads the whole table for each check, and a
/// transaction that has just added thousands of users then spends minutes on their tags
/// (20,000 tags: 11.6 s instead of 0.33 s). Refreshing the statistics makes the plans be made
/// again. Only `id`'s: the whole table's took 1.1 s at 130,000 users (search_text keeps a large
/// sample), `id`'s 60 ms, and both record the table's new size. SQLite checks through the
/// primary key whatever the table's size.
pub async fn refresh_statistics(
    conn: &mut AnyConnection,
    engine: Engine,
    added: usize,
) -> Result<(), sqlx::Error> {
    if engine == Engine::Postgres && added >= MANY_NEW_USERS {
        sqlx::query("ANALYZE users (id)").execute(conn).await?;
    }
    Ok(())
}

/// The ids of the organization's users with these emails.
async fn ids_by_email(
    conn: &mut AnyConnection,
    org_id: i64,
    emails: &[String],
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let mut found = HashMap::with_capacity(emails.len());
    for chunk in emails.chunks(CHUNK) {
        let mut sql = Sql::new("SELECT email, id FROM users WHERE org_id = ");
        sql.bind(org_id).push(" AND email IN (");
        for (i, email) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.bind(email.clone());
        }
        sql.push(")");
        let (text, args) = sql.parts();
        for row in sqlx::query_with(&text, args).fetch_all(&mut *conn).await? {
            found.insert(row.try_get(0)?, row.try_get(1)?);
        }
    }
    Ok(found)
}

/// Of these emails, those someone in the organization already uses.
pub async fn emails_in_use(
    conn: &mut AnyConnection,
    org_id: i64,
    emails: &[String],
) -> Result<HashSet<String>, sqlx::Error> {
    Ok(ids_by_email(conn, org_id, emails)
        .await?
        .into_keys()
        .collect())
}

/// What a session needs to stay valid: the password hash and the session epoch.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: i64,
    pub password_hash: String,
    pub session_epoch: i64,
}

/// Accounts that may sign in with this email (a person can belong to several organizations).
pub async fn sign_in_candidates(
    conn: &mut AnyConnection,
    email: &str,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, password_hash, session_epoch FROM users \
         WHERE email = $1 AND password_hash IS NOT NULL AND state <> 'pending' ORDER BY id LIMIT 5",
    )
    .bind(email.to_owned())
    .fetch_all(conn)
    .await?;
    rows.iter().map(read_session_row).collect()
}

pub async fn session_row(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<SessionRow>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, password_hash, session_epoch FROM users WHERE id = $1 AND password_hash IS NOT NULL AND state <> 'pending'",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(read_session_row).transpose()
}

fn read_session_row(row: &AnyRow) -> Result<SessionRow, sqlx::Error> {
    Ok(SessionRow {
        id: row.try_get(0)?,
        password_hash: row.try_get(1)?,
        session_epoch: row.try_get(2)?,
    })
}

/// The signed-in person with organization and roles; `None` once the account is gone or pending.
pub async fn current(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, CurrentUser)>, sqlx::Error> {
    Ok(signed_in(conn, id).await?.map(|s| (s.org_id, s.user)))
}

/// `current` with what keeps a session valid, read in one go for every request a session
/// makes.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub org_id: i64,
    pub user: CurrentUser,
    pub password_hash: Option<String>,
    pub session_epoch: i64,
}

pub async fn signed_in(conn: &mut AnyConnection, id: i64) -> Result<Option<SignedIn>, sqlx::Error> {
    // One row per role (one row with a NULL role for clients and role-less members): every
    // request reads its person, so this stays a single round trip.
    let rows = sqlx::query(
        "SELECT u.id, u.org_id, u.first_name, u.last_name, u.email, u.kind, u.state, u.is_owner, o.name, \
         u.password_hash, u.session_epoch, r.role \
         FROM users u JOIN organizations o ON o.id = u.org_id \
         LEFT JOIN team_roles r ON r.user_id = u.id AND u.kind = 'team' \
         WHERE u.id = $1 AND u.state <> 'pending'",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let mut roles = Vec::new();
    for row in &rows {
        if let Some(role) = row.try_get::<Option<String>, _>("role")? {
            roles.extend(Role::parse(&role));
        }
    }
    roles.sort();
    let user = CurrentUser {
        id: row.try_get("id")?,
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        email: row.try_get("email")?,
        organization: row.try_get("name")?,
        kind: read_kind(row)?,
        roles,
        is_owner: row.try_get::<i64, _>("is_owner")? == 1,
        state: read_state(row)?,
    };
    Ok(Some(SignedIn {
        org_id: row.try_get("org_id")?,
        user,
        password_hash: row.try_get("password_hash")?,
        session_epoch: row.try_get("session_epoch")?,
    }))
}

pub async fn set_password(
    conn: &mut AnyConnection,
    id: i64,
    hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET password_hash = $1, registered = 1, session_epoch = session_epoch + 1, version = version + 1, \
         updated_at = $2 WHERE id = $3",
    )
    .bind(hash.to_owned())
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn find_id_by_email(
    conn: &mut AnyConnection,
    org_id: i64,
    email: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM users WHERE org_id = $1 AND email = $2")
        .bind(org_id)
        .bind(email.to_owned())
        .fetch_optional(conn)
        .await?;
    row.map(|r| r.try_get(0)).transpose()
}

fn read_kind(row: &AnyRow) -> Result<UserKind, sqlx::Error> {
    Ok(if row.try_get::<String, _>("kind")? == "team" {
        UserKind::Team
    } else {
        UserKind::Client
    })
}

pub fn read_state(row: &AnyRow) -> Result<UserState, sqlx::Error> {
    let raw: String = row.try_get("state")?;
    UserState::parse(&raw)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown user state {raw}").into()))
}

const CLIENT_COLUMNS: &str =
    "SELECT id, first_name, last_name, email, date_of_birth, sex_at_birth, external_id, registered, state, pending_kind, created_at, version FROM users";

/// Which of the organization's clients a reader may see: all of them, or (a Practitioner with
/// security tags) those carrying at least one of the tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Tagged(Vec<i64>),
}

/// A filtered list counts its matches exactly up to this many ("1,000+" beyond), and a search
/// pages through its first this-many matches: a common word among a million clients would
/// otherwise mean reading and sorting tens of thousands of rows for one page.
pub const MATCH_CAP: usize = 1_000;

/// The search term as the table stores search text: lowercase, without LIKE's wildcards.
fn search_term(search: &str) -> String {
    // Backslashes too: PostgreSQL's LIKE treats it as an escape, SQLite's does not.
    search.to_lowercase().replace(['%', '_', '\\'], "")
}

pub fn search_pattern(search: &str) -> String {
    format!("%{}%", search_term(search))
}

/// `AND` clause keeping the rows of SQLite's trigram index `alias` whose text contains the
/// search. Three characters or more become a phrase query, which intersects the index's lists
/// without reading a row (`LIKE` reads every candidate's text: 16 ms instead of 1 ms for a
/// common surname among 100,000 clients); shorter terms have no trigram and use `LIKE`.
fn sqlite_search(sql: &mut Sql, alias: &str, search: &str) {
    let term = search_term(search);
    if term.chars().count() >= 3 {
        sql.push(&format!(" {alias}.search_text MATCH "))
            .bind(format!("\"{}\"", term.replace('"', "\"\"")));
    } else {
        sql.push(&format!(" {alias}.search_text LIKE "))
            .bind(format!("%{term}%"));
    }
}

/// `AND` clause keeping the clients the scope allows, on table alias `u`.
fn scope_filter(sql: &mut Sql, scope: &Scope) {
    if let Scope::Tagged(tags) = scope {
        sql.push(
            " AND EXISTS (SELECT 1 FROM client_tags sc WHERE sc.user_id = u.id AND sc.tag_id IN ",
        )
        .bind_list(tags)
        .push(")");
    }
}

/// `u.state = '…'`, the state written into the statement rather than bound: SQLite uses the
/// partial indexes of the Archived and Pending views (`users_archived_by_dob`, …) only when the
/// statement itself names the state they hold.
pub fn state_is(state: UserState) -> String {
    format!("u.state = '{}'", state.as_str())
}

/// The column of an order whose SQLite index leaves the state out (see its migration), and the
/// Archived view's partial index of that order: the Active view cuts its page from the one
/// minus the other (`active_page`), or, when a search reads the rows anyway, checks each row's
/// state.
fn state_free_order(sort: SortKey) -> Option<(&'static str, &'static str)> {
    match sort {
        SortKey::Created => Some(("created_at", "users_archived_by_created")),
        SortKey::DateOfBirth => Some(("date_of_birth", "users_archived_by_dob")),
        SortKey::ExternalId => Some(("external_id", "users_archived_by_external_id")),
        SortKey::Name | SortKey::Email => None,
    }
}

/// `AND` clauses for the view, the tag filter and the reader's scope, on table alias `u`.
fn view_filter(sql: &mut Sql, org_id: i64, query: &ClientQuery, scope: &Scope) {
    sql.push(" u.org_id = ")
        .bind(org_id)
        .push(" AND u.kind = 'client' AND ")
        .push(&state_is(query.state));
    if query.state == UserState::Active && state_free_order(query.sort).is_some() {
        // What the state-free index of these orders is keyed on after the organization and
        // kind: it skips every pending row, the invitations among them first in the order,
        // without reading a row. Sorted by name or email, the term would cost a row read per
        // row skipped.
        sql.push(" AND u.pending_kind IS NULL");
    }
    narrowing_filter(sql, query, scope);
}

/// `AND` clauses for the tag filter and the reader's scope, on table alias `u`.
fn narrowing_filter(sql: &mut Sql, query: &ClientQuery, scope: &Scope) {
    if let Some(tag) = query.tag {
        // EXISTS probes the (user_id, tag_id) key row by row; IN would first collect every
        // client with the tag.
        sql.push(
            " AND EXISTS (SELECT 1 FROM client_tags ct WHERE ct.user_id = u.id AND ct.tag_id = ",
        )
        .bind(tag)
        .push(")");
    }
    scope_filter(sql, scope);
}

/// A sort key as a state-free index holds it.
enum Key {
    Int(i64),
    Text(String),
}

/// Where a page starts in a state-free order: the comparison that keeps the entries from the
/// boundary on (`>=` ascending, `<=` descending), and the boundary's key and id.
type PageStart<'a> = (&'static str, (&'a Key, i64));

/// Appends ` AND (u.column, u.id) <op> (key, id)`: a range the index seeks to.
fn key_range(sql: &mut Sql, column: &str, (op, (key, id)): PageStart) {
    sql.push(&format!(" AND (u.{column}, u.id) {op} ("));
    match key {
        Key::Int(value) => sql.bind(*value),
        Key::Text(value) => sql.bind(value.clone()),
    };
    sql.push(", ").bind(id).push(")");
}

/// Appends `SELECT u.column, u.id` of every client that isn't pending (active or archived),
/// within the tag and the reader's scope: the state-free index's entries, read without a row.
fn state_free_entries(
    sql: &mut Sql,
    column: &str,
    org_id: i64,
    query: &ClientQuery,
    scope: &Scope,
) {
    sql.push(&format!(
        "SELECT u.{column}, u.id FROM users u WHERE u.org_id = "
    ))
    .bind(org_id)
    .push(" AND u.kind = 'client' AND u.pending_kind IS NULL");
    narrowing_filter(sql, query, scope);
}

/// Appends `SELECT <what> FROM users u [INDEXED BY index] WHERE` the client is archived: the
/// Archived view's partial index of a state-free order.
fn archived_entries(sql: &mut Sql, what: &str, index: Option<&str>, org_id: i64) {
    let indexed = index
        .map(|name| format!(" INDEXED BY {name}"))
        .unwrap_or_default();
    sql.push(&format!(
        "SELECT {what} FROM users u{indexed} WHERE u.org_id = "
    ))
    .bind(org_id)
    .push(" AND u.kind = 'client' AND ")
    .push(&state_is(UserState::Archived));
}

/// A page of the Active view in a state-free order, as one statement: the state-free entries
/// (from `from` on, when given) minus the Archived view's, merged in order, `limit` of them
/// after the number `skip` appends; then the page's own rows, and no other row is read.
fn merged_page(
    column: &str,
    org_id: i64,
    query: &ClientQuery,
    scope: &Scope,
    (limit, from): (i64, Option<PageStart>),
    skip: impl FnOnce(&mut Sql),
) -> Sql {
    let dir = if query.descending { "DESC" } else { "ASC" };
    let mut sql = Sql::new("WITH page(k, pid) AS (");
    state_free_entries(&mut sql, column, org_id, query, scope);
    if let Some(from) = from {
        key_range(&mut sql, column, from);
    }
    sql.push(" EXCEPT ");
    archived_entries(&mut sql, &format!("u.{column}, u.id"), None, org_id);
    if let Some(from) = from {
        key_range(&mut sql, column, from);
    }
    sql.push(&format!(" ORDER BY 1 {dir}, 2 {dir} LIMIT "))
        .bind(limit)
        .push(" OFFSET ");
    skip(&mut sql);
    sql.push(") ")
        .push(CLIENT_COLUMNS)
        .push(" u WHERE u.id IN (SELECT pid FROM page)")
        .push(&order_by(query));
    sql
}

/// On SQLite, the rows of one page of the Active view in an order whose index leaves the state
/// out; `None` for any other query. Filtering rows by state read one row per row skipped (page
/// 200 of 100,000 clients by date of birth: 4.0 ms); merging the state-free index with the
/// Archived one reads none (2.1 ms), but costs ~140 ns per entry skipped. So the first page
/// merges from the start, and a later one from its boundary ([`active_page_after`]) when it can.
async fn active_page(
    conn: &mut AnyConnection,
    engine: Engine,
    org_id: i64,
    query: &ClientQuery,
    scope: &Scope,
    (limit, offset): (i64, i64),
) -> Result<Option<Vec<AnyRow>>, sqlx::Error> {
    let Some((column, archived)) = state_free_order(query.sort) else {
        return Ok(None);
    };
    if engine != Engine::Sqlite || query.state != UserState::Active {
        return Ok(None);
    }
    if offset > 0 {
        let order = (column, archived);
        let page = (limit, offset);
        if let Some(rows) = active_page_after(conn, order, org_id, query, scope, page).await? {
            return Ok(Some(rows));
        }
    }
    let sql = merged_page(column, org_id, query, scope, (limit, None), |sql| {
        sql.bind(offset);
    });
    let (text, args) = sql.parts();
    let rows = sqlx::query_with(&text, args).fetch_all(&mut *conn).await?;
    Ok(Some(rows))
}

/// A page of the Active view from its boundary: the index entry at the page's offset among
/// every client that isn't pending (active or archived) is one walk of the index alone. With
/// `c` archived clients before that entry, the page is the active ones from the entry on, less
/// the first `c`: the merge then covers a page and `c` entries, and counting `c` reads the small
/// Archived index. `None` when the boundary's key is empty (NULL): those sort first ascending,
/// and a descending page that runs into them needs them too; the caller merges instead. Two
/// statements: a write between them shifts the page by the clients it moved, as it would shift
/// the next page anyway.
async fn active_page_after(
    conn: &mut AnyConnection,
    (column, archived): (&str, &str),
    org_id: i64,
    query: &ClientQuery,
    scope: &Scope,
    (limit, offset): (i64, i64),
) -> Result<Option<Vec<AnyRow>>, sqlx::Error> {
    let dir = if query.descending { "DESC" } else { "ASC" };
    let mut sql = Sql::new("");
    state_free_entries(&mut sql, column, org_id, query, scope);
    sql.push(&format!(" ORDER BY 1 {dir}, 2 {dir} LIMIT 1 OFFSET "))
        .bind(offset);
    let (text, args) = sql.parts();
    let Some(boundary) = sqlx::query_with(&text, args)
        .fetch_optional(&mut *conn)
        .await?
    else {
        // Past the last client that isn't pending, so past the last active one.
        return Ok(Some(Vec::new()));
    };
    let key = match query.sort {
        SortKey::Created => boundary.try_get::<Option<i64>, _>(0)?.map(Key::Int),
        _ => boundary.try_get::<Option<String>, _>(0)?.map(Key::Text),
    };
    let Some(key) = key else {
        return Ok(None);
    };
    let at = (&key, boundary.try_get::<i64, _>(1)?);
    let (from, before) = if query.descending {
        (("<=", at), (">", at))
    } else {
        ((">=", at), ("<", at))
    };
    // The archived clients before the boundary, read from their own index by name: asked for
    // `u.state = 'archived' AND u.{column} IS NULL`, SQLite's planner walked every archived
    // client's row by the email index instead (12 ms among 100,000 clients, not 0.04, on a copy
    // of the bench database).
    let count = |sql: &mut Sql| {
        sql.push("(");
        archived_entries(sql, "COUNT(*)", Some(archived), org_id);
        narrowing_filter(sql, query, scope);
    };
    let sql = merged_page(column, org_id, query, scope, (limit, Some(from)), |sql| {
        sql.push("(");
        if !query.descending {
            // Empty keys sort first ascending, before any boundary with a key.
            count(sql);
            sql.push(&format!(" AND u.{column} IS NULL) + "));
        }
        count(sql);
        key_range(sql, column, before);
        sql.push("))");
    });
    let (text, args) = sql.parts();
    let rows = sqlx::query_with(&text, args).fetch_all(&mut *conn).await?;
    if query.descending && (rows.len() as i64) < limit && query.sort != SortKey::Created {
        // Empty keys sort last descending and the range leaves them out: a short page may
        // have to go on into them, unless there are none.
        let mut sql = Sql::new("SELECT 1 FROM users u WHERE u.org_id = ");
        sql.bind(org_id).push(&format!(
            " AND u.kind = 'client' AND u.pending_kind IS NULL AND u.{column} IS NULL LIMIT 1"
        ));
        let (text, args) = sql.parts();
        if sqlx::query_with(&text, args)
            .fetch_optional(&mut *conn)
            .await?
            .is_some()
        {
            return Ok(None);
        }
    }
    Ok(Some(rows))
}

/// Whether a statement with a search pattern is kept prepared. On PostgreSQL it is not: a
/// prepared statement that has run five times may get the generic plan, made without knowing
/// the pattern, and for `LIKE $1` that plan scans the whole table (53 ms instead of 3 ms for
/// "ada.lovelace.1" among 100,000 clients, once the statistics had moved). An unnamed
/// statement is planned for the pattern it is given, every time.
fn prepare_searches(engine: Engine) -> bool {
    engine == Engine::Sqlite
}

/// Appends the WHERE clause of every row the query matches, search included (no cap).
fn client_filter(sql: &mut Sql, engine: Engine, org_id: i64, query: &ClientQuery) {
    sql.push(" WHERE");
    view_filter(sql, org_id, query, &Scope::All);
    if !query.search.is_empty() {
        match engine {
            Engine::Sqlite => {
                sql.push(" AND u.id IN (SELECT s.rowid FROM users_search s WHERE");
                sqlite_search(sql, "s", &query.search);
                sql.push(")")
            }
            Engine::Postgres => sql
                .push(" AND u.search_text LIKE ")
                .bind(search_pattern(&query.search)),
        };
    }
}

fn order_by(query: &ClientQuery) -> String {
    let dir = if query.descending { "DESC" } else { "ASC" };
    match query.sort {
        SortKey::Name => format!(" ORDER BY u.sort_name {dir}, u.id {dir}"),
        SortKey::Email => format!(" ORDER BY u.email {dir}"),
        SortKey::DateOfBirth => format!(" ORDER BY u.date_of_birth {dir}, u.id {dir}"),
        SortKey::ExternalId => format!(" ORDER BY u.external_id {dir}, u.id {dir}"),
        SortKey::Created => format!(" ORDER BY u.created_at {dir}, u.id {dir}"),
    }
}

/// SQLite's planner takes the tables of a `CROSS JOIN` in the order written, which lets the
/// search index or the tag drive; PostgreSQL chooses well with a plain join.
fn join(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "CROSS JOIN",
        Engine::Postgres => "JOIN",
    }
}

/// One page of a query, how many rows match (`None`: unfiltered, read the counters) and
/// whether that number stopped at `MATCH_CAP`.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub rows: Vec<Client>,
    pub matching: Option<i64>,
    pub capped: bool,
}

fn read_client(row: &AnyRow) -> Result<Client, sqlx::Error> {
    Ok(Client {
        id: row.try_get("id")?,
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        email: row.try_get("email")?,
        date_of_birth: row.try_get("date_of_birth")?,
        sex_at_birth: row
            .try_get::<Option<String>, _>("sex_at_birth")?
            .and_then(|s| SexAtBirth::parse(&s)),
        external_id: row.try_get("external_id")?,
        tags: Vec::new(),
        registered: row.try_get::<i64, _>("registered")? == 1,
        state: read_state(row)?,
        pending_kind: row
            .try_get::<Option<String>, _>("pending_kind")?
            .and_then(|k| PendingKind::parse(&k)),
        email_failed: false,
        created_at_ms: row.try_get("created_at")?,
        version: row.try_get("version")?,
    })
}

/// Reads client rows and fills in their tags and whether their last email failed.
async fn clients_from(
    conn: &mut AnyConnection,
    rows: &[AnyRow],
) -> Result<Vec<Client>, sqlx::Error> {
    let mut clients = rows
        .iter()
        .map(read_client)
        .collect::<Result<Vec<_>, _>>()?;
    if clients.is_empty() {
        return Ok(clients);
    }
    // Tags (in name order) and failed last emails in one round trip: a tag row carries its
    // name, a failure row a NULL name.
    let ids: Vec<i64> = clients.iter().map(|c| c.id).collect();
    let mut sql = Sql::new(
        "SELECT ct.user_id, t.name, t.name_key FROM client_tags ct JOIN tags t ON t.id = ct.tag_id \
         WHERE ct.user_id IN ",
    );
    sql.bind_list(&ids).push(" UNION ALL ");
    super::outbox::push_last_failed(&mut sql, "related_user_id, NULL, NULL", &ids);
    sql.push(" ORDER BY 3");
    let (text, args) = sql.parts();
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    let mut failed = HashSet::new();
    for row in sqlx::query_with(&text, args).fetch_all(&mut *conn).await? {
        let id: i64 = row.try_get(0)?;
        match row.try_get::<Option<String>, _>(1)? {
            Some(name) => tags.entry(id).or_default().push(name),
            None => {
                failed.insert(id);
            }
        }
    }
    for client in &mut clients {
        client.tags = tags.remove(&client.id).unwrap_or_default();
        client.email_failed = failed.contains(&client.id);
    }
    Ok(clients)
}

/// One page of the query within the reader's scope. Unfiltered lists of every client leave
/// `matching` to the counters; anything narrower is counted here, up to the cap.
pub async fn list_clients(
    conn: &mut AnyConnection,
    engine: Engine,
    org_id: i64,
    query: &ClientQuery,
    scope: &Scope,
) -> Result<Listing, sqlx::Error> {
    let limit = i64::from(query.per_page);
    let offset = i64::try_from(query.offset()).unwrap_or(i64::MAX);
    if query.search.is_empty() {
        let rows = match active_page(conn, engine, org_id, query, scope, (limit, offset)).await? {
            Some(rows) => rows,
            None => {
                let mut sql = Sql::new(CLIENT_COLUMNS);
                sql.push(" u WHERE");
                view_filter(&mut sql, org_id, query, scope);
                sql.push(&order_by(query))
                    .push(" LIMIT ")
                    .bind(limit)
                    .push(" OFFSET ")
                    .bind(offset);
                let (text, args) = sql.parts();
                sqlx::query_with(&text, args).fetch_all(&mut *conn).await?
            }
        };
        let rows = clients_from(conn, &rows).await?;
        let counted = match (query.tag, scope) {
            (Some(tag), _) => Some(tagged_count(conn, engine, org_id, query, tag, scope).await?),
            (None, Scope::Tagged(tags)) => {
                Some(scoped_count(conn, engine, org_id, query.state, tags).await?)
            }
            (None, Scope::All) => None,
        };
        let (matching, capped) = match counted {
            Some(n) => (Some(n.min(MATCH_CAP as i64)), n > MATCH_CAP as i64),
            None => (None, false),
        };
        return Ok(Listing {
            rows,
            matching,
            capped,
        });
    }
    // One statement: the first `MATCH_CAP + 1` matches are gathered once, counted, and the page
    // is cut from the first `MATCH_CAP` of them in the table's order. Handing the matches' ids
    // back to be bound into a second statement cost a row message and a parameter per match.
    let mut sql = kept_matches(engine, org_id, query, scope);
    sql.push(" SELECT (SELECT COUNT(*) FROM m) AS matching, ")
        .push(&CLIENT_COLUMNS["SELECT ".len()..])
        .push(" u WHERE u.id IN (SELECT id FROM kept)")
        .push(&order_by(query))
        .push(" LIMIT ")
        .bind(limit)
        .push(" OFFSET ")
        .bind(offset);
    let (text, args) = sql.parts();
    let rows = sqlx::query_with(&text, args)
        .persistent(prepare_searches(engine))
        .fetch_all(&mut *conn)
        .await?;
    let found = match rows.first() {
        Some(row) => row.try_get::<i64, _>("matching")?,
        // A page past the last match (or no match at all) carries no count.
        None if offset > 0 => search_candidates(conn, engine, org_id, query, scope)
            .await?
            .len()
            .try_into()
            .unwrap_or(i64::MAX),
        None => 0,
    };
    let rows = clients_from(conn, &rows).await?;
    Ok(Listing {
        rows,
        matching: Some(found.min(MATCH_CAP as i64)),
        capped: found > MATCH_CAP as i64,
    })
}

/// `WITH` clauses naming a search's first `MATCH_CAP + 1` matches `m` (gathered once) and the
/// first `MATCH_CAP` of them by id `kept`: what a search counts and pages through.
fn kept_matches(engine: Engine, org_id: i64, query: &ClientQuery, scope: &Scope) -> Sql {
    let mut sql = Sql::new("WITH m(id) AS MATERIALIZED (");
    search_candidates_sql(&mut sql, engine, org_id, query, scope);
    sql.push("), kept(id) AS (SELECT id FROM m ORDER BY id LIMIT ")
        .bind(MATCH_CAP as i64)
        .push(")");
    sql
}

/// Appends the statement selecting the ids of [`search_candidates`].
fn search_candidates_sql(
    sql: &mut Sql,
    engine: Engine,
    org_id: i64,
    query: &ClientQuery,
    scope: &Scope,
) {
    match engine {
        Engine::Sqlite => {
            sql.push("SELECT u.id FROM users_search s CROSS JOIN users u ON u.id = s.rowid WHERE");
            sqlite_search(sql, "s", &query.search);
        }
        Engine::Postgres => {
            sql.push("SELECT u.id FROM users u WHERE u.search_text LIKE ")
                .bind(search_pattern(&query.search));
        }
    };
    sql.push(" AND");
    view_filter(sql, org_id, query, scope);
    sql.push(" LIMIT ").bind(MATCH_CAP as i64 + 1);
}

/// The first `MATCH_CAP + 1` clients (by id) a search matches within the view and tag: the
/// search index drives and each hit is checked against the view, stopping at the cap.
async fn search_candidates(
    conn: &mut AnyConnection,
    engine: Engine,
    org_id: i64,
    query: &ClientQuery,
    scope: &Scope,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut sql = Sql::new("");
    search_candidates_sql(&mut sql, engine, org_id, query, scope);
    let (text, args) = sql.parts();
    sqlx::query_with(&text, args)
        .persistent(prepare_searches(engine))
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect()
}

/// Clients of the view with the tag, counted up to `MATCH_CAP + 1`, driven by the tag's index.
async fn tagged_count(
    conn: &mut AnyConnection,
    engine: Engine,
    org_id: i64,
    query: &ClientQuery,
    tag: i64,
    scope: &Scope,
) -> Result<i64, sqlx::Error> {
    let mut sql = Sql::new(&format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM client_tags ct {} users u ON u.id = ct.user_id WHERE ct.tag_id = ",
        join(engine)
    ));
    sql.bind(tag)
        .push(" AND u.org_id = ")
        .bind(org_id)
        .push(" AND u.kind = 'client' AND u.state = ")
        .bind(query.state.as_str());
    scope_filter(&mut sql, scope);
    sql.push(" LIMIT ")
        .bind(MATCH_CAP as i64 + 1)
        .push(") AS capped");
    let (text, args) = sql.parts();
    sqlx::query_with(&text, args)
        .fetch_one(conn)
        .await?
        .try_get(0)
}

/// Clients of the view carrying any of `tags` (a reader's scope), counted up to
/// `MATCH_CAP + 1`, driven by the tags' index.
pub async fn scoped_count(
    conn: &mut AnyConnection,
    engine: Engine,
    org_id: i64,
    state: UserState,
    tags: &[i64],
) -> Result<i64, sqlx::Error> {
    let mut sql = Sql::new(&format!(
        "SELECT COUNT(*) FROM (SELECT DISTINCT ct.user_id FROM client_tags ct {} users u ON u.id = ct.user_id WHERE ct.tag_id IN ",
        join(engine)
    ));
    sql.bind_list(tags)
        .push(" AND u.org_id = ")
        .bind(org_id)
        .push(" AND u.kind = 'client' AND u.state = ")
        .bind(state.as_str())
        .push(" LIMIT ")
        .bind(MATCH_CAP as i64 + 1)
        .push(") AS capped");
    let (text, args) = sql.parts();
    sqlx::query_with(&text, args)
        .fetch_one(conn)
        .await?
        .try_get(0)
}

/// Every id the query matches, ignoring paging: "Select all N matching".
pub async fn ids_matching(
    conn: &mut AnyConnection,
    engine: Engine,
    org_id: i64,
    query: &ClientQuery,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut sql = Sql::new("SELECT u.id FROM users u");
    client_filter(&mut sql, engine, org_id, query);
    sql.push(" ORDER BY u.id");
    let (text, args) = sql.parts();
    sqlx::query_with(&text, args)
        .persistent(query.search.is_empty() || prepare_searches(engine))
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect()
}

/// Every id the query matches within the scope, in the table's order: a search its first
/// `MATCH_CAP` matches (as the table pages through them), anything else every row.
pub async fn ordered_ids(
    conn: &mut AnyConnection,
    engine: Engine,
    org_id: i64,
    query: &ClientQuery,
    scope: &Scope,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut sql = if query.search.is_empty() {
        let mut sql = Sql::new("SELECT u.id FROM users u WHERE");
        view_filter(&mut sql, org_id, query, scope);
        sql
    } else {
        let mut sql = kept_matches(engine, org_id, query, scope);
        sql.push(" SELECT u.id FROM users u WHERE u.id IN (SELECT id FROM kept)");
        sql
    };
    sql.push(&order_by(query));
    let (text, args) = sql.parts();
    sqlx::query_with(&text, args)
        .persistent(query.search.is_empty() || prepare_searches(engine))
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect()
}

/// The clients with these ids (of the organization, within the scope), in the order given.
pub async fn clients_by_ids(
    conn: &mut AnyConnection,
    org_id: i64,
    ids: &[i64],
    scope: &Scope,
) -> Result<Vec<Client>, sqlx::Error> {
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new(CLIENT_COLUMNS);
        sql.push(" u WHERE u.org_id = ")
            .bind(org_id)
            .push(" AND u.kind = 'client' AND u.id IN ")
            .bind_list(chunk);
        scope_filter(&mut sql, scope);
        let (text, args) = sql.parts();
        let rows = sqlx::query_with(&text, args).fetch_all(&mut *conn).await?;
        found.extend(clients_from(conn, &rows).await?);
    }
    let at: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    found.sort_by_key(|c| at.get(&c.id).copied().unwrap_or(usize::MAX));
    Ok(found)
}

/// One client of the organization within the scope, or `None` (another organization's client,
/// or one outside a Practitioner's security tags, is simply absent).
pub async fn get_client(
    conn: &mut AnyConnection,
    org_id: i64,
    id: i64,
    scope: &Scope,
) -> Result<Option<Client>, sqlx::Error> {
    let mut sql = Sql::new(CLIENT_COLUMNS);
    sql.push(" u WHERE u.id = ")
        .bind(id)
        .push(" AND u.org_id = ")
        .bind(org_id)
        .push(" AND u.kind = 'client'");
    scope_filter(&mut sql, scope);
    let (text, args) = sql.parts();
    let rows = sqlx::query_with(&text, args).fetch_all(&mut *conn).await?;
    Ok(clients_from(conn, &rows).await?.pop())
}

/// Saves new details if the client is still at `version` and not archived; true when it did.
pub async fn update_client(
    conn: &mut AnyConnection,
    org_id: i64,
    id: i64,
    version: i64,
    details: &ClientDetails,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let first = details.first_name.as_str();
    let last = details.last_name.as_str();
    let external_id = details.external_id.as_ref().map(|e| e.as_str().to_string());
    let done = sqlx::query(
        "UPDATE users SET first_name = $1, last_name = $2, email = $3, date_of_birth = $4, sex_at_birth = $5, \
         external_id = $6, sort_name = $7, search_text = $8, version = version + 1, updated_at = $9 \
         WHERE id = $10 AND org_id = $11 AND kind = 'client' AND state <> 'archived' AND version = $12",
    )
    .bind(first.to_owned())
    .bind(last.to_owned())
    .bind(details.email.as_str().to_owned())
    .bind(details.date_of_birth.iso())
    .bind(details.sex_at_birth.as_str())
    .bind(external_id.clone())
    .bind(sort_name(first, last))
    .bind(search_text(first, last, details.email.as_str(), external_id.as_deref()))
    .bind(now)
    .bind(id)
    .bind(org_id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Fills in an invited person's details and password and makes them active; false when the row
/// is no longer an open invitation.
pub async fn complete_invitation(
    conn: &mut AnyConnection,
    id: i64,
    details: &ClientDetails,
    password_hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let first = details.first_name.as_str();
    let last = details.last_name.as_str();
    let email = details.email.as_str();
    let done = sqlx::query(
        "UPDATE users SET first_name = $1, last_name = $2, date_of_birth = $3, sex_at_birth = $4, sort_name = $5, \
         search_text = $6, password_hash = $7, registered = 1, state = 'active', pending_kind = NULL, \
         session_epoch = session_epoch + 1, version = version + 1, updated_at = $8 \
         WHERE id = $9 AND state = 'pending' AND pending_kind = 'invited'",
    )
    .bind(first.to_owned())
    .bind(last.to_owned())
    .bind(details.date_of_birth.iso())
    .bind(details.sex_at_birth.as_str())
    .bind(sort_name(first, last))
    .bind(search_text(first, last, email, None))
    .bind(password_hash.to_owned())
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Fills in an invited team member's name and password and makes them active; false when the
/// row is no longer an open invitation. Their roles were granted when they were invited.
pub async fn complete_team_invitation(
    conn: &mut AnyConnection,
    id: i64,
    details: &TeamMemberDetails,
    password_hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (first, last) = (details.first_name.as_str(), details.last_name.as_str());
    let done = sqlx::query(
        "UPDATE users SET first_name = $1, last_name = $2, sort_name = $3, search_text = $4, password_hash = $5, \
         registered = 1, state = 'active', pending_kind = NULL, session_epoch = session_epoch + 1, \
         version = version + 1, updated_at = $6 \
         WHERE id = $7 AND kind = 'team' AND state = 'pending' AND pending_kind = 'invited'",
    )
    .bind(first.to_owned())
    .bind(last.to_owned())
    .bind(sort_name(first, last))
    .bind(search_text(first, last, details.email.as_str(), None))
    .bind(password_hash.to_owned())
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What a person's account page shows beyond `CurrentUser`, and what renaming needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub date_of_birth: Option<String>,
    pub sex_at_birth: Option<SexAtBirth>,
    pub external_id: Option<String>,
    pub email: String,
    pub version: i64,
}

pub async fn profile(conn: &mut AnyConnection, id: i64) -> Result<Option<Profile>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT date_of_birth, sex_at_birth, external_id, email, version FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(Profile {
            date_of_birth: r.try_get(0)?,
            sex_at_birth: r
                .try_get::<Option<String>, _>(1)?
                .and_then(|s| SexAtBirth::parse(&s)),
            external_id: r.try_get(2)?,
            email: r.try_get(3)?,
            version: r.try_get(4)?,
        })
    })
    .transpose()
}

/// Renames an active person who is still at `profile.version`; true when it did.
pub async fn rename(
    conn: &mut AnyConnection,
    id: i64,
    profile: &Profile,
    first: &str,
    last: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET first_name = $1, last_name = $2, sort_name = $3, search_text = $4, \
         version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7 AND state = 'active'",
    )
    .bind(first.to_owned())
    .bind(last.to_owned())
    .bind(sort_name(first, last))
    .bind(search_text(first, last, &profile.email, profile.external_id.as_deref()))
    .bind(now)
    .bind(id)
    .bind(profile.version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What a registration code's check needs to know about its person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationTarget {
    pub org_id: i64,
    pub kind: UserKind,
    pub state: UserState,
    pub registered: bool,
    pub date_of_birth: Option<String>,
    pub email: String,
}

pub async fn registration_target(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<RegistrationTarget>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT org_id, kind, state, registered, date_of_birth, email FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(RegistrationTarget {
            org_id: r.try_get("org_id")?,
            kind: read_kind(&r)?,
            state: read_state(&r)?,
            registered: r.try_get::<i64, _>("registered")? == 1,
            date_of_birth: r.try_get("date_of_birth")?,
            email: r.try_get("email")?,
        })
    })
    .transpose()
}

/// A row [`clients_in_view`] reads: a JSON array of these fields, in this order (names in each
/// row cost 3–4 ms more per 1,000 rows in the benchmark).
#[derive(serde::Deserialize)]
struct InView {
    id: i64,
    org_id: i64,
    kind: String,
    state: String,
    pending_kind: Option<String>,
    first_name: String,
    last_name: String,
    email: String,
}

/// Of `ids`, the clients of the organization in `state`, sorted by id, each with who they are
/// and why they are pending. One read serves both the bulk actions' check and their work
/// (names for the audit, addresses for emails).
///
/// Each statement returns its rows as one JSON array in one row: sqlx hands each SQLite row
/// from its worker thread to the caller separately, which cost ~10 µs a row (5–7 ms per 500
/// ids, against ~1.3 ms for SQLite itself).
pub async fn clients_in_view(
    conn: &mut AnyConnection,
    org_id: i64,
    state: UserState,
    ids: &[i64],
) -> Result<Vec<(Person, Option<PendingKind>)>, sqlx::Error> {
    // Only the ids drive the lookup; the rest is checked here. With org, kind and state in
    // the WHERE, SQLite walked the whole (org, kind, state) index (100,000 active rows: 15 ms
    // per 500 ids) instead of looking the ids up.
    let select = match Engine::of(conn) {
        Engine::Sqlite => {
            "SELECT json_group_array(json_array(id, org_id, kind, state, pending_kind, first_name, last_name, email)) \
             FROM users WHERE id IN "
        }
        Engine::Postgres => {
            "SELECT COALESCE(json_agg(json_build_array(id, org_id, kind, state, pending_kind, first_name, last_name, email)), '[]')::text \
             FROM users WHERE id IN "
        }
    };
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new(select);
        sql.bind_list(chunk);
        let (text, args) = sql.parts();
        let json: String = sqlx::query_scalar_with(&text, args)
            .fetch_one(&mut *conn)
            .await?;
        let rows: Vec<InView> =
            serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        for row in rows {
            if row.org_id != org_id
                || row.kind != "client"
                || UserState::parse(&row.state) != Some(state)
            {
                continue;
            }
            found.push((
                Person {
                    id: row.id,
                    first_name: row.first_name,
                    last_name: row.last_name,
                    email: row.email,
                },
                row.pending_kind.as_deref().and_then(PendingKind::parse),
            ));
        }
    }
    found.sort_unstable_by_key(|(person, _)| person.id);
    Ok(found)
}

/// Of `ids`, those that have set a password (registered clients need no registration code).
pub async fn registered_among(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> Result<Vec<i64>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new("SELECT id FROM users WHERE registered = 1 AND id IN ");
        sql.bind_list(chunk);
        let (text, args) = sql.parts();
        for row in sqlx::query_with(&text, args).fetch_all(&mut *conn).await? {
            found.push(row.try_get(0)?);
        }
    }
    Ok(found)
}

/// Moves users to `state`. Leaving a state ends their sessions (the epoch changes) and leaving
/// Pending forgets why they were pending.
pub async fn set_state(
    conn: &mut AnyConnection,
    ids: &[i64],
    state: UserState,
    now: i64,
) -> Result<(), sqlx::Error> {
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new("UPDATE users SET state = ");
        sql.bind(state.as_str())
            .push(", session_epoch = session_epoch + 1, version = version + 1, updated_at = ")
            .bind(now)
            .push(" WHERE id IN ")
            .bind_list(chunk);
        let (text, args) = sql.parts();
        sqlx::query_with(&text, args).execute(&mut *conn).await?;
        // A row leaving Pending loses its pending kind. Its own statement, naming only the
        // rows that have one: SQLite rewrites the entries of every index on a column the SET
        // names, and pending_kind keys the indexes sorted by created, date of birth and
        // external id, which archiving otherwise leaves alone.
        if state != UserState::Pending {
            let mut sql = Sql::new("UPDATE users SET pending_kind = NULL WHERE id IN ");
            sql.bind_list(chunk).push(" AND pending_kind IS NOT NULL");
            let (text, args) = sql.parts();
            sqlx::query_with(&text, args).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// Ends every session of these users (their session auth hash changes).
pub async fn end_sessions(
    conn: &mut AnyConnection,
    ids: &[i64],
    now: i64,
) -> Result<(), sqlx::Error> {
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new("UPDATE users SET session_epoch = session_epoch + 1, updated_at = ");
        sql.bind(now).push(" WHERE id IN ").bind_list(chunk);
        let (text, args) = sql.parts();
        sqlx::query_with(&text, args).execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn delete_many(conn: &mut AnyConnection, ids: &[i64]) -> Result<(), sqlx::Error> {
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new("DELETE FROM users WHERE id IN ");
        sql.bind_list(chunk);
        let (text, args) = sql.parts();
        sqlx::query_with(&text, args).execute(&mut *conn).await?;
    }
    Ok(())
}

/// A user as emails and audit entries name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

impl Person {
    /// "Ada Lovelace <ada@example.com>", or just the address when no name is known yet.
    pub fn label(&self) -> String {
        let name = format!("{} {}", self.first_name, self.last_name);
        if name.trim().is_empty() {
            self.email.clone()
        } else {
            format!("{} <{}>", name.trim(), self.email)
        }
    }
}

pub async fn people(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<Person>, sqlx::Error> {
    let mut people = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let mut sql = Sql::new("SELECT id, first_name, last_name, email FROM users WHERE id IN ");
        sql.bind_list(chunk);
        let (text, args) = sql.parts();
        for row in sqlx::query_with(&text, args).fetch_all(&mut *conn).await? {
            people.push(Person {
                id: row.try_get(0)?,
                first_name: row.try_get(1)?,
                last_name: row.try_get(2)?,
                email: row.try_get(3)?,
            });
        }
    }
    people.sort_unstable_by_key(|p| p.id);
    Ok(people)
}

/// Users per state, from the counters the triggers keep (never a scan of `users`).
pub async fn state_counts(
    conn: &mut AnyConnection,
    org_id: i64,
    kind: UserKind,
) -> Result<StateCounts, sqlx::Error> {
    let rows = sqlx::query("SELECT state, n FROM user_counts WHERE org_id = $1 AND kind = $2")
        .bind(org_id)
        .bind(kind_str(kind))
        .fetch_all(conn)
        .await?;
    counts_from(&rows)
}

/// The organization's client counts per state and its client limit, in one round trip (the
/// Clients table asks for both on every page).
pub async fn client_counts_and_limit(
    conn: &mut AnyConnection,
    org_id: i64,
) -> Result<(StateCounts, i64), sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.state, c.n, o.client_limit FROM organizations o \
         LEFT JOIN user_counts c ON c.org_id = o.id AND c.kind = 'client' WHERE o.id = $1",
    )
    .bind(org_id)
    .fetch_all(conn)
    .await?;
    let Some(first) = rows.first() else {
        return Err(sqlx::Error::RowNotFound);
    };
    let limit = first.try_get("client_limit")?;
    Ok((counts_from(&rows)?, limit))
}

/// Rows of (state, n), the state NULL where an outer join found no counts.
fn counts_from(rows: &[AnyRow]) -> Result<StateCounts, sqlx::Error> {
    let mut counts = StateCounts::default();
    for row in rows {
        let Some(state) = row.try_get::<Option<String>, _>(0)? else {
            continue;
        };
        let n: i64 = row.try_get(1)?;
        match UserState::parse(&state) {
            Some(UserState::Active) => counts.active = n,
            Some(UserState::Pending) => counts.pending = n,
            Some(UserState::Archived) => counts.archived = n,
            None => {}
        }
    }
    Ok(counts)
}
