//! The plan page: the organization's client limit and how much of it is used. Billing
//! Administrators and the Owner may change the limit; Administrators see it.
use crate::{
    api::plan::{get_plan, set_client_limit},
    components::{form::text_field::TextField, signed_in::SignedIn},
    domain::{client_actions::thousands, plan::Plan, user::CurrentUser},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PlanPage() -> impl IntoView {
    view! {
        <Title text="Plan · Roster"/>
        <SignedIn only=CurrentUser::sees_plan>
            <PlanBody/>
        </SignedIn>
    }
}

fn n(value: i64) -> String {
    thousands(usize::try_from(value).unwrap_or(0))
}

#[component]
fn PlanBody() -> impl IntoView {
    let plan = crate::api::load(|| (), |_| get_plan());
    view! {
        <main class="content">
            <h1>"Plan"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match plan.await {
                        Ok(current) => view! { <PlanDetails current/> }.into_any(),
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn PlanDetails(current: Plan) -> impl IntoView {
    let plan = RwSignal::new(current);
    let typed = RwSignal::new(plan.get_untracked().client_limit.to_string());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let change = Action::new(move |limit: &String| set_client_limit(limit.clone()));
    Effect::new(move |_| match change.value().get() {
        Some(Ok(updated)) => {
            saved.set(Some(format!(
                "Success! The client limit is now {}.",
                n(updated.client_limit)
            )));
            error.set(None);
            typed.set(updated.client_limit.to_string());
            plan.set(updated);
        }
        Some(Err(problem)) => {
            saved.set(None);
            error.set(Some(match problem {
                crate::api::error::AppError::Invalid(invalid) => invalid.message,
                other => other.to_string(),
            }));
        }
        None => {}
    });
    let used = move || {
        plan.with(|p| {
            if p.client_limit == 0 {
                100
            } else {
                (p.active_clients * 100 / p.client_limit).min(100)
            }
        })
    };
    view! {
        <div class="account-grid">
            <section class="card">
                <h2>{move || plan.with(|p| p.organization.clone())}</h2>
                <dl class="details">
                    <dt>"Active clients"</dt>
                    <dd>{move || plan.with(|p| format!("{} of {}", n(p.active_clients), n(p.client_limit)))}</dd>
                    <dt>"Pending"</dt>
                    <dd>{move || plan.with(|p| n(p.pending_clients))}</dd>
                    <dt>"Archived"</dt>
                    <dd>{move || plan.with(|p| n(p.archived_clients))}</dd>
                </dl>
                <label class="field">
                    <span>"Used"</span>
                    <meter min="0" max="100" value=used high="90" class="plan-meter"></meter>
                </label>
                <p class="muted">"Pending and archived clients do not count against the limit."</p>
            </section>
            <section class="card">
                <h2>"Client limit"</h2>
                {move || {
                    if plan.with(|p| p.can_change) {
                        view! {
                            <form class="stack" on:submit=move |ev| {
                                ev.prevent_default();
                                change.dispatch(typed.get_untracked());
                            }>
                                <TextField
                                    label="Client limit"
                                    input_type="text"
                                    value=typed
                                    on_input=Callback::new(move |v| typed.set(v))
                                    error=error
                                    hint="The most clients that can be active at once."
                                />
                                {move || saved.get().map(|m| view! { <p class="notice-inline success" role="status">{m}</p> })}
                                <button type="submit" class="button primary" disabled=move || change.pending().get()>"Save"</button>
                            </form>
                        }
                        .into_any()
                    } else {
                        view! { <p class="muted">"Only a Billing Administrator or the Owner can change the client limit."</p> }.into_any()
                    }
                }}
            </section>
        </div>
    }
}
