//! Import Clients from a CSV file: choose a file (the vendor's template or Roster's own), watch
//! it upload and get checked, read the dry run's report (every bad row with its column and
//! reason, tags to create, the effect on the client limit), then "Import N clients".
use crate::{
    api::import::{import_clients, import_status},
    components::{
        notice::{Flash, Notice},
        signed_in::SignedIn,
    },
    domain::{
        client_actions::{plural, thousands},
        import::{ImportReport, ImportStage, Template, MAX_FILE_BYTES},
        user::CurrentUser,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ImportClients() -> impl IntoView {
    view! {
        <Title text="Import Clients · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <ImportFlow/>
        </SignedIn>
    }
}

/// Where the page is: choosing a file, sending it, or following the job it started.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Choose,
    Uploading { sent: f64, name: String },
    Job(String),
}

#[component]
fn ImportFlow() -> impl IntoView {
    let step = RwSignal::new(Step::Choose);
    let stage = RwSignal::new(None::<ImportStage>);
    let error = RwSignal::new(None::<String>);
    let start_over = Callback::new(move |_| {
        step.set(Step::Choose);
        stage.set(None);
    });
    view! {
        <main class="content">
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/manage-users">"Manage Users"</a>" / Import Clients"</nav>
            <h1>"Import Clients"</h1>
            <p class="muted">"Add many clients at once from a spreadsheet saved as CSV. Roster checks the whole file first and shows you what it found; nothing is imported until you say so."</p>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || match step.get() {
                Step::Choose => view! { <ChooseFile step error stage/> }.into_any(),
                Step::Uploading { sent, name } => view! {
                    <section class="card form-card">
                        <Progress label=format!("Uploading {name}") done=(sent * 1000.0) as usize total=1000/>
                    </section>
                }
                .into_any(),
                Step::Job(job) => view! { <FollowJob job stage start_over/> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn Progress(#[prop(into)] label: String, done: usize, total: usize) -> impl IntoView {
    let share = (done * 100).checked_div(total).unwrap_or(0);
    view! {
        <div class="progress-block">
            <p class="progress-label">{label.clone()}</p>
            <progress max=total.max(1).to_string() value=done.to_string() aria-label=label></progress>
            <p class="muted">{if total == 0 { "Starting…".to_string() } else { format!("{} of {} · {share}%", thousands(done), thousands(total)) }}</p>
        </div>
    }
}

#[component]
fn ChooseFile(
    step: RwSignal<Step>,
    error: RwSignal<Option<String>>,
    stage: RwSignal<Option<ImportStage>>,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let choose = move |_| {
        error.set(None);
        let Some(file) = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|files| files.get(0))
        else {
            error.set(Some("Choose a CSV file first.".into()));
            return;
        };
        if file.size() > MAX_FILE_BYTES as f64 {
            error.set(Some(format!(
                "This file is larger than {} MB. Split it into smaller files and import them one by one.",
                MAX_FILE_BYTES / (1024 * 1024)
            )));
            return;
        }
        let name = file.name();
        step.set(Step::Uploading {
            sent: 0.0,
            name: name.clone(),
        });
        send(
            file,
            move |sent| {
                step.set(Step::Uploading {
                    sent,
                    name: name.clone(),
                })
            },
            move |outcome| match outcome {
                Ok(job) => {
                    stage.set(None);
                    step.set(Step::Job(job));
                }
                Err(message) => {
                    error.set(Some(message));
                    step.set(Step::Choose);
                }
            },
        );
    };
    view! {
        <section class="card form-card">
            <form class="stack" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                choose(());
            }>
                <label class="field">
                    <span>"CSV file"</span>
                    <input type="file" accept=".csv,text/csv" node_ref=input/>
                    <small class="muted">{format!("Up to {} MB and 200,000 rows. Save spreadsheets as \"CSV UTF-8\".", MAX_FILE_BYTES / (1024 * 1024))}</small>
                </label>
                <div class="form-actions">
                    <span class="toolbar-spacer"></span>
                    <a class="button ghost" href="/manage-users">"Cancel"</a>
                    <button type="submit" class="button primary">"Check File"</button>
                </div>
            </form>
        </section>
        <section class="card form-card templates">
            <h2>"Two layouts Roster reads"</h2>
            <h3>"Roster template"</h3>
            <p>"Columns " <code>"first_name, last_name, email, date_of_birth, sex_at_birth, tags, external_id"</code> " in any order. Dates as YYYY-MM-DD, sex at birth female or male, several tags separated by " <code>";"</code> ". No passwords: each client gets a registration code, by email now or later from the Clients table."</p>
            <p><a href="/roster-clients-template.csv" download="roster-clients-template.csv">"Download the Roster template"</a></p>
            <h3>"Vendor template"</h3>
            <p>"Columns in this order: " <code>"email_address, initial_password, first_name, last_name, birthdate, gender"</code> ", then a " <code>"tag"</code> " column per tag and an optional " <code>"external_id"</code> ". Birthdates as YYYYMMDD (19811120), gender male or female. Initial passwords need 8 characters with upper case, lower case, a digit and a symbol; clients sign in with them and no invitation is sent. Tags must exist, or you can create them after the check."</p>
            <p><a href="/vendor-clients-template.csv" download="vendor-clients-template.csv">"Download an example in the vendor template"</a></p>
        </section>
    }
}

/// Sends the file with a progress report, then hands over the job id or the refusal.
#[cfg(feature = "hydrate")]
fn send(
    file: web_sys::File,
    on_progress: impl Fn(f64) + 'static,
    on_done: impl FnOnce(Result<String, String>) + 'static,
) {
    use crate::api::error::AppError;
    use wasm_bindgen::{closure::Closure, JsCast};
    let failed = || "The file could not be sent. Check your connection and try again.".to_string();
    let Ok(request) = web_sys::XmlHttpRequest::new() else {
        on_done(Err(failed()));
        return;
    };
    if request.open("POST", "/api/clients/import/upload").is_err() {
        on_done(Err(failed()));
        return;
    }
    let _ = request.set_request_header("Content-Type", "text/csv");
    let name: String = file
        .name()
        .chars()
        .filter(|c| c.is_ascii() && !c.is_ascii_control())
        .collect();
    let _ = request.set_request_header("X-File-Name", &name);
    let progress =
        Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                on_progress(ev.loaded() / ev.total());
            }
        });
    if let Ok(upload) = request.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    progress.forget();
    let on_done = std::cell::RefCell::new(Some(on_done));
    let finished = request.clone();
    let done = Closure::<dyn Fn()>::new(move || {
        let Some(on_done) = on_done.borrow_mut().take() else {
            return;
        };
        let body = finished.response_text().ok().flatten().unwrap_or_default();
        let status = finished.status().unwrap_or(0);
        let outcome = if (200..300).contains(&status) {
            serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["job"].as_str().map(str::to_string))
                .ok_or_else(failed)
        } else {
            Err(serde_json::from_str::<AppError>(&body)
                .map(|e| match e {
                    AppError::Invalid(invalid) => invalid.message,
                    other => other.to_string(),
                })
                .unwrap_or_else(|_| failed()))
        };
        on_done(outcome);
    });
    request.set_onloadend(Some(done.as_ref().unchecked_ref()));
    done.forget();
    if request.send_with_opt_blob(Some(&file)).is_err() {
        request.abort().ok();
    }
}

/// The server never sends files: the upload starts from a browser event.
#[cfg(not(feature = "hydrate"))]
fn send(
    _file: web_sys::File,
    _on_progress: impl Fn(f64) + 'static,
    _on_done: impl FnOnce(Result<String, String>) + 'static,
) {
}

/// Asks where the job stands every 400 ms until it is checked, imported or failed.
fn poll(job: String, stage: RwSignal<Option<ImportStage>>) {
    leptos::task::spawn_local(async move {
        let next = import_status(job.clone()).await;
        let keep_asking = match next {
            Ok(current) => {
                let busy = matches!(
                    current,
                    ImportStage::Checking { .. } | ImportStage::Importing { .. }
                );
                stage.set(Some(current));
                busy
            }
            Err(error) => {
                stage.set(Some(ImportStage::Failed(error.to_string())));
                false
            }
        };
        if keep_asking {
            set_timeout(
                move || poll(job, stage),
                std::time::Duration::from_millis(400),
            );
        }
    });
}

#[component]
fn FollowJob(
    job: String,
    stage: RwSignal<Option<ImportStage>>,
    start_over: Callback<()>,
) -> impl IntoView {
    Effect::new({
        let job = job.clone();
        move |started: Option<()>| {
            if started.is_none() {
                poll(job.clone(), stage);
            }
        }
    });
    let flash = Flash::here();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(ImportStage::Imported {
            created,
            codes_sent,
        }) = stage.get()
        {
            let codes = if codes_sent > 0 {
                format!(
                    " Registration codes are on their way to {}.",
                    plural(codes_sent, "client", "clients")
                )
            } else {
                String::new()
            };
            flash.set(Notice::Success(format!(
                "Success! {} {} been imported.{codes}",
                plural(created, "client", "clients"),
                if created == 1 { "has" } else { "have" }
            )));
            navigate("/manage-users", Default::default());
        }
    });
    let job = StoredValue::new(job);
    move || {
        match stage.get() {
        None => view! { <section class="card form-card"><Progress label="Checking rows" done=0 total=0/></section> }.into_any(),
        Some(ImportStage::Checking { done, total }) => view! {
            <section class="card form-card"><Progress label="Checking rows" done total/></section>
        }
        .into_any(),
        Some(ImportStage::Importing { step, done, total }) => view! {
            <section class="card form-card"><Progress label=step done total/></section>
        }
        .into_any(),
        Some(ImportStage::Imported { created, .. }) => view! {
            <p role="status">{format!("Imported {}.", plural(created, "client", "clients"))}</p>
        }
        .into_any(),
        Some(ImportStage::Failed(message)) => view! {
            <section class="card form-card">
                <p class="form-error" role="alert">{message}</p>
                <div class="form-actions">
                    <button type="button" class="button primary" on:click=move |_| start_over.run(())>"Choose another file"</button>
                </div>
            </section>
        }
        .into_any(),
        Some(ImportStage::Checked(report)) => view! { <Report report job=job.get_value() stage start_over/> }.into_any(),
    }
    }
}

#[component]
fn Report(
    report: ImportReport,
    job: String,
    stage: RwSignal<Option<ImportStage>>,
    start_over: Callback<()>,
) -> impl IntoView {
    let create = RwSignal::new(Vec::<String>::new());
    let send_codes = RwSignal::new(true);
    let refused = RwSignal::new(None::<String>);
    let report = StoredValue::new(report);
    let job = StoredValue::new(job);
    let count = Memo::new(move |_| report.with_value(|r| r.importable(&create.get())));
    let effect = move || report.with_value(|r| r.limit_effect(count.get()));
    let run = Action::new(move |(job, tags, codes): &(String, Vec<String>, bool)| {
        import_clients(job.clone(), tags.clone(), *codes)
    });
    Effect::new(move |_| match run.value().get() {
        Some(Ok(())) => {
            stage.set(Some(ImportStage::Importing {
                step: "Starting".into(),
                done: 0,
                total: count.get_untracked(),
            }));
            poll(job.get_value(), stage);
        }
        Some(Err(error)) => refused.set(Some(error.to_string())),
        None => {}
    });
    let (file_name, template, rows, problem_rows, more) = report.with_value(|r| {
        (
            r.file_name.clone(),
            r.template,
            r.rows,
            r.problem_rows,
            r.more_problems,
        )
    });
    let problems = report.with_value(|r| r.problems.clone());
    // Decided outside `view!`, where a bare `>` would end the tag.
    let problems_class = if problem_rows == 0 { "ok" } else { "bad" };
    let unknown = report.with_value(|r| r.unknown_tags.clone());
    view! {
        <section class="card report-card" aria-label="Check results">
            <h2>{format!("{file_name}: {} in the {}", plural(rows, "row", "rows"), template.label())}</h2>
            <ul class="report-summary">
                <li class="ok">{move || format!("{} ready to import", thousands(count.get()))}</li>
                <li class=problems_class>{format!("{} with problems", plural(problem_rows, "row", "rows"))}</li>
                {(!unknown.is_empty()).then(|| view! { <li class="warn">{format!("{} to create", plural(unknown.len(), "tag", "tags"))}</li> })}
            </ul>
            {(!problems.is_empty()).then(|| view! {
                <h3>"Problems"</h3>
                <p class="muted">"Rows with problems are left out. Fix them in your spreadsheet and import the file again later: rows already imported are then reported as in use."</p>
                <div class="table-wrap report-table">
                    <table class="data-table" aria-label="Problems">
                        <thead><tr><th scope="col">"Row"</th><th scope="col">"Column"</th><th scope="col">"Value"</th><th scope="col">"Problem"</th></tr></thead>
                        <tbody>
                            {problems.into_iter().map(|p| view! {
                                <tr>
                                    <td>{p.row}</td>
                                    <td class="mono">{p.column}</td>
                                    <td class="mono">{p.value}</td>
                                    <td>{p.reason}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(more > 0).then(|| view! { <p class="muted">{format!("… and {} more not listed.", plural(more, "problem", "problems"))}</p> })}
            })}
            {(!unknown.is_empty()).then(|| view! {
                <fieldset class="tag-choices create-tags">
                    <legend>"Tags to create"</legend>
                    {unknown.into_iter().map(|tag| {
                        let name = tag.name.clone();
                        let key = tag.name.clone();
                        view! {
                            <label class="check-row">
                                <input type="checkbox" on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    create.update(|c| {
                                        c.retain(|n| *n != key);
                                        if on {
                                            c.push(key.clone());
                                        }
                                    });
                                }/>
                                {format!("Create tag \"{name}\" ({})", plural(tag.rows, "row", "rows"))}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(template == Template::Roster).then(|| view! {
                <label class="check-row">
                    <input type="checkbox" prop:checked=move || send_codes.get() on:change=move |ev| send_codes.set(event_target_checked(&ev))/>
                    "Email each client a registration code now"
                </label>
                <p class="muted">"Otherwise send codes later from the Clients table: Select an action → Send Registration Code."</p>
            })}
            {move || match effect() {
                Ok(text) => view! { <p class="limit-ok">{text}</p> }.into_any(),
                Err(text) => view! { <p class="form-error" role="alert">{text}</p> }.into_any(),
            }}
            {move || refused.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="form-actions">
                <button type="button" class="button ghost" on:click=move |_| start_over.run(())>"Choose another file"</button>
                <span class="toolbar-spacer"></span>
                <button
                    type="button"
                    class="button primary"
                    disabled=move || count.get() == 0 || effect().is_err() || run.pending().get()
                    on:click=move |_| {
                        refused.set(None);
                        run.dispatch((job.get_value(), create.get_untracked(), send_codes.get_untracked()));
                    }
                >
                    {move || format!("Import {}", plural(count.get(), "client", "clients"))}
                </button>
            </div>
        </section>
    }
}
