//! The router state every handler and server function receives.
use super::{db::Db, import::ImportJobs, rate_limit::RateLimiter, settings::Settings};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    pub sign_in_limiter: Arc<RateLimiter>,
    /// Failed registration codes and invitation links, and sign-up requests, per address.
    pub public_limiter: Arc<RateLimiter>,
    /// Poked after a transaction that queued email commits, so the mail worker sends at once.
    pub mail_wakeup: Arc<Notify>,
    /// CSV imports being checked or carried out.
    pub imports: Arc<ImportJobs>,
}

impl AppState {
    pub fn new(db: Db, settings: Settings, leptos_options: LeptosOptions) -> Self {
        Self {
            db,
            settings: Arc::new(settings),
            leptos_options,
            sign_in_limiter: Arc::new(RateLimiter::for_sign_in()),
            public_limiter: Arc::new(RateLimiter::for_public_forms()),
            mail_wakeup: Arc::new(Notify::new()),
            imports: Arc::new(ImportJobs::default()),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
