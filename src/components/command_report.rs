//! What a write's report means for the person, in words: every failure and every "already" outcome of
//! `commands`, for oneself or for an administrator acting on someone else. Created codes and PINs are
//! rendered by the pages, which know where to put them.

use leptos::prelude::*;
use leptos_router::components::A;
use qrpin::rules::{ExtendProblem, LifetimeInputProblem, LifetimeUnit};

use super::error_panel::SignInReason;
use super::{Alert, ErrorPanel};
use crate::commands::{Failure, Outcome, Report, Subject};
use crate::locale::{intl, t, td_string, use_i18n, Language, Locale};
use crate::status::Audience;

/// Words for a lifetime that cannot be used, in `locale` (pass `i18n.get_locale()` inside a reactive
/// closure so a language switch re-words it).
pub fn lifetime_words(locale: Locale, problem: LifetimeInputProblem, unit: LifetimeUnit) -> String {
    let language = Language::of(locale);
    let (min, max) = unit.bounds();
    let min = intl::number(i64::from(min), language);
    let max = intl::number(i64::from(max), language);
    match (problem, unit) {
        (LifetimeInputProblem::NotWholeNumber, LifetimeUnit::Days) => {
            td_string!(locale, errors.lifetime.not_whole_days, min = min, max = max).to_string()
        }
        (LifetimeInputProblem::NotWholeNumber, LifetimeUnit::Hours) => td_string!(
            locale,
            errors.lifetime.not_whole_hours,
            min = min,
            max = max
        )
        .to_string(),
        (LifetimeInputProblem::TooShort, _) => {
            td_string!(locale, errors.lifetime.too_short, min = min).to_string()
        }
        (LifetimeInputProblem::TooLong, LifetimeUnit::Days) => {
            td_string!(locale, errors.lifetime.too_long_days, max = max).to_string()
        }
        (LifetimeInputProblem::TooLong, LifetimeUnit::Hours) => {
            td_string!(locale, errors.lifetime.too_long_hours, max = max).to_string()
        }
    }
}

/// Words for an extension that cannot be made, in `locale` (pass `i18n.get_locale()` inside a reactive
/// closure so a language switch re-words it).
pub fn extend_words(locale: Locale, problem: ExtendProblem) -> String {
    let language = Language::of(locale);
    match problem {
        ExtendProblem::Expired => td_string!(locale, errors.extend.expired).to_string(),
        ExtendProblem::AlreadyLatest => {
            td_string!(locale, errors.extend.already_latest).to_string()
        }
        ExtendProblem::DatesUnknown => td_string!(locale, errors.extend.dates_unknown).to_string(),
        ExtendProblem::NotLater { current } => td_string!(
            locale,
            errors.extend.not_later,
            current = intl::date_time(current, language)
        )
        .to_string(),
        ExtendProblem::TooLate { latest } => td_string!(
            locale,
            errors.extend.too_late,
            latest = intl::date_time(latest, language)
        )
        .to_string(),
    }
}

/// The three sentences that name what a report is about, for its reader.
#[derive(Clone, Copy)]
enum Sentence {
    AlreadyGone,
    AlreadyExists,
    AnswerLost,
}

fn sentence(
    locale: Locale,
    sentence: Sentence,
    subject: Subject,
    audience: Audience,
) -> &'static str {
    use Audience::{Administrator as Theirs, Employee as Mine};
    use Sentence::*;
    match (sentence, subject, audience) {
        (AlreadyGone, Subject::Method, Mine) => td_string!(locale, errors.already_gone.method_mine),
        (AlreadyGone, Subject::Method, Theirs) => {
            td_string!(locale, errors.already_gone.method_theirs)
        }
        (AlreadyGone, Subject::Badge, Mine) => td_string!(locale, errors.already_gone.badge_mine),
        (AlreadyGone, Subject::Badge, Theirs) => {
            td_string!(locale, errors.already_gone.badge_theirs)
        }
        (AlreadyGone, Subject::Temporary, Mine) => {
            td_string!(locale, errors.already_gone.temporary_mine)
        }
        (AlreadyGone, Subject::Temporary, Theirs) => {
            td_string!(locale, errors.already_gone.temporary_theirs)
        }
        (AlreadyGone, Subject::Pin, Mine) => td_string!(locale, errors.already_gone.pin_mine),
        (AlreadyGone, Subject::Pin, Theirs) => td_string!(locale, errors.already_gone.pin_theirs),
        (AlreadyExists, Subject::Method, Mine) => {
            td_string!(locale, errors.already_exists.method_mine)
        }
        (AlreadyExists, Subject::Method, Theirs) => {
            td_string!(locale, errors.already_exists.method_theirs)
        }
        (AlreadyExists, Subject::Badge, Mine) => {
            td_string!(locale, errors.already_exists.badge_mine)
        }
        (AlreadyExists, Subject::Badge, Theirs) => {
            td_string!(locale, errors.already_exists.badge_theirs)
        }
        (AlreadyExists, Subject::Temporary, Mine) => {
            td_string!(locale, errors.already_exists.temporary_mine)
        }
        (AlreadyExists, Subject::Temporary, Theirs) => {
            td_string!(locale, errors.already_exists.temporary_theirs)
        }
        (AlreadyExists, Subject::Pin, Mine) => td_string!(locale, errors.already_exists.pin_mine),
        (AlreadyExists, Subject::Pin, Theirs) => {
            td_string!(locale, errors.already_exists.pin_theirs)
        }
        (AnswerLost, Subject::Method, Mine) => td_string!(locale, errors.answer_lost.method_mine),
        (AnswerLost, Subject::Method, Theirs) => {
            td_string!(locale, errors.answer_lost.method_theirs)
        }
        (AnswerLost, Subject::Badge, Mine) => td_string!(locale, errors.answer_lost.badge_mine),
        (AnswerLost, Subject::Badge, Theirs) => td_string!(locale, errors.answer_lost.badge_theirs),
        (AnswerLost, Subject::Temporary, Mine) => {
            td_string!(locale, errors.answer_lost.temporary_mine)
        }
        (AnswerLost, Subject::Temporary, Theirs) => {
            td_string!(locale, errors.answer_lost.temporary_theirs)
        }
        (AnswerLost, Subject::Pin, Mine) => td_string!(locale, errors.answer_lost.pin_mine),
        (AnswerLost, Subject::Pin, Theirs) => td_string!(locale, errors.answer_lost.pin_theirs),
    }
}

/// What to do about a code or method whose only copy of the image or PIN was lost.
#[component]
fn LostOnceShown(subject: Subject, audience: Audience) -> impl IntoView {
    let i18n = use_i18n();
    let mine = audience == Audience::Employee;
    let next = match (subject, mine) {
        (Subject::Temporary, true) => {
            view! { <p>{t!(i18n, errors.answer_lost.next_temporary_mine)}</p> }.into_any()
        }
        (Subject::Method | Subject::Badge, true) => view! {
            <p>
                {t!(
                    i18n,
                    errors.answer_lost.next_badge_mine,
                    <link> = |children: ChildrenFn| view! { <A href="/badge">{children()}</A> }
                )}
            </p>
        }
        .into_any(),
        _ => view! { <p>{t!(i18n, errors.answer_lost.next_theirs)}</p> }.into_any(),
    };
    view! {
        <section class="card notice-card" role="alert">
            <h2>{move || sentence(i18n.get_locale(), Sentence::AnswerLost, subject, audience)}</h2>
            <p>{t!(i18n, errors.answer_lost.why)}</p>
            {next}
        </section>
    }
}

/// The report of the last write, when it is a failure or an "already" outcome; nothing otherwise.
#[component]
pub fn CommandReport(
    #[prop(into)] report: Signal<Option<Report>>,
    #[prop(optional)] audience: Audience,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        // `try_get`: the page may pass a signal that goes away with the form around this report.
        let report = report.try_get().flatten()?;
        Some(match report {
            Ok(Outcome::AlreadyGone(subject)) => view! {
                <p class="notice" role="status">
                    {move || sentence(i18n.get_locale(), Sentence::AlreadyGone, subject, audience)}
                </p>
            }
            .into_any(),
            Ok(Outcome::AlreadyExists(subject)) => view! {
                <p class="notice" role="status">
                    {move || sentence(
                        i18n.get_locale(),
                        Sentence::AlreadyExists,
                        subject,
                        audience,
                    )}
                </p>
            }
            .into_any(),
            Ok(Outcome::AppliedButAnswerLost(subject)) => {
                view! { <LostOnceShown subject audience /> }.into_any()
            }
            Ok(_) => return None,
            Err(failure) => view! { <FailureText failure audience /> }.into_any(),
        })
    }
}

#[component]
fn FailureText(failure: Failure, audience: Audience) -> impl IntoView {
    let i18n = use_i18n();
    match failure {
        Failure::Lifetime(problem, unit) => view! {
            <Alert>
                <p>{move || lifetime_words(i18n.get_locale(), problem, unit)}</p>
            </Alert>
        }
        .into_any(),
        Failure::Extension(problem) => view! {
            <Alert>
                <p>{move || extend_words(i18n.get_locale(), problem)}</p>
            </Alert>
        }
        .into_any(),
        Failure::Refused(error) => {
            let privileged = error.status() == Some(403) && audience == Audience::Administrator;
            // Re-created on a language switch, so the hint follows it.
            (move || {
                let hint =
                    privileged.then(|| td_string!(i18n.get_locale(), errors.privileged_hint));
                view! { <ErrorPanel error=error.clone() hint /> }
            })
            .into_any()
        }
        Failure::Uncertain { subject, error } => {
            let words = move || {
                let locale = i18n.get_locale();
                match (subject, audience) {
                    (Subject::Pin, Audience::Employee) => {
                        td_string!(locale, errors.uncertain.pin_mine)
                    }
                    (Subject::Pin, Audience::Administrator) => {
                        td_string!(locale, errors.uncertain.pin_theirs)
                    }
                    _ => td_string!(locale, errors.uncertain.other),
                }
            };
            view! {
                <section class="card notice-card" role="alert">
                    <p>{words}</p>
                    <ErrorPanel error />
                </section>
            }
            .into_any()
        }
        Failure::NeedsSignIn {
            redirecting: true, ..
        } => view! {
            <p class="loading" role="status">
                {t!(i18n, errors.sign_in_redirecting)}
            </p>
        }
        .into_any(),
        Failure::NeedsSignIn { .. } => {
            view! { <super::SignInAgain reason=SignInReason::BeforeChange /> }.into_any()
        }
    }
}
