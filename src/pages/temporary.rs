//! Temporary QR code for a forgotten badge: choose 1–12 hours, create, show it with a live
//! countdown, and revoke it.

use leptos::prelude::*;
use qrpin::model::QrCode;
use qrpin::rules::{code_state, CodeState, DEFAULT_TEMPORARY_HOURS};

use super::{account_name, account_upn};
use crate::commands::{use_commands, Command, Outcome, Reauth};
use crate::components::{
    create_temporary, CommandReport, ConfirmAction, Countdown, CreatedCode, HoursSelect,
    LoadingBoundary,
};
use crate::format::{now, optional_date_time};
use crate::graph::{CodeKind, Target};

#[component]
pub fn TemporaryCode() -> impl IntoView {
    let holder = account_name();
    let upn = account_upn();
    let commands = use_commands(Target::Me, Reauth::ResumeHere);
    let method = commands.method;
    let hours = RwSignal::new(DEFAULT_TEMPORARY_HOURS.to_string());
    let (field_problem, set_field_problem) = signal(None::<String>);
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
    let on_create = move |_| create_temporary(commands, &hours.get(), false, set_field_problem);

    view! {
        <div class="page">
            <h1>"Temporary QR code"</h1>
            <p class="lead">
                "Forgot your badge? A temporary QR code signs you in with your usual PIN for up to 12 hours. Revoke it when you have your badge again."
            </p>
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
                                label="Revoke temporary QR code"
                                consequence="The temporary QR code stops working at once. Your badge keeps working."
                                    .into()
                                confirm_label="Yes, revoke it"
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
                                                <h2 id="new-temp-title">"Create a temporary QR code"</h2>
                                                <HoursSelect
                                                    id="temp-hours"
                                                    label="How long should it work?"
                                                    chosen=hours
                                                />
                                                <p class="muted small">
                                                    "It starts working now. Only one temporary code can be active at a time."
                                                </p>
                                                <p class="field-message" role="status">
                                                    {move || field_problem.get()}
                                                </p>
                                                <button
                                                    class="button primary"
                                                    disabled=move || busy.get()
                                                    on:click=on_create
                                                >
                                                    "Create temporary QR code"
                                                </button>
                                                <Show when=move || busy.get()>
                                                    <p role="status">"Creating…"</p>
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
    let active = code_state(&code, now()) == CodeState::Active;
    let until = code.expire_date_time;
    view! {
        <section class="card" aria-labelledby="existing-temp-title">
            <h2 id="existing-temp-title">
                {if active {
                    "You have an active temporary QR code"
                } else {
                    "Your last temporary QR code has expired"
                }}
            </h2>
            <dl class="facts">
                <dt>"Valid until"</dt>
                <dd>{optional_date_time(until, "not reported")}</dd>
                {until
                    .filter(|_| active)
                    .map(|until| {
                        view! {
                            <dt>"Time left"</dt>
                            <dd>
                                <Countdown until />
                            </dd>
                        }
                    })}
            </dl>
            <p class="muted">
                "Its image was only shown when it was created. To get a new one, revoke this code first."
            </p>
            <ConfirmAction
                label="Revoke temporary QR code"
                consequence="This temporary QR code stops working at once. Your badge keeps working."
                    .into()
                confirm_label="Yes, revoke it"
                pending=busy
                on_confirm=on_revoke
            />
        </section>
    }
}
