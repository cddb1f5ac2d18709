//! The team run's progress and per-person report.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use qrpin::batch::{
    CreateVia, Decision, EntryState, ItemOutcome, ItemProblem, RunEntry, SkipReason,
};
use qrpin::rules::WindowProblem;

use super::AdminError;
use crate::locale::intl::{date, number};
use crate::locale::{t, t_string, use_i18n, Language, Locale};
use crate::team::{lookup_failed_words, Phase, RunKind, TeamRun};

#[component]
pub fn RunProgress(run: TeamRun) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let language = Language::of(i18n.get_locale());
        let count = |n: usize| number(n as i64, language);
        let phase = run.phase.get();
        let (looked, total) = run.looked_up.get();
        let counts = run.report.get().map(|r| r.counts()).unwrap_or_default();
        let planned_total = run.report.get().map(|r| r.entries().len()).unwrap_or(total);
        let finished = counts.created + counts.extended + counts.skipped + counts.failed;
        let (value, max, label) = match &phase {
            Phase::LookingUp => (
                looked,
                total,
                t_string!(
                    i18n,
                    admin.run.checking,
                    done = count(looked),
                    total = count(total)
                ),
            ),
            Phase::Waiting(seconds) => (
                finished,
                planned_total,
                t_string!(
                    i18n,
                    admin.run.waiting,
                    seconds = one_decimal(*seconds, language)
                ),
            ),
            Phase::Idle => return None,
            _ => (
                finished,
                planned_total,
                t_string!(
                    i18n,
                    admin.run.done_of,
                    done = count(finished),
                    total = count(planned_total)
                ),
            ),
        };
        let calls = number(i64::from(run.calls.get()), language);
        let tally = match run.kind.get() {
            RunKind::Team => t_string!(
                i18n,
                admin.run.counts,
                created = count(counts.created),
                skipped = count(counts.skipped),
                failed = count(counts.failed),
                waiting = count(counts.waiting_to_retry),
                calls = calls
            ),
            RunKind::Renewal => t_string!(
                i18n,
                admin.run.counts_renewal,
                extended = count(counts.extended),
                created = count(counts.created),
                failed = count(counts.failed),
                waiting = count(counts.waiting_to_retry),
                calls = calls
            ),
        };
        Some(view! {
            <div class="run-progress">
                <progress
                    max=max.max(1).to_string()
                    value=value.to_string()
                    aria-label=t_string!(i18n, admin.run.progress)
                ></progress>
                <p role="status">{label} " · " {tally}</p>
                {match phase {
                    Phase::Done => {
                        Some(
                            view! {
                                <p class="notice" role="status">
                                    {t!(i18n, admin.run.finished)}
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    Phase::Cancelled => {
                        Some(
                            view! {
                                <p class="notice" role="status">
                                    {t!(i18n, admin.run.cancelled)}
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    Phase::Failed(error) => Some(view! { <AdminError error /> }.into_any()),
                    Phase::Refused(problem) => {
                        Some(
                            view! {
                                <p class="notice error" role="alert">
                                    {window_words(i18n, problem)}
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    _ => None,
                }}
            </div>
        })
    }
}

#[component]
pub fn RunReportTable(run: TeamRun) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let report = run.report.get()?;
        Some(view! {
            <section class="card" aria-labelledby="report-title">
                <h2 id="report-title">{t!(i18n, admin.report.title)}</h2>
                <p class="muted small">{t!(i18n, admin.report.pins_note)}</p>
                <table class="report">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, admin.report.name)}</th>
                            <th scope="col">{t!(i18n, admin.report.email)}</th>
                            <th scope="col">{t!(i18n, admin.report.outcome)}</th>
                            <th scope="col">{t!(i18n, admin.report.details)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report
                            .entries()
                            .iter()
                            .map(|entry| {
                                let entry = entry.clone();
                                let (name, upn) = (
                                    entry.planned.member.display_name.clone(),
                                    entry.planned.member.upn.clone(),
                                );
                                let worded = move || describe(i18n, &entry);
                                let outcome = {
                                    let worded = worded.clone();
                                    move || worded().0
                                };
                                view! {
                                    <tr>
                                        <td>
                                            <bdi>{name}</bdi>
                                        </td>
                                        <td>
                                            <bdi>{upn}</bdi>
                                        </td>
                                        <td>{outcome}</td>
                                        <td>{move || worded().1}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
        })
    }
}

/// The outcome column and the details for one person, in the chosen language (reactive).
fn describe(i18n: I18nContext<Locale>, entry: &RunEntry) -> (&'static str, String) {
    match (entry.state(), &entry.last_outcome, &entry.planned.decision) {
        (EntryState::Skipped, _, Decision::Skip(SkipReason::LookupFailed(gave_up))) => (
            t_string!(i18n, admin.report.not_checked),
            lookup_failed_words(i18n, *gave_up),
        ),
        (EntryState::Skipped, _, Decision::Skip(reason)) => (
            t_string!(i18n, admin.report.skipped),
            skip_words(i18n, *reason).to_string(),
        ),
        (
            EntryState::Created,
            _,
            Decision::Create {
                via: CreateVia::ReplaceStandardCode { .. },
                ..
            },
        ) => (
            t_string!(i18n, admin.report.replaced),
            t_string!(i18n, admin.report.replaced_detail).to_string(),
        ),
        (EntryState::Extended, Some(ItemOutcome::Extended { expires }), _) => (
            t_string!(i18n, admin.report.extended),
            t_string!(
                i18n,
                admin.report.extended_detail,
                date = date(*expires, Language::of(i18n.get_locale()))
            ),
        ),
        (EntryState::Created, Some(ItemOutcome::Created { pin: Some(pin), .. }), _) => (
            t_string!(i18n, admin.report.created),
            t_string!(i18n, admin.report.temporary_pin, pin = pin.clone()),
        ),
        (EntryState::Created, _, _) => (
            t_string!(i18n, admin.report.created),
            t_string!(i18n, admin.report.pin_unchanged).to_string(),
        ),
        (
            EntryState::Failed,
            Some(
                outcome @ ItemOutcome::Failed {
                    code,
                    message,
                    request_id,
                    retriable,
                    ..
                },
            ),
            _,
        ) => {
            // What qrpin found, in words; else Graph's own message, verbatim. Code and request ID always.
            let mut parts: Vec<String> = Vec::new();
            match outcome.problem() {
                Some(problem) => parts.push(problem_words(i18n, problem).to_string()),
                None if !message.trim().is_empty() => parts.push(message.clone()),
                None => {}
            }
            if !code.is_empty() {
                parts.push(code.clone());
            }
            if let Some(id) = request_id {
                parts.push(t_string!(i18n, admin.report.request_id, id = id.clone()));
            }
            if *retriable {
                parts.push(t_string!(i18n, admin.report.can_retry).to_string());
            }
            (t_string!(i18n, admin.report.failed), parts.join(" · "))
        }
        (EntryState::Failed, _, _) => (
            t_string!(i18n, admin.report.failed),
            t_string!(i18n, admin.report.stopped).to_string(),
        ),
        (EntryState::WaitingToRetry, _, _) => (
            t_string!(i18n, admin.report.waiting),
            t_string!(i18n, admin.report.will_retry).to_string(),
        ),
        _ => (t_string!(i18n, admin.report.not_sent), String::new()),
    }
}

pub(super) fn skip_words(i18n: I18nContext<Locale>, reason: SkipReason) -> &'static str {
    match reason {
        SkipReason::HasActiveCode => t_string!(i18n, admin.report.skip.has_active_code),
        SkipReason::Duplicate => t_string!(i18n, admin.report.skip.duplicate),
        SkipReason::EmptyUpn => t_string!(i18n, admin.report.skip.empty_upn),
        SkipReason::MethodUnknown | SkipReason::LookupFailed(_) => {
            t_string!(i18n, admin.report.skip.method_unknown)
        }
    }
}

pub(super) fn problem_words(i18n: I18nContext<Locale>, problem: ItemProblem) -> &'static str {
    match problem {
        ItemProblem::NoResponse => t_string!(i18n, admin.report.problem.no_response),
        ItemProblem::Unreadable => t_string!(i18n, admin.report.problem.unreadable),
        ItemProblem::NoImage => t_string!(i18n, admin.report.problem.no_image),
        ItemProblem::AcceptedButUnreadable => {
            t_string!(i18n, admin.report.problem.accepted_unreadable)
        }
    }
}

fn window_words(i18n: I18nContext<Locale>, problem: WindowProblem) -> &'static str {
    match problem {
        WindowProblem::ExpireNotAfterStart => {
            t_string!(i18n, admin.run.window.expire_not_after_start)
        }
        WindowProblem::ExpireInPast => t_string!(i18n, admin.run.window.expire_in_past),
        WindowProblem::StandardTooShort { .. } => {
            t_string!(i18n, admin.run.window.standard_too_short)
        }
        WindowProblem::StandardTooLong { .. } => {
            t_string!(i18n, admin.run.window.standard_too_long)
        }
        WindowProblem::TemporaryTooShort { .. } => {
            t_string!(i18n, admin.run.window.temporary_too_short)
        }
        WindowProblem::TemporaryTooLong { .. } => {
            t_string!(i18n, admin.run.window.temporary_too_long)
        }
    }
}

/// Seconds with one decimal in the language's own way ("2.5", "2,5").
fn one_decimal(seconds: f64, language: Language) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use js_sys::{Array, Intl, Object, Reflect};
        use wasm_bindgen::JsValue;
        let options = Object::new();
        for key in ["minimumFractionDigits", "maximumFractionDigits"] {
            let _ = Reflect::set(&options, &key.into(), &JsValue::from_f64(1.0));
        }
        let locales = Array::of1(&JsValue::from_str(language.tag()));
        Intl::NumberFormat::new(&locales, &options)
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(seconds))
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| format!("{seconds:.1}"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = language;
        format!("{seconds:.1}")
    }
}
