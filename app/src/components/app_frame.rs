//! The frame around every signed-in page: the side navigation and the top bar with the user.
use crate::{api::session::SignOut, domain::user::CurrentUser};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn AppFrame(user: CurrentUser, children: Children) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            let _ = window().location().set_href("/login");
        }
    });
    // The pages inside know who is looking (a member's own row, say).
    provide_context(user.clone());
    let name = format!("{} {}", user.first_name, user.last_name);
    let path = use_location().pathname;
    let link = move |href: &'static str, label: &'static str| {
        let here = move || {
            let current = path.get();
            current == href
                || (href == "/manage-users"
                    && current.starts_with("/manage-users/")
                    && !current.ends_with("/sent-email")
                    && !current.ends_with("/audit-log"))
        };
        view! {
            <li>
                <a href=href class=move || if here() { "nav-link active" } else { "nav-link" } aria-current=move || here().then_some("page")>
                    {label}
                </a>
            </li>
        }
    };
    let admin = user.is_admin();
    let practitioner = user.is_practitioner() && !admin;
    let plan = user.sees_plan();
    view! {
        <div class="frame">
            <nav class="sidebar" aria-label="Main">
                <div class="brand">
                    <span class="brand-mark" aria-hidden="true">"R"</span>
                    <span>"Roster"</span>
                </div>
                <p class="org-name">{user.organization.clone()}</p>
                <ul>
                    {admin.then(|| link("/manage-users", "Manage Users"))}
                    {practitioner.then(|| link("/clients", "Clients"))}
                    {plan.then(|| link("/plan", "Plan"))}
                    {admin.then(|| link("/manage-users/audit-log", "Audit Log"))}
                    {admin.then(|| link("/manage-users/sent-email", "Sent Email"))}
                    {link("/account", "My Account")}
                </ul>
            </nav>
            <div class="frame-main">
                <header class="topbar">
                    <div class="topbar-user">
                        <span class="avatar" aria-hidden="true">{user.initials()}</span>
                        <span class="topbar-name">
                            <strong>{name}</strong>
                            <span class="muted">{user.email.clone()}</span>
                        </span>
                    </div>
                    <button type="button" class="button ghost" on:click=move |_| { sign_out.dispatch(SignOut {}); }>
                        "Sign out"
                    </button>
                </header>
                {children()}
            </div>
        </div>
    }
}
