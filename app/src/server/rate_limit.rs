//! Sliding-window limits on failed sign-ins, per account and per client address.
use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
    time::{Duration, Instant},
};

pub struct RateLimiter {
    window: Duration,
    per_key_limit: usize,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// Sign-in: an account or an address gets 5 failures per 15 minutes.
    pub fn for_sign_in() -> Self {
        Self::new(Duration::from_secs(15 * 60), 5)
    }

    /// Registration, invitation and sign-up forms: 20 failures or requests per address an hour.
    pub fn for_public_forms() -> Self {
        Self::new(Duration::from_secs(60 * 60), 20)
    }

    pub fn new(window: Duration, per_key_limit: usize) -> Self {
        Self {
            window,
            per_key_limit,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// True when any of `keys` has used up its failures in the current window.
    pub fn is_blocked(&self, keys: &[String]) -> bool {
        self.is_blocked_at(keys, Instant::now())
    }

    fn is_blocked_at(&self, keys: &[String], now: Instant) -> bool {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter().any(|key| {
            failures.get_mut(key).is_some_and(|times| {
                Self::forget_old(times, now, self.window);
                times.len() >= self.per_key_limit
            })
        })
    }

    pub fn record_failure(&self, keys: &[String]) {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > 100_000 {
            let window = self.window;
            failures.retain(|_, times| {
                Self::forget_old(times, now, window);
                !times.is_empty()
            });
        }
        for key in keys {
            failures.entry(key.clone()).or_default().push_back(now);
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }

    fn forget_old(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) > window)
        {
            times.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_blocked_after_its_limit_of_failures() {
        let limiter = RateLimiter::new(Duration::from_secs(60), 3);
        let keys = vec![
            "acct:ada@example.com".to_string(),
            "ip:127.0.0.1".to_string(),
        ];
        for _ in 0..3 {
            assert!(!limiter.is_blocked(&keys));
            limiter.record_failure(&keys);
        }
        assert!(limiter.is_blocked(&keys));
        assert!(limiter.is_blocked(&["ip:127.0.0.1".to_string()]));
        assert!(!limiter.is_blocked(&["acct:bo@example.com".to_string()]));
    }

    #[test]
    fn failures_older_than_the_window_are_forgotten() {
        let limiter = RateLimiter::new(Duration::from_secs(60), 1);
        let keys = vec!["acct:ada@example.com".to_string()];
        limiter.record_failure(&keys);
        assert!(limiter.is_blocked(&keys));
        assert!(!limiter.is_blocked_at(&keys, Instant::now() + Duration::from_secs(61)));
    }
}
