//! Managing the badge (standard) QR code: extend it, replace a lost one (PIN kept), or delete the
//! whole method.

use chrono::Duration;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use qrpin::model::QrCode;
use qrpin::rules::{check_extension, extension_range, ExtendProblem};

use super::{account_name, account_upn};
use crate::commands::{use_commands, Command, Commands, Outcome, Reauth};
use crate::components::{
    extend_words, CommandReport, ConfirmAction, CreatedCode, LoadingBoundary, MethodSummary,
};
use crate::format::{end_of_local_day, local_date_input, now};
use crate::graph::{CodeKind, Target};
use crate::locale::{intl, t, t_string, td_string, use_i18n, Language};

/// Why the extension form cannot send, kept typed so it re-words when the language changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ExtendMessage {
    ChooseDate,
    Problem(ExtendProblem),
}

#[component]
pub fn ManageBadge() -> impl IntoView {
    let i18n = use_i18n();
    let holder = account_name();
    let upn = account_upn();
    let commands = use_commands(Target::Me, Reauth::ResumeHere);
    let method = commands.method;
    let report = commands.report();
    let busy = commands.pending();
    let navigate = use_navigate();
    // A deleted method leaves nothing to manage here: back to the overview, which explains.
    Effect::new(move |_| {
        if matches!(
            report.get(),
            Some(Ok(Outcome::MethodDeleted))
                | Some(Ok(Outcome::AlreadyGone(crate::commands::Subject::Method)))
        ) {
            navigate("/", Default::default());
        }
    });
    let on_replace = Callback::new(move |_| {
        commands.run(Command::ReplaceBadge);
    });
    let on_delete = Callback::new(move |_| {
        commands.run(Command::DeleteMethod);
    });

    view! {
        <div class="page">
            <h1>{t!(i18n, selfservice.badge.title)}</h1>
            <CommandReport report />
            {move || match report.get() {
                Some(Ok(Outcome::BadgeExtended { expire })) => {
                    let words = move || match expire {
                        Some(expire) => {
                            let language = Language::of(i18n.get_locale());
                            t_string!(
                                i18n,
                                selfservice.badge.extended_until,
                                date = intl::date_time(expire, language)
                            )
                                .to_string()
                        }
                        None => t_string!(i18n, selfservice.badge.extended).to_string(),
                    };
                    Some(
                        // Said at the top: an extension to the limit replaces the form with "cannot be extended".
                        view! {
                            <p class="notice" role="status">
                                {words}
                            </p>
                        }
                            .into_any(),
                    )
                }
                Some(Ok(Outcome::CodeCreated { code, kind: CodeKind::Standard })) => {
                    Some(
                        view! {
                            <CreatedCode
                                code
                                holder=holder.clone()
                                upn=upn.clone()
                                temporary=false
                            />
                        }
                            .into_any(),
                    )
                }
                _ => None,
            }}
            <LoadingBoundary>
                {move || Suspend::new(async move {
                    method
                        .await
                        .map(|method| match method {
                            None => {
                                view! {
                                    <MethodSummary method=None now=now() />
                                    <A href="/create" attr:class="button primary">
                                        {t!(i18n, selfservice.badge.set_up)}
                                    </A>
                                }
                                    .into_any()
                            }
                            Some(method) => {
                                let standard = method.standard_qr_code.clone();
                                view! {
                                    <MethodSummary method=Some(method) now=now() />
                                    <div class="card-grid actions-grid">
                                        {standard
                                            .map(|code| {
                                                view! { <ExtendForm code commands /> }
                                            })} <section class="card" aria-labelledby="replace-title">
                                            <h2 id="replace-title">
                                                {t!(i18n, selfservice.badge.lost_title)}
                                            </h2>
                                            <p>{t!(i18n, selfservice.badge.lost_text)}</p>
                                            <ConfirmAction
                                                label=move || t_string!(i18n, selfservice.badge.replace)
                                                consequence=Signal::derive(move || {
                                                    t_string!(i18n, selfservice.badge.replace_consequence)
                                                        .to_string()
                                                })
                                                confirm_label=move || {
                                                    t_string!(i18n, selfservice.badge.replace_confirm)
                                                }
                                                pending=busy
                                                on_confirm=on_replace
                                            />
                                        </section>
                                        <section class="card" aria-labelledby="delete-title">
                                            <h2 id="delete-title">
                                                {t!(i18n, selfservice.badge.stop_title)}
                                            </h2>
                                            <p>{t!(i18n, selfservice.badge.stop_text)}</p>
                                            <ConfirmAction
                                                label=move || t_string!(i18n, selfservice.badge.delete)
                                                consequence=Signal::derive(move || {
                                                    t_string!(i18n, selfservice.badge.delete_consequence)
                                                        .to_string()
                                                })
                                                confirm_label=move || {
                                                    t_string!(i18n, selfservice.badge.delete_confirm)
                                                }
                                                pending=busy
                                                on_confirm=on_delete
                                            />
                                        </section>
                                    </div>
                                }
                                    .into_any()
                            }
                        })
                })}
            </LoadingBoundary>
        </div>
    }
}

/// Moves the badge's expiry later (Graph allows up to 395 days after its start). A badge that cannot be
/// extended (expired, or already at the limit) says why and points to replacing it.
#[component]
fn ExtendForm(code: QrCode, commands: Commands) -> impl IntoView {
    let i18n = use_i18n();
    let range = match extension_range(&code, now()) {
        Ok(range) => range,
        Err(problem) => {
            return view! {
                <section class="card" aria-labelledby="extend-title">
                    <h2 id="extend-title">{t!(i18n, selfservice.badge.extend_title)}</h2>
                    <p role="note">{move || extend_words(i18n.get_locale(), problem)}</p>
                </section>
            }
            .into_any();
        }
    };
    let busy = commands.pending();
    // The usual wish is "as long as allowed": offer the latest date Graph accepts.
    let (chosen, set_chosen) = signal(local_date_input(range.latest));
    let (message, set_message) = signal(None::<ExtendMessage>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The last day offered is the last day allowed: on it the badge runs until the exact moment
        // 395 days after its start, not to the end of that day. Any later date is refused with words.
        let picked = chosen.get();
        let last_day = picked == local_date_input(range.latest);
        let Some(expire) =
            end_of_local_day(&picked).map(|e| if last_day { range.latest } else { e })
        else {
            set_message.set(Some(ExtendMessage::ChooseDate));
            return;
        };
        match check_extension(&code, expire, now()) {
            Ok(expire) => {
                set_message.set(None);
                commands.run(Command::ExtendBadge { expire });
            }
            Err(problem) => set_message.set(Some(ExtendMessage::Problem(problem))),
        }
    };
    let earliest = (range.current + Duration::days(1)).max(now() + Duration::days(1));
    view! {
        <form class="card form-card" aria-labelledby="extend-title" on:submit=on_submit novalidate>
            <h2 id="extend-title">{t!(i18n, selfservice.badge.extend_title)}</h2>
            <label for="extend-date">{t!(i18n, selfservice.badge.valid_until)}</label>
            <input
                id="extend-date"
                type="date"
                min=local_date_input(earliest.min(range.latest))
                max=local_date_input(range.latest)
                prop:value=chosen
                on:input:target=move |ev| set_chosen.set(ev.target().value())
                aria-describedby="extend-help"
            />
            <p id="extend-help" class="muted small">
                {move || {
                    let language = Language::of(i18n.get_locale());
                    t_string!(
                        i18n,
                        selfservice.badge.extend_help,
                        current = intl::date_time(range.current, language),
                        latest = intl::date_time(range.latest, language)
                    )
                        .to_string()
                }}
            </p>
            <p class="field-message" role="status">
                {move || {
                    let locale = i18n.get_locale();
                    message
                        .get()
                        .map(|message| match message {
                            ExtendMessage::ChooseDate => {
                                td_string!(locale, selfservice.badge.choose_date).to_string()
                            }
                            ExtendMessage::Problem(problem) => extend_words(locale, problem),
                        })
                }}
            </p>
            <button class="button primary" type="submit" disabled=move || busy.get()>
                {t!(i18n, selfservice.badge.extend)}
            </button>
        </form>
    }
    .into_any()
}
