//! One file per route. Every page but Manage Users' Clients tab is loaded on demand: its code is
//! split out of the main wasm (`cargo leptos build --split`) and fetched when the page is first
//! shown, so the Clients table, the page admins open all day, waits only for the code it uses.
pub mod account;
pub mod add_clients;
pub mod add_team_members;
pub mod audit_log;
pub mod import_clients;
pub mod invitation;
pub mod invite_clients;
pub mod invite_team_members;
pub mod join;
pub mod login;
pub mod manage_users;
pub mod my_clients;
pub mod not_found;
pub mod plan;
pub mod register;
pub mod sent_email;
pub mod team_members;

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// A route whose page is loaded on demand: `lazy_page!(Route, module::Component)` defines
/// `Route`, used in the router as `Lazy::<Route>::new()`.
macro_rules! lazy_page {
    ($route:ident, $module:ident :: $page:ident) => {
        #[doc = concat!("The ", stringify!($page), " page, loaded on demand.")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                use $module::$page;
                crate::components::live::mark_live();
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(AccountRoute, account::Account);
lazy_page!(AddClientsRoute, add_clients::AddClients);
lazy_page!(AddTeamMembersRoute, add_team_members::AddTeamMembers);
lazy_page!(AuditLogRoute, audit_log::AuditLog);
lazy_page!(ImportClientsRoute, import_clients::ImportClients);
lazy_page!(InvitationRoute, invitation::AcceptInvitation);
lazy_page!(InviteClientsRoute, invite_clients::InviteClients);
lazy_page!(
    InviteTeamMembersRoute,
    invite_team_members::InviteTeamMembers
);
lazy_page!(JoinRoute, join::Join);
lazy_page!(LoginRoute, login::Login);
lazy_page!(MyClientsRoute, my_clients::MyClients);
lazy_page!(PlanRoute, plan::PlanPage);
lazy_page!(RegisterRoute, register::Register);
lazy_page!(SentEmailRoute, sent_email::SentEmail);
lazy_page!(TeamMembersRoute, team_members::TeamMembers);
