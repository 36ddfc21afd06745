//! The Roles checkboxes of the Create New Members rows and the team invitation form.
use crate::domain::Role;
use leptos::prelude::*;

#[component]
pub fn RoleChoices(
    roles: RwSignal<Vec<Role>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="role-choices">
            <legend>"Roles"</legend>
            {Role::ALL
                .into_iter()
                .map(|role| view! {
                    <label class="check-row">
                        <input
                            type="checkbox"
                            prop:checked=move || roles.with(|r| r.contains(&role))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                roles.update(|r| {
                                    r.retain(|x| *x != role);
                                    if on {
                                        r.push(role);
                                    }
                                });
                            }
                        />
                        {role.label()}
                    </label>
                })
                .collect_view()}
            {move || error.get().map(|m| view! { <span class="field-error">{m}</span> })}
        </fieldset>
    }
}
