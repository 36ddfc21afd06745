//! CSV import and export on both engines: the dry run's report, malformed files, a large file,
//! and an export that matches the table and cannot smuggle formulas into a spreadsheet.
use app::{
    domain::{
        client_details::ClientDraft,
        import::{ImportReport, ImportStage, Template},
        new_client::NewClientDraft,
        user::{ClientQuery, UserKind},
        Role, UserState,
    },
    server::{auth::Admin, clients, db, import, password, seed, testing::TestDb, AppState},
};
use sqlx::Row;
use std::{fmt::Write as _, time::Instant};

mod common;

use common::{browser, sign_in};

const OWNER: (&str, &str) = ("owner@import.example", "Owner-pass-2026");

async fn practice() -> (TestDb, Admin) {
    let test_db = TestDb::fresh().await;
    let user_id = seed::create_admin(
        &test_db.db,
        "Import Practice",
        OWNER.0,
        OWNER.1,
        "Ida",
        "Owner",
    )
    .await
    .unwrap();
    let org_id = seed::ensure_org(&test_db.db, "Import Practice")
        .await
        .unwrap();
    sqlx::query("UPDATE organizations SET client_limit = 500000 WHERE id = $1")
        .bind(org_id)
        .execute(test_db.db.pool())
        .await
        .unwrap();
    (test_db, Admin { user_id, org_id })
}

/// The dry run's report and the job to import it with, or why the file was refused.
async fn check(
    state: &AppState,
    admin: &Admin,
    csv: &str,
) -> Result<(ImportReport, String), String> {
    let job = import::check_file(state, admin, "clients.csv".into(), csv.as_bytes().to_vec())
        .map_err(|e| e.to_string())?;
    match import::settled(state, admin, &job).await.unwrap() {
        ImportStage::Checked(report) => Ok((report, job)),
        ImportStage::Failed(message) => Err(message),
        other => panic!("unexpected stage {other:?}"),
    }
}

async fn import_job(
    state: &AppState,
    admin: &Admin,
    job: &str,
    create: &[&str],
    codes: bool,
) -> ImportStage {
    import::import(
        state,
        admin,
        job,
        create.iter().map(|t| t.to_string()).collect(),
        codes,
    )
    .unwrap();
    import::settled(state, admin, job).await.unwrap()
}

const VENDOR_HEADER: &str =
    "email_address,initial_password,first_name,last_name,birthdate,gender,tag,external_id";

fn vendor_row(n: usize) -> String {
    format!("client{n}@import.example,Init-pass-{n}!,Cli{n},Ent,19800101,female,Sleep,EXT-{n}")
}

#[tokio::test]
async fn a_vendor_file_with_bad_rows_names_each_and_imports_exactly_the_good_ones() {
    let (test_db, admin) = practice().await;
    let state = test_db.state();
    clients::create(
        &state,
        &admin,
        vec![NewClientDraft {
            details: ClientDraft {
                first_name: "Old".into(),
                last_name: "Timer".into(),
                email: "client3@import.example".into(),
                date_of_birth: "1970-01-01".into(),
                sex_at_birth: "male".into(),
                external_id: String::new(),
            },
            tags: vec!["Sleep".into()],
            send_code: false,
        }],
    )
    .await
    .unwrap();
    let mut csv = format!("{VENDOR_HEADER}\n");
    for n in 1..=12 {
        let row = match n {
            2 => "not-an-email,Init-pass-2!,Cli2,Ent,19800101,female,Sleep,EXT-2".to_string(),
            4 => "client4@import.example,Init-pass-4!,Cli4,Ent,20991231,female,Sleep,EXT-4".into(),
            5 => "client5@import.example,weak,Cli5,Ent,19800101,male,Sleep,EXT-5".into(),
            6 => "client1@import.example,Init-pass-6!,Cli6,Ent,19800101,male,Sleep,EXT-6".into(),
            7 => "client7@import.example,Init-pass-7!,Cli7,Ent,19800101,male,VIP,EXT-7".into(),
            8 => "client8@import.example,Init-pass-8!,Cli8,Ent,19800230,male,Sleep,EXT-8".into(),
            _ => vendor_row(n),
        };
        writeln!(csv, "{row}").unwrap();
    }
    let (report, job) = check(&state, &admin, &csv).await.unwrap();
    assert_eq!(report.template, Template::Vendor);
    assert_eq!(report.rows, 12);
    let found: Vec<(usize, &str)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "email_address"),
            (4, "email_address"),
            (5, "birthdate"),
            (6, "initial_password"),
            (7, "email_address"),
            (8, "tag"),
            (9, "birthdate")
        ],
        "{:#?}",
        report.problems
    );
    let reasons: Vec<&str> = report.problems.iter().map(|p| p.reason.as_str()).collect();
    assert!(
        reasons[1].contains("already uses this email"),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("future"), "{reasons:?}");
    assert!(
        reasons[3].starts_with("Weak initial password"),
        "{reasons:?}"
    );
    assert!(reasons[4].contains("already in row 2"), "{reasons:?}");
    assert!(
        reasons[5].contains("\"VIP\" does not exist yet"),
        "{reasons:?}"
    );
    assert!(reasons[6].starts_with("Not a real date"), "{reasons:?}");
    assert_eq!(report.ready, 5);
    assert_eq!(report.problem_rows, 6);
    assert_eq!(report.importable(&["VIP".into()]), 6);
    assert!(
        report
            .problems
            .iter()
            .all(|p| !p.value.contains("Init-pass")),
        "passwords are not quoted back"
    );

    let outcome = import_job(&state, &admin, &job, &["VIP"], false).await;
    assert_eq!(
        outcome,
        ImportStage::Imported {
            created: 6,
            codes_sent: 0
        }
    );
    let page = clients::list(
        &state,
        &admin.reader(),
        ClientQuery {
            search: "@import.example".into(),
            per_page: 100,
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap();
    let mut emails: Vec<String> = page.rows.iter().map(|c| c.email.clone()).collect();
    emails.sort();
    assert_eq!(
        emails,
        [
            "client10@import.example",
            "client11@import.example",
            "client12@import.example",
            "client1@import.example",
            "client3@import.example",
            "client7@import.example",
            "client9@import.example"
        ]
    );
    let vip = page
        .rows
        .iter()
        .find(|c| c.email == "client7@import.example")
        .unwrap();
    assert_eq!(vip.tags, ["VIP"]);
    assert!(vip.registered, "they sign in with the initial password");

    // Initial passwords are stored as argon2id hashes only.
    let stored: String =
        sqlx::query("SELECT password_hash FROM users WHERE email = 'client1@import.example'")
            .fetch_one(test_db.db.pool())
            .await
            .unwrap()
            .get(0);
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains("Init-pass-1!"));
    assert!(password::verify("Init-pass-1!".into(), Some(stored))
        .await
        .unwrap());
    let audited: i64 = sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'client_created' AND detail LIKE '%imported from clients.csv'")
        .fetch_one(test_db.db.pool())
        .await
        .unwrap()
        .get(0);
    assert_eq!(audited, 6);
}

#[tokio::test]
async fn the_roster_template_tolerates_a_bom_crlf_and_quoted_commas_and_line_breaks() {
    let (test_db, admin) = practice().await;
    let state = test_db.state();
    let csv = "\u{feff}first_name,last_name,email,date_of_birth,sex_at_birth,tags,external_id\r\n\
               \"Ada, Countess\",\"Love\r\nlace\",ada@import.example,1985-12-10,Female,\"Sleep; Nutrition\",\"X,1\"\r\n\
               ,,,,,,\r\n\
               Grace,Hopper,grace@import.example,1906-12-09,female,,\r\n";
    let (report, job) = check(&state, &admin, csv).await.unwrap();
    assert_eq!(report.template, Template::Roster);
    assert_eq!(report.rows, 2, "the blank row is left out");
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].reason.contains("Line breaks"),
        "{:?}",
        report.problems
    );
    assert_eq!(report.ready, 1);
    assert_eq!(
        import_job(&state, &admin, &job, &[], true).await,
        ImportStage::Imported {
            created: 1,
            codes_sent: 1
        }
    );
    let code_mail: i64 = sqlx::query("SELECT COUNT(*) FROM outbox WHERE to_address = 'grace@import.example' AND kind = 'registration_code'")
        .fetch_one(test_db.db.pool())
        .await
        .unwrap()
        .get(0);
    assert_eq!(code_mail, 1);

    let csv = "first_name,last_name,email,date_of_birth,sex_at_birth,tags,external_id\n\
               \"Ada, Countess\",Lovelace,ada2@import.example,1985-12-10,female,\"Sleep; Nutrition\",\"X,1\"\n";
    let (report, job) = check(&state, &admin, csv).await.unwrap();
    assert_eq!(report.ready, 0);
    assert_eq!(report.unknown_tags.len(), 2, "{:?}", report.unknown_tags);
    assert_eq!(
        import_job(&state, &admin, &job, &["Sleep", "Nutrition"], false).await,
        ImportStage::Imported {
            created: 1,
            codes_sent: 0
        }
    );
    let ada = clients::list(
        &state,
        &admin.reader(),
        ClientQuery {
            search: "ada2@".into(),
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap()
    .rows
    .remove(0);
    assert_eq!(ada.first_name, "Ada, Countess");
    assert_eq!(ada.external_id.as_deref(), Some("X,1"));
    assert_eq!(ada.tags, ["Nutrition", "Sleep"]);
}

#[tokio::test]
async fn binary_junk_odd_headers_and_broken_quotes_are_refused_with_a_clear_message() {
    let (test_db, admin) = practice().await;
    let state = test_db.state();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let refused = import::check_file(&state, &admin, "photo.csv".into(), png).unwrap_err();
    assert!(refused.to_string().contains("not a CSV file"), "{refused}");
    let latin1 = b"first_name,last_name\n\xe9\xe8\n".to_vec();
    assert!(import::check_file(&state, &admin, "old.csv".into(), latin1).is_err());

    for (csv, expected) in [
        ("", "The file is empty."),
        (
            "email,first_name,last_name,date_of_birth,sex_at_birth\n",
            "no clients under it",
        ),
        ("name,mail\nAda,ada@x.example\n", "must name the columns"),
        (
            "email_address,first_name\nx,y\n",
            "column 2 is \"first_name\"",
        ),
    ] {
        let message = check(&state, &admin, csv).await.unwrap_err();
        assert!(message.contains(expected), "{csv:?}: {message}");
    }
    // A quote left open swallows the rest of the file into one field: that row is reported.
    let (report, _) = check(
        &state,
        &admin,
        "email,first_name,last_name,date_of_birth,sex_at_birth\n\"ada@x.example,Ada\nbo@x.example,Bo,B,1990-01-01,male\n",
    )
    .await
    .unwrap();
    assert_eq!(report.rows, 1);
    assert_eq!(
        report.problems[0].reason,
        "This row has 1 field where the header has 5."
    );
}

#[tokio::test]
async fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (test_db, _) = practice().await;
    let app = common::serve(test_db).await;
    let signed_in = reqwest::Client::new()
        .post(format!("{}/api/session/sign_in", app.base))
        .form(&[("email", OWNER.0), ("password", OWNER.1)])
        .send()
        .await
        .unwrap();
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    // Announce 64 MB but send only the headers: the answer comes without waiting for the body.
    let address = app.base.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let request = format!(
        "POST /api/clients/import/upload HTTP/1.1\r\nHost: {address}\r\nCookie: {cookie}\r\n\
         Content-Type: text/csv\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        64 * 1024 * 1024
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = vec![0_u8; 4096];
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut answer))
        .await
        .expect("the server answers before the body arrives")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]).to_string();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("larger than 32 MB"), "{answer}");

    let client = browser();
    sign_in(&client, &app.base, OWNER).await;
    let ok = client
        .post(format!("{}/api/clients/import/upload", app.base))
        .header("x-file-name", "small.csv")
        .body(format!("{VENDOR_HEADER}\n{}\n", vendor_row(1)))
        .send()
        .await
        .unwrap();
    assert!(ok.status().is_success());
    assert!(ok.text().await.unwrap().contains("\"job\""));
}

/// Rows in the large file.
const BULK: usize = 100_000;

#[tokio::test]
async fn a_hundred_thousand_row_file_validates_and_imports() {
    let (test_db, admin) = practice().await;
    let state = test_db.state();
    let mut csv =
        String::from("first_name,last_name,email,date_of_birth,sex_at_birth,tags,external_id\n");
    for n in 0..BULK {
        writeln!(
            csv,
            "Bulk{n},Client,bulk{n}@import.example,19{:02}-0{}-1{},{},Sleep,B-{n}",
            n % 100,
            1 + n % 9,
            n % 10,
            if n % 2 == 0 { "female" } else { "male" }
        )
        .unwrap();
    }
    let started = Instant::now();
    let (report, job) = check(&state, &admin, &csv).await.unwrap();
    let checked = started.elapsed();
    assert_eq!(report.rows, BULK);
    assert_eq!(report.problem_rows, 0, "{:?}", report.problems.first());
    assert_eq!(
        report.importable(&["Sleep".into()]),
        BULK,
        "the tag is created on import"
    );
    let started = Instant::now();
    let outcome = import_job(&state, &admin, &job, &["Sleep"], false).await;
    let imported = started.elapsed();
    assert_eq!(
        outcome,
        ImportStage::Imported {
            created: BULK,
            codes_sent: 0
        }
    );
    eprintln!(
        "100,000 rows ({:.1} MB) on {:?}: checked in {:.2} s, imported in {:.2} s",
        csv.len() as f64 / 1e6,
        test_db.db.engine(),
        checked.as_secs_f64(),
        imported.as_secs_f64()
    );
    let counts = clients::list(&state, &admin.reader(), ClientQuery::default())
        .await
        .unwrap()
        .counts;
    assert_eq!(counts.active, BULK as i64);
}

/// PostgreSQL checks each new tag row against `users` with a plan each connection keeps. Made
/// while the table held a handful of rows, that plan reads the whole table per check, so a
/// transaction that adds thousands of clients must have it made again before tagging them (a
/// 100,000-row import once ran for over 15 minutes this way).
#[tokio::test]
async fn tagging_thousands_of_new_clients_does_not_read_every_user_per_tag() {
    let (test_db, admin) = practice().await;
    if test_db.db.engine() != db::Engine::Postgres {
        return;
    }
    let mut conn = test_db.db.pool().acquire().await.unwrap();
    // What a young practice's connection can hold: statistics of a nearly empty users table
    // and a tag check planned from them.
    sqlx::query("ANALYZE users")
        .execute(&mut *conn)
        .await
        .unwrap();
    let tag = db::tags::ensure(&mut conn, admin.org_id, "Sleep", 1)
        .await
        .unwrap();
    for _ in 0..10 {
        db::tags::attach(&mut conn, admin.user_id, tag)
            .await
            .unwrap();
        sqlx::query("DELETE FROM client_tags")
            .execute(&mut *conn)
            .await
            .unwrap();
    }

    const NEW: usize = 5_000;
    let emails: Vec<String> = (0..NEW).map(|n| format!("new{n}@import.example")).collect();
    let users: Vec<db::users::NewUser> = emails
        .iter()
        .map(|email| db::users::NewUser {
            org_id: admin.org_id,
            kind: UserKind::Client,
            first_name: "New",
            last_name: "Client",
            email,
            date_of_birth: None,
            sex_at_birth: None,
            external_id: None,
            state: UserState::Active,
            pending_kind: None,
            registered: false,
            is_owner: false,
            password_hash: None,
        })
        .collect();
    sqlx::query("BEGIN").execute(&mut *conn).await.unwrap();
    let mut pairs = Vec::with_capacity(NEW);
    for chunk in users.chunks(200) {
        for id in db::users::insert_many(&mut conn, chunk, 1).await.unwrap() {
            pairs.push((id, tag));
        }
    }
    db::users::refresh_statistics(&mut conn, db::Engine::Postgres, NEW)
        .await
        .unwrap();
    db::tags::attach_pairs(&mut conn, &pairs).await.unwrap();
    let scanned: i64 =
        sqlx::query("SELECT seq_tup_read FROM pg_stat_xact_user_tables WHERE relname = 'users'")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
            .get(0);
    sqlx::query("ROLLBACK").execute(&mut *conn).await.unwrap();
    assert!(
        scanned < NEW as i64,
        "tagging {NEW} new clients read {scanned} users by sequential scan"
    );
}

/// Clients whose names a spreadsheet would run, and a practitioner who sees only one tag.
async fn export_practice() -> (common::Running, i64) {
    let (test_db, admin) = practice().await;
    let state = test_db.state();
    let draft = |first: &str, last: &str, email: &str, tags: &[&str]| NewClientDraft {
        details: ClientDraft {
            first_name: first.into(),
            last_name: last.into(),
            email: email.into(),
            date_of_birth: "1980-05-06".into(),
            sex_at_birth: "female".into(),
            external_id: "@ext".into(),
        },
        tags: tags.iter().map(|t| t.to_string()).collect(),
        send_code: false,
    };
    clients::create(
        &state,
        &admin,
        vec![
            draft(
                "=HYPERLINK(\"http://evil\")",
                "Attack",
                "eve@export.example",
                &["Alpha"],
            ),
            draft("Zoe", "-Zed", "zoe@export.example", &["Beta"]),
            draft("Amy", "+Able", "amy@export.example", &["Alpha", "Beta"]),
        ],
    )
    .await
    .unwrap();
    let coach = common::add_member(
        &test_db,
        admin.org_id,
        ("coach@import.example", "Coach-pass-2026"),
        ("Cole", "Coach"),
        &[Role::Practitioner],
    )
    .await;
    let alpha: i64 = sqlx::query("SELECT id FROM tags WHERE name = 'Alpha'")
        .fetch_one(test_db.db.pool())
        .await
        .unwrap()
        .get(0);
    app::server::team::set_security_tags(&state, &admin, coach, vec![alpha])
        .await
        .unwrap();
    (common::serve(test_db).await, alpha)
}

async fn download(client: &reqwest::Client, base: &str, query: &str) -> String {
    let response = client
        .get(format!("{base}/clients/export.csv?{query}"))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

#[tokio::test]
async fn an_export_follows_the_view_and_columns_and_neutralizes_formulas() {
    let (app, _) = export_practice().await;
    let admin = browser();
    sign_in(&admin, &app.base, OWNER).await;
    let csv = download(
        &admin,
        &app.base,
        "sort=email&columns=email,name,tags,external_id",
    )
    .await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Email,Name,Tags,External ID");
    assert_eq!(lines[1], "amy@export.example,Amy +Able,Alpha; Beta,'@ext");
    assert_eq!(
        lines[2],
        "eve@export.example,\"'=HYPERLINK(\"\"http://evil\"\") Attack\",Alpha,'@ext"
    );
    assert_eq!(lines[3], "zoe@export.example,Zoe -Zed,Beta,'@ext");
    assert_eq!(lines.len(), 4);
    assert!(csv.contains("\r\n"));

    let filtered = download(&admin, &app.base, "q=zoe&columns=name").await;
    assert_eq!(filtered.lines().collect::<Vec<_>>(), ["Name", "Zoe -Zed"]);
    let searched = download(
        &admin,
        &app.base,
        "q=export.example&sort=email&desc=1&columns=email",
    )
    .await;
    assert_eq!(
        searched.lines().collect::<Vec<_>>(),
        [
            "Email",
            "zoe@export.example",
            "eve@export.example",
            "amy@export.example"
        ],
        "a search exports every match in the table's order"
    );
    let archived = download(&admin, &app.base, "show=archived&columns=name").await;
    assert_eq!(archived.lines().count(), 1);

    let audited: i64 =
        sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'clients_exported'")
            .fetch_one(app.db.db.pool())
            .await
            .unwrap()
            .get(0);
    assert_eq!(audited, 4, "each download is audited");
}

#[tokio::test]
async fn a_practitioners_export_holds_only_the_clients_their_tags_allow() {
    let (app, _) = export_practice().await;
    let coach = browser();
    sign_in(
        &coach,
        &app.base,
        ("coach@import.example", "Coach-pass-2026"),
    )
    .await;
    let csv = download(&coach, &app.base, "show=archived&columns=email").await;
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        ["Email", "amy@export.example", "eve@export.example"],
        "active clients tagged Alpha only, whatever view is asked for"
    );
    let searched = download(&coach, &app.base, "q=export.example&columns=email").await;
    assert_eq!(
        searched.lines().collect::<Vec<_>>(),
        ["Email", "amy@export.example", "eve@export.example"],
        "a search exports only the matches the practitioner may see"
    );
    let anonymous = browser()
        .get(format!("{}/clients/export.csv", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), reqwest::StatusCode::UNAUTHORIZED);
}
