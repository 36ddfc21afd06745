//! One file per route.
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
