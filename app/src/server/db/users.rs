//! The `users` table: clients and team members of every organization.
use super::{flag, Engine, Sql};
use crate::domain::{
    user::{Client, ClientQuery, CurrentUser, SortKey, StateCounts, TeamMember, UserKind},
    Role, SexAtBirth, UserState,
};
use sqlx::{any::AnyRow, AnyConnection, Row};
use std::collections::HashMap;

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

fn kind_str(kind: UserKind) -> &'static str {
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
         registered, is_owner, password_hash, sort_name, search_text, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
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
    .fetch_one(conn)
    .await?
    .try_get(0)
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
    let Some(row) = sqlx::query(
        "SELECT u.id, u.org_id, u.first_name, u.last_name, u.email, u.kind, u.state, u.is_owner, o.name \
         FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.id = $1 AND u.state <> 'pending'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let kind = if row.try_get::<String, _>("kind")? == "team" {
        UserKind::Team
    } else {
        UserKind::Client
    };
    let roles = if kind == UserKind::Team {
        super::team_roles::of_user(conn, id).await?
    } else {
        Vec::new()
    };
    let user = CurrentUser {
        id: row.try_get("id")?,
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        email: row.try_get("email")?,
        organization: row.try_get("name")?,
        kind,
        roles,
        is_owner: row.try_get::<i64, _>("is_owner")? == 1,
        state: read_state(&row)?,
    };
    Ok(Some((row.try_get("org_id")?, user)))
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

fn read_state(row: &AnyRow) -> Result<UserState, sqlx::Error> {
    let raw: String = row.try_get("state")?;
    UserState::parse(&raw)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown user state {raw}").into()))
}

const CLIENT_COLUMNS: &str =
    "SELECT id, first_name, last_name, email, date_of_birth, sex_at_birth, external_id, registered, state, created_at, version FROM users";

/// Appends the WHERE clause shared by a page of clients and its count.
fn client_filter(sql: &mut Sql, engine: Engine, org_id: i64, query: &ClientQuery) {
    sql.push(" WHERE org_id = ")
        .bind(org_id)
        .push(" AND kind = 'client' AND state = ")
        .bind(query.state.as_str());
    if let Some(tag) = query.tag {
        sql.push(" AND id IN (SELECT user_id FROM client_tags WHERE tag_id = ")
            .bind(tag)
            .push(")");
    }
    if !query.search.is_empty() {
        let pattern = format!("%{}%", query.search.to_lowercase().replace('%', ""));
        match engine {
            Engine::Sqlite => sql
                .push(" AND id IN (SELECT rowid FROM users_search WHERE search_text LIKE ")
                .bind(pattern)
                .push(")"),
            Engine::Postgres => sql.push(" AND search_text LIKE ").bind(pattern),
        };
    }
}

pub async fn list_clients(
    conn: &mut AnyConnection,
    engine: Engine,
    org_id: i64,
    query: &ClientQuery,
) -> Result<Vec<Client>, sqlx::Error> {
    let mut sql = Sql::new(CLIENT_COLUMNS);
    client_filter(&mut sql, engine, org_id, query);
    let dir = if query.descending { "DESC" } else { "ASC" };
    let order = match query.sort {
        SortKey::Name => format!(" ORDER BY sort_name {dir}, id {dir}"),
        SortKey::Email => format!(" ORDER BY email {dir}"),
        SortKey::DateOfBirth => format!(" ORDER BY date_of_birth {dir}, id {dir}"),
        SortKey::ExternalId => format!(" ORDER BY external_id {dir}, id {dir}"),
        SortKey::Created => format!(" ORDER BY created_at {dir}, id {dir}"),
    };
    sql.push(&order)
        .push(" LIMIT ")
        .bind(i64::from(query.per_page))
        .push(" OFFSET ")
        .bind(i64::try_from(query.offset()).unwrap_or(i64::MAX));
    let (text, args) = sql.parts();
    let rows = sqlx::query_with(&text, args).fetch_all(&mut *conn).await?;
    let ids: Vec<i64> = rows.iter().filter_map(|r| r.try_get(0).ok()).collect();
    let mut tags = super::tags::names_for(conn, &ids).await?;
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            Ok(Client {
                id,
                first_name: row.try_get("first_name")?,
                last_name: row.try_get("last_name")?,
                email: row.try_get("email")?,
                date_of_birth: row.try_get("date_of_birth")?,
                sex_at_birth: row
                    .try_get::<Option<String>, _>("sex_at_birth")?
                    .and_then(|s| SexAtBirth::parse(&s)),
                external_id: row.try_get("external_id")?,
                tags: tags.remove(&id).unwrap_or_default(),
                registered: row.try_get::<i64, _>("registered")? == 1,
                state: read_state(row)?,
                created_at_ms: row.try_get("created_at")?,
                version: row.try_get("version")?,
            })
        })
        .collect()
}

pub async fn count_clients(
    conn: &mut AnyConnection,
    engine: Engine,
    org_id: i64,
    query: &ClientQuery,
) -> Result<i64, sqlx::Error> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM users");
    client_filter(&mut sql, engine, org_id, query);
    let (text, args) = sql.parts();
    sqlx::query_with(&text, args)
        .fetch_one(conn)
        .await?
        .try_get(0)
}

pub async fn state_counts(
    conn: &mut AnyConnection,
    org_id: i64,
    kind: UserKind,
) -> Result<StateCounts, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT state, COUNT(*) FROM users WHERE org_id = $1 AND kind = $2 GROUP BY state",
    )
    .bind(org_id)
    .bind(kind_str(kind))
    .fetch_all(conn)
    .await?;
    let mut counts = StateCounts::default();
    for row in rows {
        let n: i64 = row.try_get(1)?;
        match UserState::parse(&row.try_get::<String, _>(0)?) {
            Some(UserState::Active) => counts.active = n,
            Some(UserState::Pending) => counts.pending = n,
            Some(UserState::Archived) => counts.archived = n,
            None => {}
        }
    }
    Ok(counts)
}

pub async fn list_team(
    conn: &mut AnyConnection,
    org_id: i64,
    state: UserState,
) -> Result<Vec<TeamMember>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, first_name, last_name, email, is_owner, registered, state, created_at, version FROM users \
         WHERE org_id = $1 AND kind = 'team' AND state = $2 ORDER BY sort_name, id",
    )
    .bind(org_id)
    .bind(state.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let roles = roles_by_member(conn, org_id).await?;
    let mut security = security_tags_by_member(conn, org_id).await?;
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            Ok(TeamMember {
                id,
                first_name: row.try_get("first_name")?,
                last_name: row.try_get("last_name")?,
                email: row.try_get("email")?,
                roles: roles.get(&id).cloned().unwrap_or_default(),
                is_owner: row.try_get::<i64, _>("is_owner")? == 1,
                security_tags: security.remove(&id).unwrap_or_default(),
                registered: row.try_get::<i64, _>("registered")? == 1,
                state: read_state(row)?,
                created_at_ms: row.try_get("created_at")?,
                version: row.try_get("version")?,
            })
        })
        .collect()
}

async fn roles_by_member(
    conn: &mut AnyConnection,
    org_id: i64,
) -> Result<HashMap<i64, Vec<Role>>, sqlx::Error> {
    let rows = sqlx::query("SELECT r.user_id, r.role FROM team_roles r JOIN users u ON u.id = r.user_id WHERE u.org_id = $1")
        .bind(org_id)
        .fetch_all(conn)
        .await?;
    let mut by_member: HashMap<i64, Vec<Role>> = HashMap::new();
    for row in rows {
        if let Some(role) = Role::parse(&row.try_get::<String, _>(1)?) {
            by_member.entry(row.try_get(0)?).or_default().push(role);
        }
    }
    by_member.values_mut().for_each(|roles| roles.sort());
    Ok(by_member)
}

async fn security_tags_by_member(
    conn: &mut AnyConnection,
    org_id: i64,
) -> Result<HashMap<i64, Vec<String>>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.user_id, t.name FROM security_tags s JOIN tags t ON t.id = s.tag_id WHERE t.org_id = $1 ORDER BY t.name_key",
    )
    .bind(org_id)
    .fetch_all(conn)
    .await?;
    let mut by_member: HashMap<i64, Vec<String>> = HashMap::new();
    for row in rows {
        by_member
            .entry(row.try_get(0)?)
            .or_default()
            .push(row.try_get(1)?);
    }
    Ok(by_member)
}
