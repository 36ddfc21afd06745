//! The Team Members tab: members of the chosen view with their roles and security tags.
use super::menu::Menu;
use crate::{api::team::list_team, domain::UserState};
use leptos::prelude::*;

#[component]
pub fn TeamPanel() -> impl IntoView {
    let view_state = RwSignal::new(UserState::Active);
    let open = RwSignal::new(false);
    let members = Resource::new(move || view_state.get(), list_team);
    let label = Signal::derive(move || format!("Show: {}", view_state.get().label()));
    view! {
        <div class="toolbar">
            <Menu label open class="ghost">
                {UserState::ALL
                    .into_iter()
                    .map(|state| view! {
                        <button
                            type="button"
                            role="menuitemradio"
                            class="menu-item"
                            aria-checked=move || (view_state.get() == state).to_string()
                            on:click=move |_| {
                                open.set(false);
                                view_state.set(state);
                            }
                        >
                            {state.label()}
                        </button>
                    })
                    .collect_view()}
            </Menu>
        </div>
        <div class="table-wrap">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Roles"</th>
                        <th scope="col">"Security Tags"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match members.await {
                            Ok(rows) if rows.is_empty() => view! {
                                <tbody><tr><td colspan="5" class="empty">"No team members in this view."</td></tr></tbody>
                            }
                            .into_any(),
                            Ok(rows) => view! {
                                <tbody>
                                    {rows.into_iter().map(|m| view! {
                                        <tr>
                                            <td class="name-cell">
                                                {format!("{} {}", m.first_name, m.last_name)}
                                                {m.is_owner.then(|| view! { <span class="pill owner">"Owner"</span> })}
                                            </td>
                                            <td>{m.email}</td>
                                            <td>{m.roles.iter().map(|r| view! { <span class="pill role">{r.label()}</span> }).collect_view()}</td>
                                            <td>
                                                {if m.security_tags.is_empty() {
                                                    view! { <span class="muted">"All clients"</span> }.into_any()
                                                } else {
                                                    m.security_tags.into_iter().map(|t| view! { <span class="tag">{t}</span> }).collect_view().into_any()
                                                }}
                                            </td>
                                            <td>{if m.registered { "Registered" } else { "Invited" }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            }
                            .into_any(),
                            Err(error) => view! {
                                <tbody><tr><td colspan="5" class="empty error" role="alert">{error.to_string()}</td></tr></tbody>
                            }
                            .into_any(),
                        }
                    })}
                </Transition>
            </table>
        </div>
    }
}
