//! Settings read from environment variables once at start-up.
use std::fmt;

/// A value that must never be printed (connection strings with passwords, SMTP credentials).
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// `sqlite://…` (default `sqlite://data/roster.db`) or `postgres://…`.
    pub database_url: Secret,
    /// Where people reach Roster, used in links inside emails; https turns on Secure cookies.
    pub base_url: String,
    /// `smtp://user:pass@host:port` (or `smtps://`); none keeps emails on the Sent email page.
    pub smtp_url: Option<Secret>,
    /// The From of every email Roster sends.
    pub mail_from: String,
    /// How long a session lasts without a request (`SESSION_IDLE_MINUTES`, default 60).
    pub session_idle: std::time::Duration,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/roster.db";
pub const DEFAULT_MAIL_FROM: &str = "Roster <no-reply@localhost>";

impl Settings {
    pub fn from_env(site_addr: &str) -> Self {
        let var = |key: &str| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
        Self {
            database_url: Secret::new(
                var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            ),
            base_url: var("APP_BASE_URL")
                .unwrap_or_else(|| format!("http://{site_addr}"))
                .trim_end_matches('/')
                .to_string(),
            smtp_url: var("SMTP_URL").map(Secret::new),
            mail_from: var("MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into()),
            session_idle: std::time::Duration::from_secs(
                60 * var("SESSION_IDLE_MINUTES")
                    .and_then(|v| v.parse::<u64>().ok())
                    .filter(|minutes| *minutes > 0)
                    .unwrap_or(60),
            ),
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}
