//! Optional per-user throttling (off until test control turns it on): each user gets `limit` requests per
//! fixed window; past that Graph answers 429 with a (fractional) `Retry-After` for the rest of the window.
//! Other users are not affected, which is what "Retry-After honoured per user" tests rely on.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThrottleSettings {
    /// Requests a user may make per window.
    pub limit: u32,
    pub window_seconds: f64,
    /// Count only writes (POST, PUT, PATCH, DELETE), like Graph's identity write budget.
    #[serde(default)]
    pub writes_only: bool,
}

struct Window {
    started: DateTime<Utc>,
    used: u32,
}

#[derive(Default)]
pub struct Throttle {
    settings: Mutex<Option<ThrottleSettings>>,
    windows: Mutex<HashMap<String, Window>>,
}

impl Throttle {
    pub fn configure(&self, settings: Option<ThrottleSettings>) {
        *self.settings.lock().unwrap_or_else(|p| p.into_inner()) = settings;
        self.windows
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    pub fn settings(&self) -> Option<ThrottleSettings> {
        self.settings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// `Err(retry_after)` when the user is over budget; `retry_after` is seconds with up to 3 decimals.
    pub fn check(&self, user_id: &str, is_write: bool, now: DateTime<Utc>) -> Result<(), String> {
        let Some(settings) = self.settings() else {
            return Ok(());
        };
        if settings.writes_only && !is_write {
            return Ok(());
        }
        let window_length =
            Duration::milliseconds((settings.window_seconds.max(0.001) * 1000.0) as i64);
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let window = windows.entry(user_id.to_string()).or_insert(Window {
            started: now,
            used: 0,
        });
        if now - window.started >= window_length || now < window.started {
            *window = Window {
                started: now,
                used: 0,
            };
        }
        if window.used < settings.limit {
            window.used += 1;
            return Ok(());
        }
        let remaining = (window.started + window_length - now)
            .num_milliseconds()
            .max(1);
        Err(format_seconds(remaining))
    }
}

/// 2128 ms → "2.128", 3000 ms → "3".
pub fn format_seconds(millis: i64) -> String {
    if millis % 1000 == 0 {
        (millis / 1000).to_string()
    } else {
        let text = format!("{}.{:03}", millis / 1000, millis % 1000);
        text.trim_end_matches('0').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_is_per_user_and_resets_after_the_window() {
        let throttle = Throttle::default();
        throttle.configure(Some(ThrottleSettings {
            limit: 2,
            window_seconds: 2.5,
            writes_only: false,
        }));
        let t0 = Utc::now();
        assert!(throttle.check("a", false, t0).is_ok());
        assert!(throttle.check("a", true, t0).is_ok());
        assert_eq!(
            throttle.check("a", false, t0 + Duration::milliseconds(372)),
            Err("2.128".to_string())
        );
        assert!(throttle.check("b", false, t0).is_ok());
        assert!(throttle
            .check("a", false, t0 + Duration::milliseconds(2500))
            .is_ok());
    }

    #[test]
    fn seconds_format_like_graph() {
        assert_eq!(format_seconds(3000), "3");
        assert_eq!(format_seconds(2128), "2.128");
        assert_eq!(format_seconds(1500), "1.5");
        assert_eq!(format_seconds(1), "0.001");
    }
}
