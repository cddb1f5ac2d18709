//! Counts of minutes and seconds in the kiosk's language ("2 minutes", "1 Minute und 30 Sekunden"),
//! for the start screen's idle timeout and the warning's countdown.
//!
//! The language is read untracked: these words are put inside views that already re-render when the
//! language changes (a `t!` interpolation, the idle warning). A tracked read there would list each
//! rebuilt interpolation in the language signal for as long as the page lives (reactive_graph 0.2 drops
//! a subscriber only when it runs again), a little more memory at every language switch on a start
//! screen that stays up all day.

use leptos_i18n::I18nContext;

use super::idle::TimeoutParts;
use crate::locale::intl::{number, plural};
use crate::locale::{td_string, Language, Locale, Plural};

/// "1 second", "20 seconds".
pub fn seconds(i18n: I18nContext<Locale>, count: u32) -> String {
    let locale = i18n.get_locale_untracked();
    let language = Language::of(locale);
    let shown = number(i64::from(count), language);
    match plural(i64::from(count), language) {
        Plural::One => td_string!(locale, kiosk.seconds.one, count = shown).to_string(),
        Plural::Other => td_string!(locale, kiosk.seconds.other, count = shown).to_string(),
    }
}

/// "1 minute", "2 minutes".
pub fn minutes(i18n: I18nContext<Locale>, count: u32) -> String {
    let locale = i18n.get_locale_untracked();
    let language = Language::of(locale);
    let shown = number(i64::from(count), language);
    match plural(i64::from(count), language) {
        Plural::One => td_string!(locale, kiosk.minutes.one, count = shown).to_string(),
        Plural::Other => td_string!(locale, kiosk.minutes.other, count = shown).to_string(),
    }
}

/// The idle timeout in words: "2 minutes", "1 minute 30 seconds", "45 seconds".
pub fn timeout(i18n: I18nContext<Locale>, seconds_total: u32) -> String {
    match TimeoutParts::of(seconds_total) {
        TimeoutParts::Seconds(s) => seconds(i18n, s),
        TimeoutParts::Minutes(m) => minutes(i18n, m),
        TimeoutParts::MinutesAndSeconds(m, s) => td_string!(
            i18n.get_locale_untracked(),
            kiosk.minutes_and_seconds,
            minutes = minutes(i18n, m),
            seconds = seconds(i18n, s)
        )
        .to_string(),
    }
}
