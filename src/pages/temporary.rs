//! Temporary QR code for a forgotten badge: choose 1–12 hours, create, show it with a live
//! countdown, and revoke it.

use chrono::Duration;
use leptos::prelude::*;
use qrpin::model::QrCode;
use qrpin::rules::{code_state, CodeState};

use super::{account_name, account_upn};
use crate::components::{ConfirmAction, Countdown, CreatedCode, ErrorPanel, LoadingBoundary};
use crate::config::PortalConfig;
use crate::format::{now, optional_date_time};
use crate::graph::{ApiError, CodeKind, GraphClient, Target};
use crate::resume::{handle_error, take_pending, PendingAction};

const HOUR_CHOICES: [u32; 6] = [1, 2, 4, 8, 10, 12];
const DEFAULT_HOURS: u32 = 8;

#[component]
pub fn TemporaryCode() -> impl IntoView {
    let graph = expect_context::<GraphClient>();
    let config = expect_context::<PortalConfig>();
    let holder = account_name();
    let upn = account_upn();
    let method = graph.qr_method_resource(Target::Me);
    let (hours, set_hours) = signal(DEFAULT_HOURS);
    let (problem, set_problem) = signal(None::<ApiError>);

    let create = {
        let (graph, config) = (graph.clone(), config.clone());
        Action::new_local(move |hours: &u32| {
            let (graph, config, hours) = (graph.clone(), config.clone(), *hours);
            async move {
                let start = now();
                let expire = start + Duration::hours(i64::from(hours));
                match graph
                    .create_code(&Target::Me, CodeKind::Temporary, start, expire)
                    .await
                {
                    Ok(code) => Some(code),
                    Err(error) => {
                        let action = PendingAction::CreateTemporary { hours };
                        set_problem.set(handle_error(&config, error, action));
                        None
                    }
                }
            }
        })
    };
    let revoke = Action::new_local(move |_: &()| {
        let (graph, config) = (graph.clone(), config.clone());
        async move {
            match graph.delete_code(&Target::Me, CodeKind::Temporary).await {
                Ok(()) | Err(ApiError::Graph { status: 404, .. }) => {
                    create.value().set(None);
                    method.refetch();
                }
                Err(error) => {
                    set_problem.set(handle_error(&config, error, PendingAction::RevokeTemporary))
                }
            }
        }
    });
    // Back from a forced re-authentication: finish what was started.
    match take_pending() {
        Some(PendingAction::CreateTemporary { hours }) => {
            set_hours.set(hours);
            create.dispatch(hours);
        }
        Some(PendingAction::RevokeTemporary) => {
            revoke.dispatch(());
        }
        _ => {}
    }
    let busy = Signal::derive(move || create.pending().get() || revoke.pending().get());
    let on_revoke = Callback::new(move |_| {
        set_problem.set(None);
        revoke.dispatch(());
    });

    view! {
        <div class="page">
            <h1>"Temporary QR code"</h1>
            <p class="lead">
                "Forgot your badge? A temporary QR code signs you in with your usual PIN for up to 12 hours. Revoke it when you have your badge again."
            </p>
            {move || problem.get().map(|error| view! { <ErrorPanel error /> })}
            {move || {
                create
                    .value()
                    .get()
                    .flatten()
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
            <Show when=move || create.value().get().flatten().is_none()>
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
                                                <label for="temp-hours">"How long should it work?"</label>
                                                <select
                                                    id="temp-hours"
                                                    on:change:target=move |ev| {
                                                        if let Ok(h) = ev.target().value().parse() {
                                                            set_hours.set(h);
                                                        }
                                                    }
                                                >
                                                    {HOUR_CHOICES
                                                        .iter()
                                                        .map(|h| {
                                                            let h = *h;
                                                            view! {
                                                                <option
                                                                    value=h.to_string()
                                                                    selected=move || hours.get() == h
                                                                >
                                                                    {if h == 1 {
                                                                        "1 hour".to_string()
                                                                    } else {
                                                                        format!("{h} hours")
                                                                    }}
                                                                </option>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </select>
                                                <p class="muted small">
                                                    "It starts working now. Only one temporary code can be active at a time."
                                                </p>
                                                <button
                                                    class="button primary"
                                                    disabled=move || busy.get()
                                                    on:click=move |_| {
                                                        set_problem.set(None);
                                                        create.dispatch(hours.get());
                                                    }
                                                >
                                                    "Create temporary QR code"
                                                </button>
                                                <Show when=move || create.pending().get()>
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
