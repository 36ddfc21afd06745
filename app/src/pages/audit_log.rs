//! The Audit Log: who did what to whom, and when, newest first. Filter by a person (as actor or
//! subject; any name in the list is a link to their entries) and by action.
use crate::{
    api::audit::list_audit,
    components::signed_in::SignedIn,
    domain::{
        audit::{action_label, AuditQuery, PersonRef, ACTIONS},
        user::{iso_minute, CurrentUser},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    params::ParamsMap,
};

#[component]
pub fn AuditLog() -> impl IntoView {
    view! {
        <Title text="Audit Log · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <AuditBody/>
        </SignedIn>
    }
}

fn url_for(query: &AuditQuery) -> String {
    let mut map = ParamsMap::new();
    for (key, value) in query.to_params() {
        map.insert(key, value);
    }
    format!("/manage-users/audit-log{}", map.to_query_string())
}

/// A name that filters the log to that person's entries.
fn person_link(person: Option<PersonRef>, fallback: &'static str) -> AnyView {
    match person {
        Some(PersonRef { id: Some(id), name }) => {
            let href = url_for(&AuditQuery {
                person: Some(id),
                ..AuditQuery::default()
            });
            view! { <a href=href title="Show this person's entries">{name}</a> }.into_any()
        }
        Some(PersonRef { id: None, name }) => view! { <span>{name}</span> }.into_any(),
        None => view! { <span class="muted">{fallback}</span> }.into_any(),
    }
}

#[component]
fn AuditBody() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| AuditQuery::from_params(|k| p.get(k))));
    let page = crate::api::load(move || query.get(), list_audit);
    let navigate = use_navigate();
    let go = Callback::new(move |next: AuditQuery| navigate(&url_for(&next), Default::default()));
    view! {
        <main class="content">
            <h1>"Audit Log"</h1>
            <p class="muted">"Every change made in Roster: who made it, to whom, and when. Entries cannot be edited or removed."</p>
            <section class="panel audit-panel">
                <Transition fallback=|| view! { <p class="loading">"Loading the audit log…"</p> }>
                    {move || Suspend::new(async move {
                        match page.await {
                            Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                            Ok(data) => {
                                let q = query.get_untracked();
                                let mut people = data.team.clone();
                                if let Some(person) = data.person.clone() {
                                    if !people.iter().any(|p| p.id == person.id) {
                                        people.push(person);
                                    }
                                }
                                let filtered = q.person.is_some() || q.action.is_some();
                                let newest = q.before.is_some();
                                let older = data.older;
                                view! {
                                    <div class="toolbar">
                                        <label class="inline-field">
                                            <span>"Person"</span>
                                            <select on:change=move |ev| {
                                                let person = event_target_value(&ev).parse().ok();
                                                go.run(AuditQuery { person, before: None, ..query.get_untracked() });
                                            }>
                                                <option value="" selected=q.person.is_none()>"Anyone"</option>
                                                {people
                                                    .into_iter()
                                                    .filter_map(|p| p.id.map(|id| (id, p.name)))
                                                    .map(|(id, name)| view! { <option value=id.to_string() selected=q.person == Some(id)>{name}</option> })
                                                    .collect_view()}
                                            </select>
                                        </label>
                                        <label class="inline-field">
                                            <span>"Action"</span>
                                            <select on:change=move |ev| {
                                                let raw = event_target_value(&ev);
                                                let action = (!raw.is_empty()).then_some(raw);
                                                go.run(AuditQuery { action, before: None, ..query.get_untracked() });
                                            }>
                                                <option value="" selected=q.action.is_none()>"Any action"</option>
                                                {ACTIONS
                                                    .iter()
                                                    .map(|(key, label)| view! { <option value=*key selected=q.action.as_deref() == Some(*key)>{*label}</option> })
                                                    .collect_view()}
                                            </select>
                                        </label>
                                        {filtered.then(|| view! { <a class="button ghost" href="/manage-users/audit-log">"Clear filters"</a> })}
                                    </div>
                                    <div class="table-wrap">
                                        <table class="data-table" aria-label="Audit log">
                                            <thead>
                                                <tr>
                                                    <th scope="col">"When"</th>
                                                    <th scope="col">"Who"</th>
                                                    <th scope="col">"Action"</th>
                                                    <th scope="col">"To whom"</th>
                                                    <th scope="col">"Details"</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {if data.entries.is_empty() {
                                                    view! { <tr><td colspan="5" class="empty">"No entries match these filters."</td></tr> }.into_any()
                                                } else {
                                                    data.entries
                                                        .into_iter()
                                                        .map(|entry| view! {
                                                            <tr>
                                                                <td class="nowrap">{iso_minute(entry.at_ms)}</td>
                                                                <td>{person_link(entry.actor, "Roster")}</td>
                                                                <td><span class="pill">{action_label(&entry.action).to_string()}</span></td>
                                                                <td>{person_link(entry.subject, "—")}</td>
                                                                <td class="audit-detail">{entry.detail}</td>
                                                            </tr>
                                                        })
                                                        .collect_view()
                                                        .into_any()
                                                }}
                                            </tbody>
                                        </table>
                                    </div>
                                    <nav class="pager" aria-label="Pages">
                                        <span class="muted">"Newest first"</span>
                                        <button type="button" class="button ghost" disabled=!newest on:click=move |_| go.run(AuditQuery { before: None, ..query.get_untracked() })>"Newest"</button>
                                        <button type="button" class="button ghost" disabled=older.is_none() on:click=move |_| go.run(AuditQuery { before: older, ..query.get_untracked() })>"Older entries"</button>
                                    </nav>
                                }
                                .into_any()
                            }
                        }
                    })}
                </Transition>
            </section>
        </main>
    }
}
