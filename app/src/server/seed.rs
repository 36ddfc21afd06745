//! Organizations and people created from the command line: `create-admin`, `seed-demo`, and the
//! demo organization `serve --demo` sets up so a person can try Roster at once.
use super::{
    clock::now_ms,
    db::{self, Db},
    password,
};
use crate::{
    api::error::AppError,
    domain::{
        password::Password, user::UserKind, Email, Field, Invalid, PersonName, Role, UserState,
    },
};
use rand::{distributions::Alphanumeric, Rng};
use sqlx::Row;

pub const DEMO_ORG: &str = "Harbor Health Coaching";
pub const DEMO_ADMIN_EMAIL: &str = "admin@harbor-health.example";

pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The organization called `name`, created with a limit of 250 clients when it does not exist.
pub async fn ensure_org(db: &Db, name: &str) -> Result<i64, AppError> {
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.chars().any(char::is_control) {
        return Err(Invalid::new(Field::OrganizationName, "Give the organization a name").into());
    }
    let mut conn = db.pool().acquire().await?;
    if let Some(org) = db::orgs::find_by_slug(&mut conn, &slug(trimmed)).await? {
        return Ok(org.id);
    }
    Ok(db::orgs::insert(&mut conn, trimmed, &slug(trimmed), 250, now_ms()).await?)
}

/// Creates an active Administrator (the Owner if the organization has none yet), or gives an
/// existing member with that email the Administrator role and the new password.
pub async fn create_admin(
    db: &Db,
    org_name: &str,
    email: &str,
    password: &str,
    first: &str,
    last: &str,
) -> Result<i64, AppError> {
    let email = Email::parse(email)?;
    let password = Password::parse(password)?;
    let first = PersonName::parse_for(Field::FirstName, first)?;
    let last = PersonName::parse_for(Field::LastName, last)?;
    let org_id = ensure_org(db, org_name).await?;
    let hash = password::hash(&password).await?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let has_owner: i64 =
        sqlx::query("SELECT COUNT(*) FROM users WHERE org_id = $1 AND is_owner = 1")
            .bind(org_id)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
    let id = match db::users::find_id_by_email(&mut tx, org_id, email.as_str()).await? {
        Some(id) => {
            db::users::set_password(&mut tx, id, &hash, now).await?;
            id
        }
        None => {
            let user = db::users::NewUser {
                org_id,
                kind: UserKind::Team,
                first_name: first.as_str(),
                last_name: last.as_str(),
                email: email.as_str(),
                date_of_birth: None,
                sex_at_birth: None,
                external_id: None,
                state: UserState::Active,
                registered: true,
                pending_kind: None,
                is_owner: has_owner == 0,
                password_hash: Some(hash),
            };
            db::users::insert(&mut tx, &user, now).await?
        }
    };
    db::team_roles::grant(&mut tx, id, Role::Administrator).await?;
    db::audit::record(
        &mut tx,
        db::audit::Entry {
            org_id,
            actor_id: None,
            action: "admin_created",
            subject_user_id: Some(id),
            detail: "command line".into(),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A random password that meets the password rule, for the demo admin.
pub fn random_password() -> String {
    loop {
        let body: String = rand::thread_rng()
            .sample_iter(&Alphanumeric)
            .take(14)
            .map(char::from)
            .collect();
        let candidate = format!("{}-{}", &body[..7], &body[7..]);
        if Password::parse(&candidate).is_ok() {
            return candidate;
        }
    }
}

const FIRST: [&str; 32] = [
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Margaret",
    "Dennis",
    "Radia",
    "Tim",
    "Hedy",
    "Linus",
    "Katherine",
    "John",
    "Annie",
    "Niklaus",
    "Sophie",
    "Vint",
    "Joan",
    "Guido",
    "Karen",
    "Bjarne",
    "Mary",
    "James",
    "Shafi",
    "Leslie",
    "Evelyn",
    "Robin",
    "Lynn",
    "Whitfield",
];
const LAST: [&str; 32] = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Thompson",
    "Hamilton",
    "Ritchie",
    "Perlman",
    "Berners",
    "Lamarr",
    "Torvalds",
    "Johnson",
    "McCarthy",
    "Easley",
    "Wirth",
    "Wilson",
    "Cerf",
    "Clarke",
    "Rossum",
    "Jones",
    "Stroustrup",
    "Keller",
    "Gosling",
    "Goldwasser",
    "Lamport",
    "Boyd",
    "Milner",
    "Conway",
    "Diffie",
];
const TAGS: [&str; 8] = [
    "Weight Loss",
    "Diabetes Prevention",
    "Sleep",
    "Nutrition",
    "Strength",
    "Stress",
    "Heart Health",
    "Mobility",
];

#[derive(Debug, Clone, Copy)]
pub struct SeedReport {
    pub org_id: i64,
    pub clients: u64,
}

/// Adds `clients` synthetic clients (and, the first time, tags and team members) to the demo
/// organization. Deterministic: the n-th client is always the same person. About 5% are pending
/// and 7% archived; each carries one of eight tags and every fifth a second.
pub async fn seed_demo(db: &Db, clients: u64) -> Result<SeedReport, AppError> {
    let org_id = ensure_org(db, DEMO_ORG).await?;
    let now = now_ms();
    let mut conn = db.pool().acquire().await?;
    let existing: i64 =
        sqlx::query("SELECT COUNT(*) FROM users WHERE org_id = $1 AND kind = 'client'")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
    let start = u64::try_from(existing).unwrap_or(0);
    let limit = i64::try_from((start + clients) * 11 / 10)
        .unwrap_or(i64::MAX)
        .max(250);
    sqlx::query("UPDATE organizations SET client_limit = $1 WHERE id = $2 AND client_limit < $1")
        .bind(limit)
        .bind(org_id)
        .execute(&mut *conn)
        .await?;
    let mut tag_ids = Vec::new();
    for tag in TAGS {
        tag_ids.push(db::tags::ensure(&mut conn, org_id, tag, now).await?);
    }
    let first_new = 1 + sqlx::query("SELECT COALESCE(MAX(id), 0) FROM users")
        .fetch_one(&mut *conn)
        .await?
        .try_get::<i64, _>(0)?;
    drop(conn);
    if start == 0 {
        seed_team(db, org_id, &tag_ids, now).await?;
    }

    const BATCH: u64 = 500;
    const BATCHES_PER_TX: u64 = 100;
    let mut n = start;
    let end = start + clients;
    while n < end {
        let mut tx = db.begin().await?;
        for _ in 0..BATCHES_PER_TX {
            if n >= end {
                break;
            }
            let batch_end = (n + BATCH).min(end);
            insert_clients(&mut tx, org_id, n, batch_end, now).await?;
            n = batch_end;
        }
        tx.commit().await?;
    }
    let mut tx = db.begin().await?;
    for (i, tag_id) in tag_ids.iter().enumerate() {
        let slot = i64::try_from(i).unwrap_or(0);
        sqlx::query("INSERT INTO client_tags (user_id, tag_id) SELECT id, $1 FROM users WHERE org_id = $2 AND kind = 'client' AND id >= $3 AND id % 8 = $4 AND pending_kind IS DISTINCT FROM 'invited'")
            .bind(*tag_id)
            .bind(org_id)
            .bind(first_new)
            .bind(slot)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO client_tags (user_id, tag_id) SELECT id, $1 FROM users WHERE org_id = $2 AND kind = 'client' AND id >= $3 AND id % 5 = 0 AND id % 8 <> 3 AND pending_kind IS DISTINCT FROM 'invited'",
    )
    .bind(tag_ids[3])
    .bind(org_id)
    .bind(first_new)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if db.engine() == db::Engine::Postgres {
        // PostgreSQL plans from statistics that only (auto)vacuum gathers: until then it
        // takes a table of 1,000,000 fresh rows for a handful and picks index walks that
        // read it all (1.3 s for a search). Gather them now, and mark the pages all-visible
        // so index-only scans stay index-only.
        sqlx::raw_sql("VACUUM ANALYZE users, client_tags, tags")
            .execute(db.pool())
            .await?;
    }
    Ok(SeedReport { org_id, clients })
}

async fn insert_clients(
    tx: &mut db::Tx,
    org_id: i64,
    from: u64,
    to: u64,
    now: i64,
) -> Result<(), AppError> {
    let mut sql = db::Sql::new(
        "INSERT INTO users (org_id, kind, first_name, last_name, email, date_of_birth, sex_at_birth, external_id, state, pending_kind, registered, sort_name, search_text, created_at, updated_at) VALUES ",
    );
    for n in from..to {
        let i = usize::try_from(n).unwrap_or(0);
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len() + i) % LAST.len()];
        let email = format!(
            "{}.{}.{n}@example.com",
            first.to_lowercase(),
            last.to_lowercase()
        );
        let (state, pending_kind) = match n {
            n if n % 40 == 7 => (UserState::Pending, Some("requested")),
            n if n % 40 == 27 => (UserState::Pending, Some("invited")),
            n if n % 15 == 4 => (UserState::Archived, None),
            _ => (UserState::Active, None),
        };
        // An invitation nobody has answered yet: only the address is known.
        let known = pending_kind != Some("invited");
        let (first, last) = if known { (first, last) } else { ("", "") };
        let dob = known.then(|| format!("{}-{:02}-{:02}", 1950 + n % 55, 1 + n % 12, 1 + n % 28));
        let sex = known.then_some(if n % 2 == 0 { "female" } else { "male" });
        let external_id = (known && n % 10 < 7).then(|| format!("HH-{n:07}"));
        let created = now - i64::try_from((to - n) * 60_000).unwrap_or(0);
        if n > from {
            sql.push(", ");
        }
        sql.push("(")
            .bind(org_id)
            .push(", 'client', ")
            .bind(first)
            .push(", ")
            .bind(last)
            .push(", ");
        sql.bind(email.clone())
            .push(", ")
            .bind(dob)
            .push(", ")
            .bind(sex)
            .push(", ");
        sql.bind(external_id.clone())
            .push(", ")
            .bind(state.as_str())
            .push(", ")
            .bind(pending_kind)
            .push(", ")
            .bind(i64::from(n % 3 != 0 && state != UserState::Pending))
            .push(", ");
        sql.bind(db::users::sort_name(first, last)).push(", ");
        sql.bind(db::users::search_text(
            first,
            last,
            &email,
            external_id.as_deref(),
        ))
        .push(", ");
        sql.bind(created).push(", ").bind(created).push(")");
    }
    let (text, args) = sql.parts();
    sqlx::query_with(&text, args).execute(&mut **tx).await?;
    Ok(())
}

async fn seed_team(db: &Db, org_id: i64, tag_ids: &[i64], now: i64) -> Result<(), AppError> {
    let team: [(&str, &str, &[Role], Option<usize>); 5] = [
        (
            "Maya",
            "Okafor",
            &[Role::Practitioner, Role::Administrator],
            None,
        ),
        ("Luis", "Fernandez", &[Role::Practitioner], Some(0)),
        ("Priya", "Raman", &[Role::Practitioner], Some(2)),
        ("Tom", "Becker", &[Role::BillingAdministrator], None),
        ("Hana", "Sato", &[Role::Practitioner], None),
    ];
    let mut tx = db.begin().await?;
    for (first, last, roles, security_tag) in team {
        let email = format!(
            "{}.{}@harbor-health.example",
            first.to_lowercase(),
            last.to_lowercase()
        );
        let user = db::users::NewUser {
            org_id,
            kind: UserKind::Team,
            first_name: first,
            last_name: last,
            email: &email,
            date_of_birth: None,
            sex_at_birth: None,
            external_id: None,
            state: UserState::Active,
            registered: true,
            pending_kind: None,
            is_owner: false,
            password_hash: None,
        };
        let id = db::users::insert(&mut tx, &user, now).await?;
        for role in roles {
            db::team_roles::grant(&mut tx, id, *role).await?;
        }
        if let Some(tag) = security_tag {
            db::security_tags::replace(&mut tx, id, &[tag_ids[tag]]).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// For `serve --demo`: seeds the demo organization once, then (every start) gives the demo
/// admin a fresh random password and returns it to print.
pub async fn prepare_demo(db: &Db) -> Result<(String, String), AppError> {
    let mut conn = db.pool().acquire().await?;
    let exists = db::orgs::find_by_slug(&mut conn, &slug(DEMO_ORG))
        .await?
        .is_some();
    drop(conn);
    if !exists {
        seed_demo(db, 120).await?;
    }
    let password = random_password();
    create_admin(db, DEMO_ORG, DEMO_ADMIN_EMAIL, &password, "Avery", "Quinn").await?;
    Ok((DEMO_ADMIN_EMAIL.to_string(), password))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_joined_by_dashes() {
        assert_eq!(
            slug("  Harbor Health & Coaching! "),
            "harbor-health-coaching"
        );
    }

    #[test]
    fn random_passwords_meet_the_password_rule() {
        for _ in 0..20 {
            assert!(Password::parse(&random_password()).is_ok());
        }
    }
}
