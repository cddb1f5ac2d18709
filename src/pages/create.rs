//! Setting up QR code + PIN sign-in for oneself (`PUT /me/authentication/qrCodePinMethod`).
//! Many tenants reserve this for administrators: a 403 is explained, not just reported.

use chrono::Duration;
use leptos::prelude::*;
use qrpin::model::{QrCodePinMethod, QrCodePinPolicy};
use qrpin::rules::check_standard_window;

use super::{account_name, account_upn};
use crate::components::{CreatedMethod, ErrorPanel, NewPinFields};
use crate::config::PortalConfig;
use crate::format::{date_time, now};
use crate::graph::{ApiError, GraphClient, Target};
use crate::pin_form::checklist;
use crate::resume::{handle_error, take_pending, PendingAction};

#[component]
pub fn CreateMethod() -> impl IntoView {
    let graph = expect_context::<GraphClient>();
    let config = expect_context::<PortalConfig>();
    let holder = account_name();
    let upn = account_upn();
    let policy = {
        let graph = graph.clone();
        LocalResource::new(move || {
            let graph = graph.clone();
            async move { graph.qr_policy().await.unwrap_or_default() }
        })
    };
    let min_len = Signal::derive(move || {
        policy
            .get()
            .map(|p| p.min_pin_length())
            .unwrap_or(qrpin::rules::PIN_MIN_LEN)
    });
    let (days, set_days) = signal(QrCodePinPolicy::DEFAULT_LIFETIME_DAYS);
    Effect::new(move |_| {
        if let Some(p) = policy.get() {
            set_days.set(p.standard_lifetime_days());
        }
    });
    let (own_pin, set_own_pin) = signal(false);
    let pin = RwSignal::new(String::new());
    let pin_again = RwSignal::new(String::new());
    let (problem, set_problem) = signal(None::<ApiError>);
    let (message, set_message) = signal(None::<String>);

    let create = Action::new_local(move |request: &(u32, Option<String>)| {
        let (graph, config, (days, pin)) = (graph.clone(), config.clone(), request.clone());
        async move {
            let start = now();
            let expire = start + Duration::days(i64::from(days));
            let generated = pin.is_none();
            match graph.create_method(&Target::Me, start, expire, pin).await {
                Ok(method) => Some(method),
                Err(error) => {
                    // Only a request without a typed PIN may be resumed after re-authentication.
                    let action = PendingAction::CreateMethod { start, expire };
                    let error = if generated {
                        handle_error(&config, error, action)
                    } else {
                        Some(error)
                    };
                    set_problem.set(error);
                    None
                }
            }
        }
    });
    if let Some(PendingAction::CreateMethod { start, expire }) = take_pending() {
        let days = (expire - start).num_days().clamp(1, 395) as u32;
        create.dispatch((days, None));
    }
    let pin_checks = Memo::new(move |_| checklist("", &pin.get(), &pin_again.get(), min_len.get()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        set_problem.set(None);
        let start = now();
        let lifetime = days.get();
        if let Err(p) =
            check_standard_window(start, start + Duration::days(i64::from(lifetime)), start)
        {
            set_message.set(Some(p.message()));
            return;
        }
        if own_pin.get() && !pin_checks.get().ready() {
            set_message.set(
                pin_checks
                    .get()
                    .next_step
                    .or(Some("Check your PIN.".into())),
            );
            return;
        }
        set_message.set(None);
        create.dispatch((lifetime, own_pin.get().then(|| pin.get())));
    };
    let created = move || create.value().get().flatten();
    Effect::new(move |_| {
        if created().is_some() {
            pin.set(String::new());
            pin_again.set(String::new());
        }
    });

    view! {
        <div class="page narrow">
            <h1>"Set up QR code sign-in"</h1>
            {move || {
                created()
                    .map(|method: QrCodePinMethod| {
                        view! { <CreatedMethod method holder=holder.clone() upn=upn.clone() /> }
                    })
            }}
            <Show when=move || {
                created().is_none()
            }>
                {move || problem.get().map(|error| view! { <Forbidden error /> })}
                <form class="card form-card" on:submit=on_submit novalidate>
                    <label for="lifetime">"Badge valid for (days)"</label>
                    <input
                        id="lifetime"
                        type="number"
                        min="1"
                        max="395"
                        inputmode="numeric"
                        prop:value=move || days.get().to_string()
                        on:input:target=move |ev| {
                            if let Ok(d) = ev.target().value().parse() {
                                set_days.set(d);
                            }
                        }
                        aria-describedby="lifetime-help"
                    />
                    <p id="lifetime-help" class="muted small">
                        {move || {
                            let until = now() + Duration::days(i64::from(days.get().clamp(1, 395)));
                            format!("1 to 395 days. Starts now, valid until {}.", date_time(until))
                        }}
                    </p>
                    <fieldset>
                        <legend>"PIN"</legend>
                        <label class="choice">
                            <input
                                type="radio"
                                name="pin-choice"
                                prop:checked=move || !own_pin.get()
                                on:change=move |_| set_own_pin.set(false)
                            />
                            "Let Microsoft generate a temporary PIN (you change it at first sign-in)"
                        </label>
                        <label class="choice">
                            <input
                                type="radio"
                                name="pin-choice"
                                prop:checked=move || own_pin.get()
                                on:change=move |_| set_own_pin.set(true)
                            />
                            "Choose my own PIN"
                        </label>
                    </fieldset>
                    <Show when=move || own_pin.get()>
                        <NewPinFields
                            label="PIN"
                            id="own"
                            pin=pin
                            again=pin_again
                            checklist=pin_checks
                            hide="Different"
                        />
                    </Show>
                    <p class="field-message" role="status">
                        {move || message.get()}
                    </p>
                    <button
                        class="button primary"
                        type="submit"
                        disabled=move || create.pending().get()
                    >
                        "Create QR code sign-in"
                    </button>
                </form>
            </Show>
        </div>
    }
}

/// A refused creation, with what to do about it when the tenant reserves it for administrators.
#[component]
fn Forbidden(error: ApiError) -> impl IntoView {
    let forbidden = error.status() == Some(403);
    view! {
        {forbidden
            .then(|| {
                view! {
                    <section class="card notice-card" role="note">
                        <h2>"An administrator needs to set this up"</h2>
                        <p>
                            "Your organisation lets only administrators or frontline managers create QR code sign-in. Ask them to set it up for you in qrbadge's administrator view or the Microsoft Entra admin center."
                        </p>
                        <p class="muted small">
                            "Missing: the delegated permission UserAuthenticationMethod.ReadWrite for this app, or the Authentication Administrator role to act for others."
                        </p>
                    </section>
                }
            })}
        <ErrorPanel error />
    }
}
