//! What a write's report means for the person, in words: every failure and every "already" outcome of
//! `commands`, for oneself or for an administrator acting on someone else. Created codes and PINs are
//! rendered by the pages, which know where to put them.

use leptos::prelude::*;
use leptos_router::components::A;
use qrpin::rules::{ExtendProblem, LifetimeInputProblem, LifetimeUnit};

use super::ErrorPanel;
use crate::commands::{Failure, Outcome, Report, Subject};
use crate::format::date_time;
use crate::status::Audience;

/// Words for a lifetime that cannot be used.
pub fn lifetime_problem(problem: LifetimeInputProblem, unit: LifetimeUnit) -> String {
    let (min, max) = unit.bounds();
    let unit_words = match unit {
        LifetimeUnit::Days => "days",
        LifetimeUnit::Hours => "hours",
    };
    match problem {
        LifetimeInputProblem::NotWholeNumber => {
            format!("Enter a whole number of {unit_words}, from {min} to {max}.")
        }
        LifetimeInputProblem::TooShort => format!("Use at least {min}."),
        LifetimeInputProblem::TooLong => format!("Use at most {max} {unit_words}."),
    }
}

/// Words for an extension that cannot be made.
pub fn extend_problem(problem: ExtendProblem) -> String {
    match problem {
        ExtendProblem::Expired => {
            "This badge has expired, so it cannot be extended: its 395 days count from its start. Replace it to get a new badge.".into()
        }
        ExtendProblem::AlreadyLatest => {
            "This badge already lasts as long as Microsoft allows (395 days from its start). Replace it when it runs out.".into()
        }
        ExtendProblem::DatesUnknown => {
            "Microsoft Graph did not report this badge's dates, so it cannot be extended. Replace it instead.".into()
        }
        ExtendProblem::NotLater { current } => format!(
            "Choose a date after the current expiry ({}). Extending never shortens a badge.",
            date_time(current)
        ),
        ExtendProblem::TooLate { latest } => format!(
            "Choose a date no later than {}: 395 days after the badge's start.",
            date_time(latest)
        ),
    }
}

fn subject_words(subject: Subject, audience: Audience) -> &'static str {
    match (subject, audience) {
        (Subject::Method, Audience::Employee) => "Your QR code sign-in",
        (Subject::Method, Audience::Administrator) => "This person's QR code sign-in",
        (Subject::Badge, Audience::Employee) => "Your badge QR code",
        (Subject::Badge, Audience::Administrator) => "Their badge QR code",
        (Subject::Temporary, Audience::Employee) => "Your temporary QR code",
        (Subject::Temporary, Audience::Administrator) => "Their temporary QR code",
        (Subject::Pin, Audience::Employee) => "Your PIN",
        (Subject::Pin, Audience::Administrator) => "Their PIN",
    }
}

/// What to do about a code or method whose only copy of the image or PIN was lost.
#[component]
fn LostOnceShown(subject: Subject, audience: Audience) -> impl IntoView {
    let what = subject_words(subject, audience);
    let mine = audience == Audience::Employee;
    let next = match (subject, mine) {
        (Subject::Temporary, true) => view! { <p>"Revoke it below and create another to see a new QR code."</p> }
        .into_any(),
        (Subject::Method | Subject::Badge, true) => view! {
            <p>
                "To get a badge you can print, " <A href="/badge">"replace your badge"</A>
                ". If you never saw the PIN, ask an administrator to reset it."
            </p>
        }
        .into_any(),
        _ => view! {
            <p>
                "Use the actions below: issue a new badge to get a QR code you can print, and reset the PIN to get one you can hand over."
            </p>
        }
        .into_any(),
    };
    view! {
        <section class="card notice-card" role="alert">
            <h2>{format!("{what} was created, but its answer was lost")}</h2>
            <p>
                "The connection failed after Microsoft made the change. Microsoft shows a QR code's image and a generated PIN only in that answer, so they cannot be shown again."
            </p>
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
    move || {
        // `try_get`: the page may pass a signal that goes away with the form around this report.
        let report = report.try_get().flatten()?;
        Some(match report {
            Ok(Outcome::AlreadyGone(subject)) => view! {
                <p class="notice" role="status">
                    {format!(
                        "{} was already gone. Nothing else changed.",
                        subject_words(subject, audience),
                    )}
                </p>
            }
            .into_any(),
            Ok(Outcome::AlreadyExists(subject)) => view! {
                <p class="notice" role="status">
                    {format!(
                        "{} already exists, so no new one was made. It is shown below.",
                        subject_words(subject, audience),
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
    match failure {
        Failure::Lifetime(problem, unit) => view! {
            <p class="error-panel" role="alert">
                {lifetime_problem(problem, unit)}
            </p>
        }
        .into_any(),
        Failure::Extension(problem) => view! {
            <p class="error-panel" role="alert">
                {extend_problem(problem)}
            </p>
        }
        .into_any(),
        Failure::Refused(error) => {
            let hint = match (error.status(), audience) {
                (Some(403), Audience::Administrator) => Some(
                    "If this person holds an administrator role, only a Privileged Authentication Administrator can change their sign-in methods.",
                ),
                _ => None,
            };
            view! { <ErrorPanel error hint /> }.into_any()
        }
        Failure::Uncertain { subject, error } => {
            let words = match (subject, audience) {
                (Subject::Pin, Audience::Employee) => {
                    "The connection failed while your PIN was being changed, so your new PIN may already be in effect. Try signing in with the new PIN first; if it is refused, your old PIN still works and you can change it again here."
                }
                (Subject::Pin, Audience::Administrator) => {
                    "The connection failed while the PIN was being reset. It may have been reset, but the new temporary PIN was lost. Reset it again to get one you can hand over."
                }
                _ => {
                    "The connection failed after the request was sent, and it could not be checked whether the change was made. Reload the page to see the current state before trying again."
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
        Failure::NeedsSignIn { redirecting: true, .. } => view! {
            <p class="loading" role="status">
                "Your organisation asks you to sign in again before this change. Taking you to sign in…"
            </p>
        }
        .into_any(),
        Failure::NeedsSignIn { .. } => view! {
            <super::SignInAgain message="Your organisation asks you to sign in again before this change." />
        }
        .into_any(),
    }
}
