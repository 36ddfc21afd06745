//! Adding, inviting and registering clients, the public sign-up page, and the email outbox
//! delivered to a real SMTP listener on loopback.
use app::{
    api::error::AppError,
    domain::{
        client_actions::{BulkTarget, ClientAction, PendingKind},
        client_details::ClientDraft,
        new_client::NewClientDraft,
        user::{Client, ClientQuery},
        Field, UserState,
    },
    server::{
        auth::Admin,
        client_actions, clients, invitations,
        mail::worker::{self, Mailer},
        registration, signup,
        testing::TestDb,
        AppState,
    },
};
use sqlx::Row;
use std::sync::{Arc, Mutex};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

fn draft(first: &str, email: &str, dob: &str) -> ClientDraft {
    ClientDraft {
        first_name: first.into(),
        last_name: "Lovelace".into(),
        email: email.into(),
        date_of_birth: dob.into(),
        sex_at_birth: "female".into(),
        external_id: String::new(),
    }
}

/// A client's proof for the registration page: their date of birth.
fn dob(date: &str) -> registration::Proof<'_> {
    registration::Proof {
        date_of_birth: date,
        email: "",
    }
}

fn row(first: &str, email: &str) -> NewClientDraft {
    NewClientDraft {
        details: draft(first, email, "1990-04-02"),
        tags: vec![],
        send_code: false,
    }
}

async fn find(state: &AppState, admin: &Admin, view: UserState, email: &str) -> Option<Client> {
    clients::list(
        state,
        &admin.reader(),
        ClientQuery {
            state: view,
            search: email.into(),
            ..ClientQuery::default()
        },
    )
    .await
    .unwrap()
    .rows
    .into_iter()
    .find(|c| c.email == email)
}

/// The newest email to `to` in the outbox: its body.
async fn last_email_to(state: &AppState, to: &str) -> String {
    sqlx::query("SELECT body_text FROM outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1")
        .bind(to)
        .fetch_one(state.db.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

fn after<'a>(body: &'a str, marker: &str) -> &'a str {
    let start = body.find(marker).unwrap() + marker.len();
    body[start..].split_whitespace().next().unwrap()
}

#[tokio::test]
async fn the_create_form_adds_every_row_with_tags_or_none_at_all() {
    let (db, admin) = TestDb::demo(10).await;
    let state = db.state();
    let mut tagged = row("Ada", "ada@new.example");
    tagged.tags = vec!["Marathon 2027".into()];
    tagged.send_code = true;
    let created = clients::create(&state, &admin, vec![tagged, row("Bo", "bo@new.example")])
        .await
        .unwrap();
    assert_eq!(created, 2);
    let ada = find(&state, &admin, UserState::Active, "ada@new.example")
        .await
        .unwrap();
    assert_eq!(ada.tags, vec!["Marathon 2027".to_string()]);
    assert!(last_email_to(&state, "ada@new.example")
        .await
        .contains("Your registration code: "));

    // One row using an email the practice already has: nothing is created, the row is named.
    let error = clients::create(
        &state,
        &admin,
        vec![row("Cy", "cy@new.example"), row("Ada", "ADA@new.example")],
    )
    .await
    .unwrap_err();
    assert_eq!(error.row_errors(1)[0].field, Field::Email);
    assert!(find(&state, &admin, UserState::Active, "cy@new.example")
        .await
        .is_none());
}

#[tokio::test]
async fn creating_past_the_client_limit_is_refused() {
    let (db, admin) = TestDb::demo(10).await;
    let state = db.state();
    sqlx::query("UPDATE organizations SET client_limit = (SELECT n FROM user_counts WHERE org_id = $1 AND kind = 'client' AND state = 'active') + 1 WHERE id = $1")
        .bind(admin.org_id)
        .execute(state.db.pool())
        .await
        .unwrap();
    let error = clients::create(
        &state,
        &admin,
        vec![row("A", "a@new.example"), row("B", "b@new.example")],
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, AppError::LimitReached { fits: 1, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn line_breaks_in_names_or_addresses_never_reach_an_email_header() {
    let (db, admin) = TestDb::demo(5).await;
    let state = db.state();
    let injected = row("Ada\r\nBcc: evil@example.com", "ada@new.example");
    let error = clients::create(&state, &admin, vec![injected])
        .await
        .unwrap_err();
    assert_eq!(error.row_errors(0)[0].field, Field::FirstName);
    let mut bad_address = row("Ada", "ada@new.example\r\nBcc: evil@example.com");
    bad_address.send_code = true;
    assert!(clients::create(&state, &admin, vec![bad_address])
        .await
        .is_err());
    let invite = invitations::invite_clients(
        &state,
        &admin,
        "ada@new.example\r\nBcc: evil@example.com",
        "",
    )
    .await;
    assert!(invite.is_err());
    let queued: i64 = sqlx::query("SELECT COUNT(*) FROM outbox")
        .fetch_one(state.db.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(queued, 0, "nothing was written to the outbox");
}

#[tokio::test]
async fn a_registration_code_registers_once_with_the_right_date_of_birth_and_locks_after_five_misses(
) {
    let (db, admin) = TestDb::demo(5).await;
    let state = db.state();
    let mut with_code = row("Ada", "ada@new.example");
    with_code.send_code = true;
    let mut second = row("Bo", "bo@new.example");
    second.send_code = true;
    clients::create(&state, &admin, vec![with_code, second])
        .await
        .unwrap();

    // Bo: the right date registers, once.
    let code = after(
        &last_email_to(&state, "bo@new.example").await,
        "Your registration code: ",
    )
    .to_string();
    registration::register(
        &state,
        &code.to_lowercase(),
        dob("1990-04-02"),
        "Bo-pass-2026!",
        None,
    )
    .await
    .unwrap();
    let again =
        registration::register(&state, &code, dob("1990-04-02"), "Bo-pass-2026!", None).await;
    assert_eq!(again.unwrap_err(), AppError::RegistrationFailed);
    assert!(
        find(&state, &admin, UserState::Active, "bo@new.example")
            .await
            .unwrap()
            .registered
    );

    // Ada: five wrong dates lock the code; the sixth try with the right date fails the same way.
    let code = after(
        &last_email_to(&state, "ada@new.example").await,
        "Your registration code: ",
    )
    .to_string();
    for _ in 0..5 {
        let wrong =
            registration::register(&state, &code, dob("1990-04-03"), "Ada-pass-2026!", None).await;
        assert_eq!(wrong.unwrap_err(), AppError::RegistrationFailed);
    }
    let locked =
        registration::register(&state, &code, dob("1990-04-02"), "Ada-pass-2026!", None).await;
    assert_eq!(locked.unwrap_err(), AppError::RegistrationFailed);
    // Sending a new code unlocks registration.
    let ada = find(&state, &admin, UserState::Active, "ada@new.example")
        .await
        .unwrap();
    client_actions::apply(
        &state,
        &admin,
        BulkTarget::Ids(vec![ada.id]),
        ClientAction::SendRegistrationCodes,
    )
    .await
    .unwrap();
    let fresh = after(
        &last_email_to(&state, "ada@new.example").await,
        "Your registration code: ",
    )
    .to_string();
    assert_ne!(fresh, code);
    registration::register(&state, &fresh, dob("1990-04-02"), "Ada-pass-2026!", None)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_invitation_is_pending_until_completed_and_a_resend_kills_the_old_link() {
    let (db, admin) = TestDb::demo(5).await;
    let state = db.state();
    let invited =
        invitations::invite_clients(&state, &admin, "ann@new.example, bea@new.example", "")
            .await
            .unwrap();
    assert_eq!(invited, 2);
    let ann = find(&state, &admin, UserState::Pending, "ann@new.example")
        .await
        .unwrap();
    let bea = find(&state, &admin, UserState::Pending, "bea@new.example")
        .await
        .unwrap();
    assert_eq!(ann.pending_kind, Some(PendingKind::Invited));
    let ann_mail = last_email_to(&state, "ann@new.example").await;
    assert!(
        ann_mail.contains("Harbor Health Coaching invites you"),
        "the default message names the organization"
    );
    let ann_token = after(&ann_mail, "#token=").to_string();

    let info = invitations::lookup(&state, &ann_token).await.unwrap();
    assert_eq!(
        (info.organization.as_str(), info.email.as_str()),
        ("Harbor Health Coaching", "ann@new.example")
    );
    invitations::accept(
        &state,
        &ann_token,
        draft("Ann", "ignored@elsewhere.example", "1988-08-08"),
        "Ann-pass-2026!",
    )
    .await
    .unwrap();
    let ann_now = find(&state, &admin, UserState::Active, "ann@new.example")
        .await
        .unwrap();
    assert_eq!((ann_now.id, ann_now.first_name.as_str()), (ann.id, "Ann"));
    assert!(ann_now.registered);
    assert_eq!(
        invitations::lookup(&state, &ann_token).await.unwrap_err(),
        AppError::InvitationInvalid
    );

    let old = after(&last_email_to(&state, "bea@new.example").await, "#token=").to_string();
    client_actions::apply(
        &state,
        &admin,
        BulkTarget::Ids(vec![bea.id]),
        ClientAction::ResendInvitations,
    )
    .await
    .unwrap();
    let new = after(&last_email_to(&state, "bea@new.example").await, "#token=").to_string();
    assert_ne!(old, new);
    let stale = invitations::accept(
        &state,
        &old,
        draft("Bea", "", "1977-07-07"),
        "Bea-pass-2026!",
    )
    .await;
    assert_eq!(stale.unwrap_err(), AppError::InvitationInvalid);
    invitations::accept(
        &state,
        &new,
        draft("Bea", "", "1977-07-07"),
        "Bea-pass-2026!",
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_sign_up_request_waits_in_pending_and_is_accepted_into_active() {
    let (db, admin) = TestDb::demo(5).await;
    let state = db.state();
    signup::request(
        &state,
        "harbor-health-coaching",
        draft("Cal", "cal@new.example", "1970-01-02"),
        "Cal-pass-2026!",
        None,
    )
    .await
    .unwrap();
    let cal = find(&state, &admin, UserState::Pending, "cal@new.example")
        .await
        .unwrap();
    assert_eq!(cal.pending_kind, Some(PendingKind::Requested));
    // Asking again with a known email is answered the same way and changes nothing.
    signup::request(
        &state,
        "harbor-health-coaching",
        draft("Cal", "cal@new.example", "1970-01-02"),
        "Cal-pass-2026!",
        None,
    )
    .await
    .unwrap();
    client_actions::apply(
        &state,
        &admin,
        BulkTarget::Ids(vec![cal.id]),
        ClientAction::AcceptRequests,
    )
    .await
    .unwrap();
    assert!(find(&state, &admin, UserState::Active, "cal@new.example")
        .await
        .is_some());
    assert_eq!(
        signup::organization(&state, "no-such-practice")
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

/// A small SMTP server: accepts every message (refusing recipients that contain "bounce") and
/// keeps the DATA of each.
async fn smtp_server(listener: TcpListener) -> Arc<Mutex<Vec<String>>> {
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 test.example ESMTP\r\n").await;
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO")
                    {
                        b"250 test.example\r\n"
                    } else if command.starts_with("RCPT") && command.contains("BOUNCE") {
                        b"550 5.1.1 no such mailbox\r\n"
                    } else if command.starts_with("DATA") {
                        let _ = write.write_all(b"354 go ahead\r\n").await;
                        let mut data = Vec::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push(l);
                        }
                        store.lock().unwrap().push(data.join("\n"));
                        b"250 2.0.0 queued\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    received
}

fn mailer(state: &AppState) -> Mailer {
    Mailer::from_settings(&state.settings).unwrap().unwrap()
}

#[tokio::test]
async fn invitations_reach_a_real_smtp_server_with_the_right_headers() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = smtp_server(listener).await;
    let (db, admin) = TestDb::demo(5).await;
    let state = db.state_with(|s| {
        s.smtp_url = Some(app::server::settings::Secret::new(format!(
            "smtp://127.0.0.1:{port}"
        )))
    });
    invitations::invite_clients(
        &state,
        &admin,
        "dee@new.example, bounce@new.example",
        "Come and join us!",
    )
    .await
    .unwrap();
    let pass = worker::deliver_due(&state, &mailer(&state), app::server::clock::now_ms())
        .await
        .unwrap();
    assert_eq!(
        (pass.sent, pass.failed),
        (1, 1),
        "the refused address failed for good"
    );
    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    for header in [
        "From: Roster <no-reply@localhost>",
        "To: dee@new.example",
        "Subject: You have been invited by Harbor Health Coaching to join Roster",
        "Content-Type: text/plain; charset=utf-8",
    ] {
        assert!(message.contains(header), "{header} missing in:\n{message}");
    }
    assert!(message.contains("Come and join us!"));
    // The refused one shows next to its pending row.
    let bounced = find(&state, &admin, UserState::Pending, "bounce@new.example")
        .await
        .unwrap();
    assert!(bounced.email_failed);
    assert!(
        !find(&state, &admin, UserState::Pending, "dee@new.example")
            .await
            .unwrap()
            .email_failed
    );
}

#[tokio::test]
async fn with_the_smtp_server_down_invitations_wait_in_the_outbox_and_all_arrive_once_it_is_back() {
    // A port nothing listens on (yet).
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (db, admin) = TestDb::demo(5).await;
    let state = db.state_with(|s| {
        s.smtp_url = Some(app::server::settings::Secret::new(format!(
            "smtp://127.0.0.1:{port}"
        )))
    });
    let invited = invitations::invite_clients(
        &state,
        &admin,
        "e1@new.example e2@new.example e3@new.example",
        "",
    )
    .await
    .unwrap();
    assert_eq!(invited, 3, "inviting works while the mail server is down");
    let now = app::server::clock::now_ms();
    let down = worker::deliver_due(&state, &mailer(&state), now)
        .await
        .unwrap();
    assert_eq!((down.sent, down.retrying, down.failed), (0, 3, 0));
    let queued: i64 =
        sqlx::query("SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND attempts = 1")
            .fetch_one(state.db.pool())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
    assert_eq!(queued, 3);

    let received = smtp_server(TcpListener::bind(("127.0.0.1", port)).await.unwrap()).await;
    // Not yet due: the pause after a failed try is respected.
    assert_eq!(
        worker::deliver_due(&state, &mailer(&state), now)
            .await
            .unwrap()
            .sent,
        0
    );
    let back = worker::deliver_due(&state, &mailer(&state), now + worker::backoff_ms(1))
        .await
        .unwrap();
    assert_eq!(back.sent, 3);
    let messages = received.lock().unwrap().clone();
    let mut recipients: Vec<&str> = messages
        .iter()
        .filter_map(|m| m.lines().find_map(|l| l.strip_prefix("To: ")))
        .collect();
    recipients.sort_unstable();
    assert_eq!(
        recipients,
        ["e1@new.example", "e2@new.example", "e3@new.example"],
        "each exactly once"
    );
}
