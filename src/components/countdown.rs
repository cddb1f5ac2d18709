//! A live "time left" for a temporary code, updated every second.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::format::now;
use crate::locale::{intl, t_string, use_i18n, Language, Locale};

/// Whole seconds left until `until`; `None` once it has run out.
pub fn remaining_seconds(until: DateTime<Utc>, at: DateTime<Utc>) -> Option<i64> {
    let seconds = (until - at).num_seconds();
    (seconds > 0).then_some(seconds)
}

/// "3 h 4 min 5 s left" / "Expired", in the chosen language. Call it inside a reactive closure.
pub fn countdown_words(
    i18n: I18nContext<Locale>,
    until: DateTime<Utc>,
    at: DateTime<Utc>,
) -> String {
    let language = Language::of(i18n.get_locale());
    match remaining_seconds(until, at) {
        Some(seconds) => t_string!(
            i18n,
            status.countdown.left,
            time = intl::duration(seconds, language)
        )
        .to_string(),
        None => t_string!(i18n, status.countdown.expired).to_string(),
    }
}

#[component]
pub fn Countdown(until: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let (current, set_current) = signal(now());
    if let Ok(handle) =
        set_interval_with_handle(move || set_current.set(now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    // role="timer" is not announced on every tick; the visible text is what matters.
    view! {
        <span class="countdown" role="timer">
            {move || countdown_words(i18n, until, current.get())}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn counts_whole_seconds_until_expiry() {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
        let until = Utc.with_ymd_and_hms(2026, 1, 1, 11, 4, 5).unwrap();
        assert_eq!(remaining_seconds(until, at), Some(3 * 3600 + 4 * 60 + 5));
        let soon = Utc.with_ymd_and_hms(2026, 1, 1, 8, 2, 9).unwrap();
        assert_eq!(remaining_seconds(soon, at), Some(129));
        assert_eq!(remaining_seconds(at, at), None);
        assert_eq!(remaining_seconds(at, soon), None);
    }
}
