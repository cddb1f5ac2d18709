//! A live "time left" for a temporary code, updated every second.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::format::now;

/// "3 h 04 min 05 s" for a positive duration; `None` once it has run out.
pub fn remaining_text(until: DateTime<Utc>, at: DateTime<Utc>) -> Option<String> {
    let seconds = (until - at).num_seconds();
    if seconds <= 0 {
        return None;
    }
    let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    Some(if h > 0 {
        format!("{h} h {m:02} min {s:02} s")
    } else {
        format!("{m} min {s:02} s")
    })
}

#[component]
pub fn Countdown(until: DateTime<Utc>) -> impl IntoView {
    let (current, set_current) = signal(now());
    if let Ok(handle) =
        set_interval_with_handle(move || set_current.set(now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    // role="timer" is not announced on every tick; the visible text is what matters.
    view! {
        <span class="countdown" role="timer">
            {move || match remaining_text(until, current.get()) {
                Some(left) => format!("{left} left"),
                None => "Expired".to_string(),
            }}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn formats_hours_minutes_seconds_and_expiry() {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
        let until = Utc.with_ymd_and_hms(2026, 1, 1, 11, 4, 5).unwrap();
        assert_eq!(
            remaining_text(until, at).as_deref(),
            Some("3 h 04 min 05 s")
        );
        let soon = Utc.with_ymd_and_hms(2026, 1, 1, 8, 2, 9).unwrap();
        assert_eq!(remaining_text(soon, at).as_deref(), Some("2 min 09 s"));
        assert_eq!(remaining_text(at, at), None);
    }
}
