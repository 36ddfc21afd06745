//! The dialogs of the Team Members tab: "are you sure?" before archiving or deleting, the trash
//! button's Yes/No before disconnecting someone, and "View Registration Code".
use super::{
    dialog::Dialog,
    team_panel::{TeamDialog, TeamView},
};
use crate::{api::team::view_member_registration_code, domain::team::TeamAction};
use leptos::prelude::*;

#[component]
pub fn TeamDialogs(team: TeamView) -> impl IntoView {
    move || {
        team.dialog.get().map(|open| match open {
            TeamDialog::Confirm(action) => view! { <ConfirmTeamAction team action/> }.into_any(),
            TeamDialog::Disconnect(id, name) => {
                view! { <ConfirmDisconnect team id name/> }.into_any()
            }
            TeamDialog::Code(id) => view! { <MemberCode team id/> }.into_any(),
        })
    }
}

#[component]
fn ConfirmTeamAction(team: TeamView, action: TeamAction) -> impl IntoView {
    let ids = team.selection.get_untracked().ids();
    let (title, explanation, button) = action
        .confirmation(ids.len())
        .unwrap_or_else(|| (String::new(), "", "OK"));
    let close = Callback::new(move |_| team.dialog.set(None));
    let ids = StoredValue::new(ids);
    view! {
        <Dialog title on_close=close>
            <p>{explanation}</p>
            <div class="dialog-actions">
                <button type="button" class="button ghost" on:click=move |_| close.run(())>"Cancel"</button>
                <button
                    type="button"
                    class="button danger"
                    disabled=move || team.busy.get()
                    on:click=move |_| team.run.run((ids.get_value(), action, None))
                >
                    {button}
                </button>
            </div>
        </Dialog>
    }
}

/// The trash button's question, answered Yes or No.
#[component]
fn ConfirmDisconnect(team: TeamView, id: i64, name: String) -> impl IntoView {
    let close = Callback::new(move |_| team.dialog.set(None));
    let title = format!("Disconnect {name}?");
    let name = StoredValue::new(name);
    view! {
        <Dialog title on_close=close>
            <p>{move || format!(
                "{} is signed out at once and can no longer sign in. Their account moves to Archived, where you can reconnect them later.",
                name.get_value()
            )}</p>
            <div class="dialog-actions">
                <button type="button" class="button ghost" on:click=move |_| close.run(())>"No"</button>
                <button
                    type="button"
                    class="button danger"
                    disabled=move || team.busy.get()
                    on:click=move |_| team.run.run((vec![id], TeamAction::Disconnect, Some(name.get_value())))
                >
                    "Yes"
                </button>
            </div>
        </Dialog>
    }
}

#[component]
fn MemberCode(team: TeamView, id: i64) -> impl IntoView {
    let code = LocalResource::new(move || view_member_registration_code(id));
    let close = Callback::new(move |_| team.dialog.set(None));
    view! {
        <Dialog title="Registration Code" on_close=close>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match code.await {
                        Ok(code) => view! {
                            <p>{format!("{} ({}) registers with this code and their email address:", code.client_name, code.email)}</p>
                            <output class="registration-code" aria-label="Registration code">{code.code}</output>
                            <p class="muted">{format!("It works once and expires on {}. Sending it again replaces it with a new code.", code.expires_on)}</p>
                        }
                        .into_any(),
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <div class="dialog-actions">
                <button type="button" class="button ghost" on:click=move |_| close.run(())>"Close"</button>
                <button
                    type="button"
                    class="button primary"
                    disabled=move || team.busy.get()
                    on:click=move |_| team.run.run((vec![id], TeamAction::SendRegistrationCodes, None))
                >
                    "Send Registration Code"
                </button>
            </div>
        </Dialog>
    }
}
