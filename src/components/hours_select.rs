//! The one choice of a temporary code's lifetime, offered alike on every page that makes one.

use leptos::prelude::*;
use qrpin::rules::{
    parse_lifetime, LifetimeInputProblem, LifetimeUnit, WindowProblem, TEMPORARY_HOUR_CHOICES,
};

use crate::commands::{Command, Commands};
use crate::locale::{intl, td_string, use_i18n, Language, Locale, Plural};

/// "8 hours", "8 horas", "8 heures", "8 Stunden".
pub fn hours_words(hours: u32, locale: Locale) -> String {
    let language = Language::of(locale);
    let count = intl::number(i64::from(hours), language);
    match intl::plural(i64::from(hours), language) {
        Plural::One => td_string!(locale, selfservice.hours.one, count = count).to_string(),
        Plural::Other => td_string!(locale, selfservice.hours.other, count = count).to_string(),
    }
}

/// What to change about a code's validity window qrpin refuses, e.g. "A badge QR code can stay valid for at
/// most 395 days (13 months). Choose an earlier expiry."
pub fn window_problem_words(problem: WindowProblem, locale: Locale) -> String {
    let language = Language::of(locale);
    // One of a pair of texts (`one` / `other`) for a bound, with the number in the language's digits.
    let counted =
        |bound: i64, one: fn(Locale, String) -> String, other: fn(Locale, String) -> String| {
            let count = intl::number(bound, language);
            match intl::plural(bound, language) {
                Plural::One => one(locale, count),
                Plural::Other => other(locale, count),
            }
        };
    match problem {
        WindowProblem::ExpireNotAfterStart => {
            td_string!(locale, selfservice.window_problem.expire_not_after_start).to_string()
        }
        WindowProblem::ExpireInPast => {
            td_string!(locale, selfservice.window_problem.expire_in_past).to_string()
        }
        WindowProblem::StandardTooShort { min_days } => counted(
            min_days,
            |l, count| {
                td_string!(
                    l,
                    selfservice.window_problem.standard_too_short.one,
                    count = count
                )
                .to_string()
            },
            |l, count| {
                td_string!(
                    l,
                    selfservice.window_problem.standard_too_short.other,
                    count = count
                )
                .to_string()
            },
        ),
        WindowProblem::StandardTooLong { max_days } => counted(
            max_days,
            |l, count| {
                td_string!(
                    l,
                    selfservice.window_problem.standard_too_long.one,
                    count = count
                )
                .to_string()
            },
            |l, count| {
                td_string!(
                    l,
                    selfservice.window_problem.standard_too_long.other,
                    count = count
                )
                .to_string()
            },
        ),
        WindowProblem::TemporaryTooShort { min_hours } => counted(
            min_hours,
            |l, count| {
                td_string!(
                    l,
                    selfservice.window_problem.temporary_too_short.one,
                    count = count
                )
                .to_string()
            },
            |l, count| {
                td_string!(
                    l,
                    selfservice.window_problem.temporary_too_short.other,
                    count = count
                )
                .to_string()
            },
        ),
        WindowProblem::TemporaryTooLong { max_hours } => counted(
            max_hours,
            |l, count| {
                td_string!(
                    l,
                    selfservice.window_problem.temporary_too_long.one,
                    count = count
                )
                .to_string()
            },
            |l, count| {
                td_string!(
                    l,
                    selfservice.window_problem.temporary_too_long.other,
                    count = count
                )
                .to_string()
            },
        ),
    }
}

/// A select over the shared list of hours. It keeps what the page holds as text, so a value changed
/// behind the page's back (developer tools) is refused with words when read, never turned into a number.
#[component]
pub fn HoursSelect(
    id: &'static str,
    /// The question above the select (a translation, re-read when the language changes).
    #[prop(into)]
    label: Signal<String>,
    /// The chosen value as the select holds it.
    chosen: RwSignal<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label for=id>{label}</label>
        <select id=id class=class on:change:target=move |ev| chosen.set(ev.target().value())>
            {TEMPORARY_HOUR_CHOICES
                .iter()
                .map(|h| {
                    let h = *h;
                    view! {
                        <option value=h.to_string() selected=move || chosen.get() == h.to_string()>
                            {move || hours_words(h, i18n.get_locale())}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// Creates a temporary code for the hours in `chosen`, or keeps in `problem` why it cannot: the one way every
/// page (self-service, kiosk, administrator) turns the select into a command. The problem stays typed, so the
/// view words it with `lifetime_words` in the language shown, re-worded on a switch.
pub fn start_temporary(
    commands: Commands,
    chosen: &str,
    replace_active: bool,
    problem: WriteSignal<Option<LifetimeInputProblem>>,
) {
    match parse_lifetime(chosen, LifetimeUnit::Hours) {
        Ok(hours) => {
            problem.set(None);
            commands.run(Command::CreateTemporary {
                hours,
                replace_active,
            });
        }
        Err(refused) => problem.set(Some(refused)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::choice::ALL_LANGUAGES;

    #[test]
    fn hours_read_as_today_in_english() {
        let words: Vec<String> = TEMPORARY_HOUR_CHOICES
            .iter()
            .map(|h| hours_words(*h, Locale::en))
            .collect();
        assert_eq!(
            words,
            ["1 hour", "2 hours", "4 hours", "6 hours", "8 hours", "10 hours", "12 hours"]
        );
        assert_eq!(hours_words(8, Locale::de), "8 Stunden");
    }

    #[test]
    fn every_window_problem_is_worded_with_its_bound() {
        let problems = [
            WindowProblem::ExpireNotAfterStart,
            WindowProblem::ExpireInPast,
            WindowProblem::StandardTooShort { min_days: 1 },
            WindowProblem::StandardTooLong { max_days: 395 },
            WindowProblem::TemporaryTooShort { min_hours: 1 },
            WindowProblem::TemporaryTooLong { max_hours: 12 },
        ];
        for language in ALL_LANGUAGES {
            for problem in problems {
                assert!(!window_problem_words(problem, language.locale()).is_empty());
            }
            let long = window_problem_words(
                WindowProblem::StandardTooLong { max_days: 395 },
                language.locale(),
            );
            assert!(long.contains("395"), "{long}");
        }
        assert_eq!(
            window_problem_words(
                WindowProblem::TemporaryTooLong { max_hours: 12 },
                Locale::en
            ),
            "A temporary QR code can stay valid for at most 12 hours. Choose an earlier expiry."
        );
        assert_eq!(
            window_problem_words(WindowProblem::StandardTooShort { min_days: 1 }, Locale::en),
            "A badge QR code must stay valid for at least 1 day. Choose a later expiry."
        );
    }
}
