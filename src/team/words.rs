//! What the run report says about a person whose lookup was given up, in the administrator's language
//! (`admin.json`): why it is not known whether they have a badge code, Graph's HTTP status when there
//! was one, and how many times they were asked about.

use leptos_i18n::I18nContext;
use qrpin::retry::{FailureKind, GaveUp};

use crate::locale::intl::{number, plural};
use crate::locale::{t_string, Language, Locale, Plural};

/// "It is not known whether … Microsoft Graph was unavailable. … · HTTP 503 · 6 attempts".
pub fn lookup_failed_words(i18n: I18nContext<Locale>, gave_up: GaveUp) -> String {
    let language = Language::of(i18n.get_locale());
    let why = match gave_up.kind {
        FailureKind::Throttled => t_string!(i18n, admin.report.lookup_failed.throttled),
        FailureKind::Unavailable => t_string!(i18n, admin.report.lookup_failed.unavailable),
        FailureKind::NoAnswer => t_string!(i18n, admin.report.lookup_failed.no_answer),
        FailureKind::Unreadable => t_string!(i18n, admin.report.lookup_failed.unreadable),
        FailureKind::Refused => t_string!(i18n, admin.report.lookup_failed.refused),
    };
    let attempts = i64::from(gave_up.attempts);
    let count = number(attempts, language);
    let tries = match plural(attempts, language) {
        Plural::One => t_string!(i18n, admin.report.lookup_failed.attempts.one, count),
        Plural::Other => t_string!(i18n, admin.report.lookup_failed.attempts.other, count),
    };
    let mut parts = vec![why.to_string()];
    // The status is Graph's, for support; it reads the same in every language.
    if let Some(status) = gave_up.status {
        parts.push(format!("HTTP {status}"));
    }
    parts.push(tries.to_string());
    parts.join(" · ")
}
