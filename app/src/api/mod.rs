//! Every server function, one file per resource. Each is a public HTTP endpoint: it checks the
//! caller itself, parses its arguments into domain values and calls a use-case.
pub mod account;
pub mod audit;
pub mod clients;
pub mod error;
pub mod import;
pub mod mail;
pub mod onboarding;
pub mod plan;
pub mod session;
pub mod team;
