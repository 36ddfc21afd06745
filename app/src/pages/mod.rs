//! One file per route.
pub mod account;
pub mod add_clients;
pub mod invitation;
pub mod invite_clients;
pub mod join;
pub mod login;
pub mod manage_users;
pub mod not_found;
pub mod register;
pub mod sent_email;
