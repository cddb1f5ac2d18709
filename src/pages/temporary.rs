//! Temporary QR code for a forgotten badge: choose 1–12 hours, create, show it with a live
//! countdown, and revoke it.

use leptos::prelude::*;
use qrpin::model::QrCode;
use qrpin::rules::{
    code_state, CodeState, LifetimeInputProblem, LifetimeUnit, DEFAULT_TEMPORARY_HOURS,
};

use super::{account_name, account_upn};
use crate::commands::{use_commands, Command, Outcome, Reauth};
use crate::components::{
    lifetime_words, start_temporary, CommandReport, ConfirmAction, Countdown, CreatedCode,
    HoursSelect, LoadingBoundary,
};
use crate::format::now;
use crate::graph::{CodeKind, Target};
use crate::locale::{intl, t, t_string, use_i18n, Language};

#[component]
pub fn TemporaryCode() -> impl IntoView {
    let i18n = use_i18n();
    let holder = account_name();
    let upn = account_upn();
    let commands = use_commands(Target::Me, Reauth::ResumeHere);
    let method = commands.method;
    let hours = RwSignal::new(DEFAULT_TEMPORARY_HOURS.to_string());
    let (field_problem, set_field_problem) = signal(None::<LifetimeInputProblem>);
    let busy = commands.pending();
    let report = commands.report();
    let created = move || match report.get() {
        Some(Ok(Outcome::CodeCreated {
            code,
            kind: CodeKind::Temporary,
        })) => Some(code),
        _ => None,
    };
    let on_revoke = Callback::new(move |_| {
        commands.run(Command::RevokeTemporary);
    });
    let on_create = move |_| start_temporary(commands, &hours.get(), false, set_field_problem);

    view! {
        <div class="page">
            <h1>{t!(i18n, selfservice.temporary.title)}</h1>
            <p class="lead">{t!(i18n, selfservice.temporary.lead)}</p>
            <CommandReport report />
            {move || {
                created()
                    .map(|code| {
                        view! {
                            <CreatedCode
                                code
                                holder=holder.clone()
                                upn=upn.clone()
                                temporary=true
                            />
                            <ConfirmAction
                                label=move || t_string!(i18n, selfservice.temporary.revoke)
                                consequence=Signal::derive(move || {
                                    t_string!(i18n, selfservice.temporary.revoke_new).to_string()
                                })
                                confirm_label=move || {
                                    t_string!(i18n, selfservice.temporary.revoke_confirm)
                                }
                                pending=busy
                                on_confirm=on_revoke
                            />
                        }
                    })
            }}
            <Show when=move || created().is_none()>
                <LoadingBoundary>
                    {move || Suspend::new(async move {
                        method
                            .await
                            .map(|method| {
                                let existing = method.and_then(|m| m.temporary_qr_code);
                                match existing {
                                    Some(code) => {
                                        view! { <ExistingTemporary code busy on_revoke /> }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <section
                                                class="card form-card"
                                                aria-labelledby="new-temp-title"
                                            >
                                                <h2 id="new-temp-title">
                                                    {t!(i18n, selfservice.temporary.new_title)}
                                                </h2>
                                                <HoursSelect
                                                    id="temp-hours"
                                                    label=move || {
                                                        t_string!(i18n, selfservice.temporary.how_long)
                                                    }
                                                    chosen=hours
                                                />
                                                <p class="muted small">
                                                    {t!(i18n, selfservice.temporary.starts_now)}
                                                </p>
                                                <p class="field-message" role="status">
                                                    {move || {
                                                        field_problem
                                                            .get()
                                                            .map(|problem| {
                                                                lifetime_words(
                                                                    i18n.get_locale(),
                                                                    problem,
                                                                    LifetimeUnit::Hours,
                                                                )
                                                            })
                                                    }}
                                                </p>
                                                <button
                                                    class="button primary"
                                                    disabled=move || busy.get()
                                                    on:click=on_create
                                                >
                                                    {t!(i18n, selfservice.temporary.create)}
                                                </button>
                                                <Show when=move || busy.get()>
                                                    <p role="status">
                                                        {t!(i18n, selfservice.temporary.creating)}
                                                    </p>
                                                </Show>
                                            </section>
                                        }
                                            .into_any()
                                    }
                                }
                            })
                    })}
                </LoadingBoundary>
            </Show>
        </div>
    }
}

/// A temporary code that exists already: its image is gone (Graph only returns it at creation).
#[component]
fn ExistingTemporary(code: QrCode, busy: Signal<bool>, on_revoke: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let active = code_state(&code, now()) == CodeState::Active;
    let until = code.expire_date_time;
    view! {
        <section class="card" aria-labelledby="existing-temp-title">
            <h2 id="existing-temp-title">
                {move || {
                    if active {
                        t_string!(i18n, selfservice.temporary.active_title)
                    } else {
                        t_string!(i18n, selfservice.temporary.expired_title)
                    }
                }}
            </h2>
            <dl class="facts">
                <dt>{t!(i18n, selfservice.temporary.valid_until)}</dt>
                <dd>
                    {move || match until {
                        Some(until) => intl::date_time(until, Language::of(i18n.get_locale())),
                        None => t_string!(i18n, selfservice.temporary.not_reported).to_string(),
                    }}
                </dd>
                {until
                    .filter(|_| active)
                    .map(|until| {
                        view! {
                            <dt>{t!(i18n, selfservice.temporary.time_left)}</dt>
                            <dd>
                                <Countdown until />
                            </dd>
                        }
                    })}
            </dl>
            <p class="muted">{t!(i18n, selfservice.temporary.image_gone)}</p>
            <ConfirmAction
                label=move || t_string!(i18n, selfservice.temporary.revoke)
                consequence=Signal::derive(move || {
                    t_string!(i18n, selfservice.temporary.revoke_existing).to_string()
                })
                confirm_label=move || t_string!(i18n, selfservice.temporary.revoke_confirm)
                pending=busy
                on_confirm=on_revoke
            />
        </section>
    }
}
