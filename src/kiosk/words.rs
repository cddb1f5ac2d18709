//! Counts of minutes and seconds in the kiosk's language ("2 minutes", "1 Minute und 30 Sekunden"),
//! for the start screen's idle timeout and the warning's countdown.

use leptos_i18n::I18nContext;

use super::idle::TimeoutParts;
use crate::locale::intl::{number, plural};
use crate::locale::{t_string, Language, Locale, Plural};

/// "1 second", "20 seconds".
pub fn seconds(i18n: I18nContext<Locale>, count: u32) -> String {
    let language = Language::of(i18n.get_locale());
    let shown = number(i64::from(count), language);
    match plural(i64::from(count), language) {
        Plural::One => t_string!(i18n, kiosk.seconds.one, count = shown).to_string(),
        Plural::Other => t_string!(i18n, kiosk.seconds.other, count = shown).to_string(),
    }
}

/// "1 minute", "2 minutes".
pub fn minutes(i18n: I18nContext<Locale>, count: u32) -> String {
    let language = Language::of(i18n.get_locale());
    let shown = number(i64::from(count), language);
    match plural(i64::from(count), language) {
        Plural::One => t_string!(i18n, kiosk.minutes.one, count = shown).to_string(),
        Plural::Other => t_string!(i18n, kiosk.minutes.other, count = shown).to_string(),
    }
}

/// The idle timeout in words: "2 minutes", "1 minute 30 seconds", "45 seconds".
pub fn timeout(i18n: I18nContext<Locale>, seconds_total: u32) -> String {
    match TimeoutParts::of(seconds_total) {
        TimeoutParts::Seconds(s) => seconds(i18n, s),
        TimeoutParts::Minutes(m) => minutes(i18n, m),
        TimeoutParts::MinutesAndSeconds(m, s) => t_string!(
            i18n,
            kiosk.minutes_and_seconds,
            minutes = minutes(i18n, m),
            seconds = seconds(i18n, s)
        )
        .to_string(),
    }
}
