//! Server-only code: state, settings, auth, passwords, security, use-cases and all SQL.
pub mod account;
pub mod audit;
pub mod auth;
pub mod client_actions;
pub mod clients;
pub mod clock;
pub mod db;
pub mod export;
pub mod import;
pub mod invitations;
pub mod layouts;
pub mod mail;
pub mod password;
pub mod plan;
pub mod rate_limit;
pub mod registration;
pub mod security;
pub mod seed;
pub mod session_store;
pub mod settings;
pub mod signup;
pub mod state;
pub mod team;
pub mod testing;
pub mod tokens;

pub use state::AppState;
