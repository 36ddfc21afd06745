//! Manage Users → Team Members (`/manage-users/team`): Administrators only.
use super::manage_users::ManageUsersTabs;
use crate::{
    components::{signed_in::SignedIn, team_panel::TeamPanel},
    domain::user::CurrentUser,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TeamMembers() -> impl IntoView {
    view! {
        <Title text="Team Members · Manage Users · Roster"/>
        <SignedIn only=CurrentUser::is_admin>
            <ManageUsersTabs team=true>
                <TeamPanel/>
            </ManageUsersTabs>
        </SignedIn>
    }
}
