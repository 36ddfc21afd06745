//! Sent Email: every message Roster wrote for the organization, newest first, with where it
//! stands. Without an SMTP server the messages are kept here, links and all, so a person trying
//! Roster can follow every one.
use crate::{
    api::mail::{list_sent_email, SentEmail as Message, PER_PAGE},
    components::signed_in::SignedIn,
    domain::{
        text::links,
        user::{iso_date, CurrentUser},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn SentEmail() -> impl IntoView {
    view! {
        <Title text="Sent Email · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <Outbox/>
        </SignedIn>
    }
}

#[component]
fn Outbox() -> impl IntoView {
    let params = use_query_map();
    let page = Memo::new(move |_| {
        params
            .with(|p| p.get("page").and_then(|v| v.parse::<u32>().ok()))
            .unwrap_or(1)
            .max(1)
    });
    let messages = crate::api::load(move || page.get(), list_sent_email);
    let navigate = use_navigate();
    let go = Callback::new(move |to: u32| {
        navigate(
            &format!("/manage-users/sent-email?page={to}"),
            Default::default(),
        )
    });
    view! {
        <main class="content">
            <h1>"Sent Email"</h1>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match messages.await {
                        Ok(data) => {
                            let pages = u32::try_from((data.total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE)).unwrap_or(1).max(1);
                            let current = page.get_untracked();
                            // Outside `view!`: a bare comparison there would end the tag.
                            let (newest, oldest) = (current <= 1, current >= pages);
                            let explain = if data.smtp {
                                "Messages are delivered through your mail server; ones it could not take are retried and, if they keep failing, marked Failed."
                            } else {
                                "No mail server is set up (SMTP_URL), so messages are kept here instead of sent. Open one to read it and follow its links."
                            };
                            view! {
                                <p class="muted">{explain}</p>
                                {if data.messages.is_empty() {
                                    view! { <section class="card notice"><p>"No email yet. Invitations and registration codes will appear here."</p></section> }.into_any()
                                } else {
                                    view! {
                                        <ul class="mail-list">
                                            {data.messages.into_iter().map(|m| view! { <MailItem message=m/> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <nav class="pager" aria-label="Pages">
                                    <span class="muted">{format!("{} messages", data.total)}</span>
                                    <button type="button" class="button ghost" disabled=newest on:click=move |_| go.run(current - 1)>"Newer"</button>
                                    <span class="page-of">{format!("Page {current} of {pages}")}</span>
                                    <button type="button" class="button ghost" disabled=oldest on:click=move |_| go.run(current + 1)>"Older"</button>
                                </nav>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn MailItem(message: Message) -> impl IntoView {
    let status_class = match message.status.as_str() {
        "Sent" => "pill ok",
        "Failed" => "pill danger",
        "Queued" => "pill warn",
        _ => "pill",
    };
    let detail = match (message.status.as_str(), &message.last_error) {
        ("Failed", Some(error)) => Some(format!("Not delivered: {error}")),
        ("Queued", Some(error)) => Some(format!(
            "Try {} failed ({error}); trying again after {}",
            message.attempts,
            iso_date(message.next_attempt_at_ms)
        )),
        _ => None,
    };
    let body = links(&message.body)
        .into_iter()
        .map(|(text, is_link)| {
            if is_link {
                let href = text.clone();
                view! { <a href=href>{text}</a> }.into_any()
            } else {
                view! { <span>{text}</span> }.into_any()
            }
        })
        .collect_view();
    view! {
        <li class="mail-item card">
            <details>
                <summary>
                    <span class="mail-subject">{message.subject.clone()}</span>
                    <span class="muted">{format!("To {}", message.to)}</span>
                    <span class="muted nowrap">{iso_date(message.created_at_ms)}</span>
                    <span class=status_class>{message.status.clone()}</span>
                </summary>
                {detail.map(|d| view! { <p class="field-error">{d}</p> })}
                <div class="mail-body">{body}</div>
            </details>
        </li>
    }
}
