//! "Add a reminder to my calendar": the employee's badge expiry as an iCalendar file, written by
//! `qrpin::ical` in the browser from the badge code's id and dates and the words of the chosen language.
//! Dates are the person's own (their time zone, `format::local_date`); the file names the portal's home
//! page for renewing and carries no secret (the code's id only hashed, never its payload, never a PIN).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use qrpin::ical::REMINDER_DAYS_BEFORE;
use qrpin::ical::{expiry_calendar, EventText, ExpiryReminder, ReminderProblem};
use qrpin::model::QrCode;

use super::created_code::save_problem_words;
use super::Alert;
use crate::browser::{download_text, portal_home_url, BrowserProblem};
use crate::format::{local_date, now as clock_now};
use crate::locale::{intl, t, td_string, use_i18n, Language, Locale, Plural};

/// The media type of the file (RFC 5545 §8.1), with its character set spelt out for older calendars.
const CALENDAR_TYPE: &str = "text/calendar;charset=utf-8";

/// Why pressing the button saved nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SaveTrouble {
    Reminder(ReminderProblem),
    Browser(BrowserProblem),
}

/// The reminder file for `code`, which expires at `expires`, in `locale`: stamped `now`, with the dates in the
/// person's time zone and `portal` as the place to renew.
pub fn reminder_file(
    code: &QrCode,
    expires: DateTime<Utc>,
    now: DateTime<Utc>,
    locale: Locale,
    portal: &str,
) -> Result<String, ReminderProblem> {
    let expires_on = local_date(expires).ok_or(ReminderProblem::DateOutOfRange)?;
    let today = local_date(now).ok_or(ReminderProblem::DateOutOfRange)?;
    let language = Language::of(locale);
    let days = REMINDER_DAYS_BEFORE as i64;
    let count = intl::number(days, language);
    let summary_before = match intl::plural(days, language) {
        Plural::One => td_string!(
            locale,
            selfservice.reminder.summary_before.one,
            count = count
        )
        .to_string(),
        Plural::Other => td_string!(
            locale,
            selfservice.reminder.summary_before.other,
            count = count
        )
        .to_string(),
    };
    let description = td_string!(
        locale,
        selfservice.reminder.description,
        when = intl::date_time(expires, language),
        manage = td_string!(locale, status.overview.manage_badge)
    )
    .to_string();
    expiry_calendar(&ExpiryReminder {
        code,
        expires_on,
        today,
        stamp: now,
        reminder: EventText {
            summary: &summary_before,
            description: &description,
        },
        expiry_day: EventText {
            summary: td_string!(locale, selfservice.reminder.summary_day),
            description: &description,
        },
        renew_url: portal,
    })
}

/// Why no reminder can be made, in words.
pub fn reminder_problem_words(problem: ReminderProblem, locale: Locale) -> &'static str {
    match problem {
        ReminderProblem::ExpiryPassed => td_string!(locale, selfservice.reminder.expired),
        ReminderProblem::NoCodeId => td_string!(locale, selfservice.reminder.no_code_id),
        ReminderProblem::DateOutOfRange => {
            td_string!(locale, selfservice.reminder.date_out_of_range)
        }
        ReminderProblem::InvalidUrl => td_string!(locale, selfservice.reminder.invalid_url),
    }
}

/// The download button for a badge (standard) code, shown only while its expiry is known and still ahead.
/// When no file can be made for it, a plain sentence says why instead.
#[component]
pub fn ReminderDownload(
    /// The badge code; temporary codes have no reminder.
    code: QrCode,
    now: DateTime<Utc>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(expires) = code.expire_date_time.filter(|expires| *expires > now) else {
        return ().into_any();
    };
    // An origin the browser cannot tell is not an http(s) URL: `expiry_calendar` words it as such.
    let portal = portal_home_url().unwrap_or_default();
    if let Err(problem) = reminder_file(&code, expires, now, i18n.get_locale_untracked(), &portal) {
        return view! { <p class="muted reminder">{move || reminder_problem_words(problem, i18n.get_locale())}</p> }
        .into_any();
    }
    let (trouble, set_trouble) = signal(None::<SaveTrouble>);
    let save = move |_| {
        let locale = i18n.get_locale_untracked();
        let result = reminder_file(&code, expires, clock_now(), locale, &portal)
            .map_err(SaveTrouble::Reminder)
            .and_then(|text| {
                let file_name = format!("{}.ics", td_string!(locale, selfservice.reminder.file));
                download_text(&text, CALENDAR_TYPE, &file_name).map_err(SaveTrouble::Browser)
            });
        set_trouble.set(result.err());
    };
    view! {
        <div class="reminder">
            <div class="actions">
                <button type="button" class="button secondary" on:click=save>
                    {t!(i18n, selfservice.reminder.download)}
                </button>
            </div>
            <p class="muted">{t!(i18n, selfservice.reminder.help)}</p>
            {move || {
                let locale = i18n.get_locale();
                trouble
                    .get()
                    .map(|trouble| {
                        let words = match trouble {
                            SaveTrouble::Reminder(problem) => {
                                reminder_problem_words(problem, locale).to_string()
                            }
                            SaveTrouble::Browser(problem) => save_problem_words(&problem, locale),
                        };
                        view! {
                            <Alert>
                                <p>{words}</p>
                            </Alert>
                        }
                    })
            }}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::choice::ALL_LANGUAGES;
    use chrono::TimeZone;

    const PORTAL: &str = "https://badges.contoso.example/";

    fn badge(id: &str) -> QrCode {
        QrCode {
            id: id.into(),
            ..QrCode::default()
        }
    }

    fn at(year: i32, month: u32, day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(year, month, day, hour, 0, 0)
            .single()
            .expect("a valid instant")
    }

    #[test]
    fn the_file_speaks_the_persons_language_and_points_at_the_portal() {
        let code = badge("c0de-7");
        let (expires, now) = (at(2027, 6, 1, 8), at(2026, 12, 2, 10));
        for language in ALL_LANGUAGES {
            let locale = language.locale();
            let text = reminder_file(&code, expires, now, locale, PORTAL).expect("a file");
            let unfolded = text.replace("\r\n ", "");
            let before = td_string!(
                locale,
                selfservice.reminder.summary_before.other,
                count = "14"
            )
            .to_string();
            assert!(
                unfolded.contains(&format!("SUMMARY:{before}\r\n")),
                "{language:?}: {unfolded}"
            );
            let on_day = td_string!(locale, selfservice.reminder.summary_day);
            assert!(unfolded.contains(&format!("SUMMARY:{on_day}\r\n")));
            let manage = td_string!(locale, status.overview.manage_badge);
            assert!(
                unfolded.contains(manage),
                "{language:?} says where to renew"
            );
            assert!(unfolded.contains(&format!("URL:{PORTAL}\r\n")));
            assert!(unfolded.contains("DTSTART;VALUE=DATE:20270518\r\n"));
            assert!(unfolded.contains("DTSTART;VALUE=DATE:20270601\r\n"));
            assert!(!unfolded.contains("c0de-7"), "the code id is only hashed");
        }
    }

    #[test]
    fn every_problem_has_words_in_every_language() {
        let problems = [
            ReminderProblem::NoCodeId,
            ReminderProblem::ExpiryPassed,
            ReminderProblem::DateOutOfRange,
            ReminderProblem::InvalidUrl,
        ];
        for language in ALL_LANGUAGES {
            let words: Vec<&str> = problems
                .iter()
                .map(|problem| reminder_problem_words(*problem, language.locale()))
                .collect();
            assert!(words.iter().all(|w| !w.trim().is_empty()), "{words:?}");
            let mut distinct = words.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), problems.len(), "{language:?}: {words:?}");
        }
    }

    #[test]
    fn an_unknown_origin_or_code_is_a_problem_not_a_file() {
        let (expires, now) = (at(2027, 6, 1, 8), at(2026, 12, 2, 10));
        assert_eq!(
            reminder_file(&badge("c0de-7"), expires, now, Locale::en, ""),
            Err(ReminderProblem::InvalidUrl)
        );
        assert_eq!(
            reminder_file(&badge(" "), expires, now, Locale::en, PORTAL),
            Err(ReminderProblem::NoCodeId)
        );
    }
}
