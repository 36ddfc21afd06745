//! Importing clients from a CSV file, in two steps the page follows by polling: the uploaded
//! file is checked in the background (a dry run: nothing is written), then, when the admin
//! says so, imported in one transaction. Jobs live in memory for an hour; initial passwords
//! exist in clear only there, are hashed with argon2id before the transaction, and are never
//! logged.
use super::{
    auth::{Admin, AuthSession},
    clients, clock,
    db::{self, users::Person},
    password, registration, tokens, AppState,
};
use crate::{
    api::error::AppError,
    domain::{
        client_actions::thousands,
        import::{
            CheckedRow, Columns, ImportReport, ImportStage, RowProblem, Template, UnknownTag,
            MAX_FILE_BYTES, MAX_LISTED_PROBLEMS, MAX_ROWS,
        },
        user::UserKind,
        Field, Invalid, UserState,
    },
};
use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};
use tokio::sync::watch;

/// How long a checked file waits for its import.
const JOB_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// The import jobs of every organization, by their unguessable id.
#[derive(Default)]
pub struct ImportJobs {
    jobs: Mutex<HashMap<String, Arc<Job>>>,
}

struct Job {
    org_id: i64,
    started: Instant,
    /// Where the job stands; watched by whoever waits for it to settle.
    stage: watch::Sender<ImportStage>,
    checked: Mutex<Option<Checked>>,
}

/// What the dry run keeps for the import: the rows that passed, each with the unknown tags it
/// still needs (indexes into `unknown_tags`).
struct Checked {
    file_name: String,
    rows: Vec<(CheckedRow, Vec<usize>)>,
    unknown_tags: Vec<String>,
}

impl Job {
    fn set(&self, stage: ImportStage) {
        self.stage.send_replace(stage);
    }

    fn stage(&self) -> ImportStage {
        self.stage.borrow().clone()
    }

    /// Waits until the job is checked, imported or failed.
    async fn settled(&self) -> ImportStage {
        let mut watching = self.stage.subscribe();
        loop {
            let now = watching.borrow_and_update().clone();
            let busy = matches!(
                now,
                ImportStage::Checking { .. } | ImportStage::Importing { .. }
            );
            if !busy || watching.changed().await.is_err() {
                return now;
            }
        }
    }
}

impl ImportJobs {
    fn add(&self, job: Job) -> (String, Arc<Job>) {
        let id = tokens::invitation_token();
        let job = Arc::new(job);
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.retain(|_, j| j.started.elapsed() < JOB_LIFETIME);
            jobs.insert(id.clone(), job.clone());
        }
        (id, job)
    }

    /// The organization's job with this id; any other is `NotFound`.
    fn get(&self, org_id: i64, id: &str) -> Result<Arc<Job>, AppError> {
        self.jobs
            .lock()
            .ok()
            .and_then(|jobs| jobs.get(id).cloned())
            .filter(|job| job.org_id == org_id && job.started.elapsed() < JOB_LIFETIME)
            .ok_or(AppError::NotFound)
    }
}

/// The answer of the upload and export handlers when something is refused: the same JSON the
/// server functions send, with a status that says what kind of refusal it is.
pub fn refusal(error: AppError) -> Response {
    let status = match &error {
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        AppError::Invalid(invalid) if invalid.field == Field::File => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::BAD_REQUEST,
    };
    (status, Json(error)).into_response()
}

fn too_large() -> AppError {
    Invalid::new(
        Field::File,
        format!(
            "This file is larger than {} MB. Split it into smaller files and import them one by one.",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
    .into()
}

/// `POST /api/clients/import/upload`: the file's bytes as the body, its name in `X-File-Name`.
/// Files over the limit are refused from their declared length before the body is read, and
/// again while reading if the length lied. Answers `{"job": "…"}` for `import_status`.
pub async fn upload(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let admin = match super::auth::admin_of(&state, &session).await {
        Ok(admin) => admin,
        Err(error) => return refusal(error),
    };
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES) {
        return refusal(too_large());
    }
    let limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => return refusal(too_large()),
    };
    let file_name = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|name| name.chars().filter(|c| !c.is_control()).take(200).collect())
        .unwrap_or_else(|| "clients.csv".to_string());
    match check_file(&state, &admin, file_name, bytes.to_vec()) {
        Ok(job) => Json(serde_json::json!({ "job": job })).into_response(),
        Err(error) => refusal(error),
    }
}

/// Refuses what is not a text file at once; otherwise starts the dry run in the background and
/// returns the job's id.
pub fn check_file(
    state: &AppState,
    admin: &Admin,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<String, AppError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let not_text = || {
        Invalid::new(
            Field::File,
            "This is not a CSV file: it holds binary data. Save your spreadsheet as \"CSV UTF-8\" and upload that.",
        )
    };
    if bytes.contains(&0) {
        return Err(not_text().into());
    }
    let text = String::from_utf8(bytes).map_err(|_| not_text())?;
    let (id, job) = state.imports.add(Job {
        org_id: admin.org_id,
        started: Instant::now(),
        stage: watch::channel(ImportStage::Checking { done: 0, total: 0 }).0,
        checked: Mutex::new(None),
    });
    let state = state.clone();
    let admin = admin.clone();
    tokio::spawn(async move {
        let outcome = dry_run(&state, &admin, &job, &file_name, text).await;
        if let Err(error) = outcome {
            job.set(ImportStage::Failed(error.to_string()));
        }
    });
    Ok(id)
}

/// Where the job stands.
pub fn status(state: &AppState, admin: &Admin, job: &str) -> Result<ImportStage, AppError> {
    Ok(state.imports.get(admin.org_id, job)?.stage())
}

/// Where the job stands once it has stopped working: checked, imported or failed.
pub async fn settled(state: &AppState, admin: &Admin, job: &str) -> Result<ImportStage, AppError> {
    Ok(state.imports.get(admin.org_id, job)?.settled().await)
}

/// The file split into rows of fields, the header first. Blank rows are left out; each row
/// keeps its spreadsheet row number.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            format!("Line {line} of the file could not be read as CSV. Check its quotes.")
        })?;
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        if rows.len() > MAX_ROWS {
            return Err(format!(
                "This file has more than {} rows. Split it and import the parts one by one.",
                thousands(MAX_ROWS)
            ));
        }
        rows.push((index + 1, record.iter().map(str::to_string).collect()));
    }
    Ok(rows)
}

/// Checks every row, then the rows against each other and against the organization (emails
/// in use, tags that do not exist yet), and leaves the report on the job.
async fn dry_run(
    state: &AppState,
    admin: &Admin,
    job: &Arc<Job>,
    file_name: &str,
    text: String,
) -> Result<(), AppError> {
    let today = clock::today();
    let checker = job.clone();
    let parsed = tokio::task::spawn_blocking(move || -> Result<_, String> {
        let mut rows = records(&text)?.into_iter();
        let (_, header) = rows
            .next()
            .ok_or_else(|| "The file is empty.".to_string())?;
        let columns = Columns::from_header(&header)?;
        let rows: Vec<(usize, Vec<String>)> = rows.collect();
        let total = rows.len();
        if total == 0 {
            return Err("The file has a header but no clients under it.".into());
        }
        let mut passed = Vec::with_capacity(total);
        let mut problems = Vec::new();
        for (done, (row, fields)) in rows.into_iter().enumerate() {
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            match columns.check(row, &fields, today) {
                Ok(checked) => passed.push(checked),
                Err(found) => problems.extend(found),
            }
            if done % 2_000 == 0 {
                checker.set(ImportStage::Checking { done, total });
            }
        }
        checker.set(ImportStage::Checking { done: total, total });
        Ok((columns, total, passed, problems))
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let (columns, total, passed, mut problems) = match parsed {
        Ok(parsed) => parsed,
        Err(message) => {
            job.set(ImportStage::Failed(message));
            return Ok(());
        }
    };

    // The same email twice in the file: the later rows are refused.
    let email_column = if columns.template == Template::Vendor {
        "email_address"
    } else {
        "email"
    };
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let mut unique = Vec::with_capacity(passed.len());
    for checked in passed {
        let email = checked.details.email.as_str().to_string();
        match first_row.get(&email) {
            Some(first) => problems.push(RowProblem {
                row: checked.row,
                column: email_column.into(),
                value: email,
                reason: format!("The same email is already in row {first} of this file."),
            }),
            None => {
                first_row.insert(email, checked.row);
                unique.push(checked);
            }
        }
    }

    // Emails the organization already uses, and tags it does not have.
    let mut conn = state.db.pool().acquire().await?;
    let emails: Vec<String> = unique
        .iter()
        .map(|c| c.details.email.as_str().to_string())
        .collect();
    let taken = db::users::emails_in_use(&mut conn, admin.org_id, &emails).await?;
    let known: HashSet<String> = db::tags::list(&mut conn, admin.org_id)
        .await?
        .into_iter()
        .map(|t| t.name.to_lowercase())
        .collect();
    let counts = db::users::state_counts(&mut conn, admin.org_id, UserKind::Client).await?;
    let org = db::orgs::get(&mut conn, admin.org_id).await?;
    drop(conn);

    let mut unknown: Vec<UnknownTag> = Vec::new();
    let mut kept = Vec::with_capacity(unique.len());
    let tag_column = columns.tag_column();
    for checked in unique {
        if taken.contains(checked.details.email.as_str()) {
            problems.push(RowProblem {
                row: checked.row,
                column: email_column.into(),
                value: checked.details.email.as_str().to_string(),
                reason: "Someone in your practice already uses this email.".into(),
            });
            continue;
        }
        let mut missing = Vec::new();
        for tag in checked.tags.iter().filter(|t| !known.contains(&t.key())) {
            let at = match unknown
                .iter()
                .position(|u| u.name.to_lowercase() == tag.key())
            {
                Some(at) => at,
                None => {
                    unknown.push(UnknownTag {
                        name: tag.as_str().to_string(),
                        rows: 0,
                    });
                    unknown.len() - 1
                }
            };
            unknown[at].rows += 1;
            missing.push(at);
            problems.push(RowProblem {
                row: checked.row,
                column: tag_column.clone(),
                value: tag.as_str().to_string(),
                reason: format!(
                    "The tag \"{}\" does not exist yet. Tick it under Tags to create to import this row.",
                    tag.as_str()
                ),
            });
        }
        kept.push((checked, missing));
    }
    problems.sort_by_key(|p| p.row);
    let problem_rows = {
        let tag_rows: HashSet<usize> = kept
            .iter()
            .filter(|(_, m)| !m.is_empty())
            .map(|(c, _)| c.row)
            .collect();
        problems
            .iter()
            .filter(|p| !tag_rows.contains(&p.row))
            .map(|p| p.row)
            .collect::<HashSet<_>>()
            .len()
    };
    let mut blocked: HashMap<Vec<usize>, usize> = HashMap::new();
    for (_, missing) in kept.iter().filter(|(_, m)| !m.is_empty()) {
        *blocked.entry(missing.clone()).or_default() += 1;
    }
    let mut blocked_by_tags: Vec<(Vec<usize>, usize)> = blocked.into_iter().collect();
    blocked_by_tags.sort();
    let listed = problems.len().min(MAX_LISTED_PROBLEMS);
    let report = ImportReport {
        file_name: file_name.to_string(),
        template: columns.template,
        rows: total,
        ready: kept.iter().filter(|(_, m)| m.is_empty()).count(),
        problem_rows,
        more_problems: problems.len() - listed,
        problems: problems.into_iter().take(listed).collect(),
        unknown_tags: unknown.clone(),
        blocked_by_tags,
        active_clients: counts.active,
        client_limit: org.client_limit,
    };
    if let Ok(mut checked) = job.checked.lock() {
        *checked = Some(Checked {
            file_name: file_name.to_string(),
            rows: kept,
            unknown_tags: unknown.into_iter().map(|u| u.name).collect(),
        });
    }
    job.set(ImportStage::Checked(report));
    Ok(())
}

/// Imports the checked rows that are ready, plus those whose only lack was a tag named in
/// `create_tags` (which are created). Clients of the Roster template get a registration code
/// by email now when `send_codes`, or later from the Clients table. Runs in the background;
/// the job reports progress and the outcome.
pub fn import(
    state: &AppState,
    admin: &Admin,
    job_id: &str,
    create_tags: Vec<String>,
    send_codes: bool,
) -> Result<(), AppError> {
    let job = state.imports.get(admin.org_id, job_id)?;
    if !matches!(job.stage(), ImportStage::Checked(_)) {
        return Err(AppError::Stale);
    }
    let checked = job
        .checked
        .lock()
        .map_err(|_| AppError::Internal)?
        .take()
        .ok_or(AppError::Stale)?;
    let create: Vec<usize> = (0..checked.unknown_tags.len())
        .filter(|at| {
            create_tags
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&checked.unknown_tags[*at]))
        })
        .collect();
    let rows: Vec<CheckedRow> = checked
        .rows
        .into_iter()
        .filter(|(_, missing)| missing.iter().all(|m| create.contains(m)))
        .map(|(row, _)| row)
        .collect();
    if rows.is_empty() {
        return Err(Invalid::new(Field::File, "No row of this file can be imported yet.").into());
    }
    let tags_to_create: Vec<String> = create
        .iter()
        .map(|at| checked.unknown_tags[*at].clone())
        .collect();
    job.set(ImportStage::Importing {
        step: "Starting".into(),
        done: 0,
        total: rows.len(),
    });
    let (state, admin) = (state.clone(), admin.clone());
    let file_name = checked.file_name;
    tokio::spawn(async move {
        let outcome = save(
            &state,
            &admin,
            &job,
            &file_name,
            rows,
            &tags_to_create,
            send_codes,
        )
        .await;
        match outcome {
            Ok((created, codes_sent)) => job.set(ImportStage::Imported {
                created,
                codes_sent,
            }),
            Err(error) => job.set(ImportStage::Failed(format!(
                "Nothing was imported: {error}"
            ))),
        }
    });
    Ok(())
}

/// Hashes the initial passwords (one at a time, sharing the sign-in hasher), then writes every
/// client, their tags, codes and audit entries in one transaction.
async fn save(
    state: &AppState,
    admin: &Admin,
    job: &Job,
    file_name: &str,
    rows: Vec<CheckedRow>,
    create_tags: &[String],
    send_codes: bool,
) -> Result<(usize, usize), AppError> {
    let total = rows.len();
    let mut hashes: Vec<Option<String>> = Vec::with_capacity(total);
    for (done, row) in rows.iter().enumerate() {
        hashes.push(match &row.password {
            Some(clear) => {
                if done % 25 == 0 {
                    job.set(ImportStage::Importing {
                        step: "Securing initial passwords".into(),
                        done,
                        total,
                    });
                }
                Some(password::hash(clear).await?)
            }
            None => None,
        });
    }
    job.set(ImportStage::Importing {
        step: "Saving clients".into(),
        done: 0,
        total,
    });
    let now = clock::now_ms();
    let mut tx = state.db.begin().await?;
    let org = db::orgs::lock(&mut tx, admin.org_id).await?;
    clients::ensure_room(&mut tx, &org, total).await?;
    let emails: Vec<String> = rows
        .iter()
        .map(|r| r.details.email.as_str().to_string())
        .collect();
    let taken = db::users::emails_in_use(&mut tx, org.id, &emails).await?;
    if !taken.is_empty() {
        return Err(Invalid::new(
            Field::Email,
            format!(
                "{} of these emails joined your practice after the file was checked. Upload the file again.",
                thousands(taken.len())
            ),
        )
        .into());
    }
    let mut tag_ids: HashMap<String, i64> = db::tags::list(&mut tx, org.id)
        .await?
        .into_iter()
        .map(|t| (t.name.to_lowercase(), t.id))
        .collect();
    for name in create_tags {
        let id = db::tags::ensure(&mut tx, org.id, name, now).await?;
        tag_ids.insert(name.to_lowercase(), id);
    }
    let mut people = Vec::with_capacity(total);
    let mut subjects = Vec::with_capacity(total);
    let mut pairs = Vec::new();
    const BATCH: usize = 200;
    for (batch, chunk) in rows.chunks(BATCH).enumerate() {
        let hashes = &hashes[batch * BATCH..batch * BATCH + chunk.len()];
        let new_users: Vec<db::users::NewUser> = chunk
            .iter()
            .zip(hashes)
            .map(|(row, hash)| db::users::NewUser {
                org_id: org.id,
                kind: UserKind::Client,
                first_name: row.details.first_name.as_str(),
                last_name: row.details.last_name.as_str(),
                email: row.details.email.as_str(),
                date_of_birth: Some(row.details.date_of_birth.iso()),
                sex_at_birth: Some(row.details.sex_at_birth),
                external_id: row
                    .details
                    .external_id
                    .as_ref()
                    .map(|e| e.as_str().to_string()),
                state: UserState::Active,
                pending_kind: None,
                registered: hash.is_some(),
                is_owner: false,
                password_hash: hash.clone(),
            })
            .collect();
        let ids = db::users::insert_many(&mut tx, &new_users, now).await?;
        for (row, id) in chunk.iter().zip(&ids) {
            for tag in &row.tags {
                if let Some(tag_id) = tag_ids.get(&tag.key()) {
                    pairs.push((*id, *tag_id));
                }
            }
            let person = Person {
                id: *id,
                first_name: row.details.first_name.as_str().to_string(),
                last_name: row.details.last_name.as_str().to_string(),
                email: row.details.email.as_str().to_string(),
            };
            subjects.push((*id, person.label()));
            if row.password.is_none() {
                people.push(person);
            }
        }
        job.set(ImportStage::Importing {
            step: "Saving clients".into(),
            done: batch * BATCH + chunk.len(),
            total,
        });
    }
    // Tags, codes and audit entries all name the new clients; each of those rows is checked
    // against the users table, so that check must know how large the table now is.
    db::users::refresh_statistics(&mut tx, state.db.engine(), total).await?;
    for (batch, chunk) in pairs.chunks(BATCH * 10).enumerate() {
        db::tags::attach_pairs(&mut tx, chunk).await?;
        job.set(ImportStage::Importing {
            step: "Tagging clients".into(),
            done: batch * BATCH * 10 + chunk.len(),
            total: pairs.len(),
        });
    }
    let codes_sent = if send_codes { people.len() } else { 0 };
    if send_codes && !people.is_empty() {
        job.set(ImportStage::Importing {
            step: "Writing registration emails".into(),
            done: 0,
            total: people.len(),
        });
        registration::send(&mut tx, state, &org, &people, UserKind::Client, now).await?;
    }
    db::audit::record(
        &mut tx,
        db::audit::Entry {
            org_id: org.id,
            actor_id: Some(admin.user_id),
            action: "clients_imported",
            subject_user_id: None,
            detail: format!("{} from {file_name}", thousands(total)),
        },
        now,
    )
    .await?;
    db::audit::record_many(
        &mut tx,
        org.id,
        admin.user_id,
        "client_created",
        &subjects,
        &format!("imported from {file_name}"),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mail_wakeup.notify_one();
    Ok((total, codes_sent))
}
