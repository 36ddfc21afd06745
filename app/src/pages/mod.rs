//! One file per route.
pub mod login;
pub mod manage_users;
pub mod not_found;
