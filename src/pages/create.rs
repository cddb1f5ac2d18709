//! Setting up QR code + PIN sign-in for oneself (`PUT /me/authentication/qrCodePinMethod`).
//! Many tenants reserve this for administrators: a 403 is explained, not just reported.

use leptos::prelude::*;
use leptos_router::components::A;
use qrpin::model::QrCodePinPolicy;
use qrpin::rules::{expiry_after, parse_lifetime, LifetimeUnit};

use super::{account_name, account_upn};
use crate::commands::{use_commands, Command, Failure, Outcome, Reauth, Resumed, Secret};
use crate::components::{
    lifetime_problem, CommandReport, CreatedMethod, ErrorPanel, LoadingBoundary, NewPinFields,
};
use crate::format::{date_time, now};
use crate::graph::{ApiError, GraphClient, Target};
use crate::pin_form::{checklist, PinRule};

#[component]
pub fn CreateMethod() -> impl IntoView {
    let graph = expect_context::<GraphClient>();
    let holder = account_name();
    let upn = account_upn();
    let commands = use_commands(Target::Me, Reauth::ResumeHere);
    let method = commands.method;
    let report = commands.report();
    let busy = commands.pending();
    let policy = LocalResource::new(move || {
        let graph = graph.clone();
        async move { graph.qr_policy().await.unwrap_or_default() }
    });
    let min_len = Signal::derive(move || {
        policy
            .get()
            .map(|p| p.min_pin_length())
            .unwrap_or(qrpin::rules::PIN_MIN_LEN)
    });
    // What the person typed, as typed: a value that is not a whole number of days is refused, not rounded.
    let days = RwSignal::new(QrCodePinPolicy::DEFAULT_LIFETIME_DAYS.to_string());
    let (days_touched, set_days_touched) = signal(false);
    Effect::new(move |_| {
        if let Some(p) = policy.get() {
            if !days_touched.get_untracked() {
                days.set(p.standard_lifetime_days().to_string());
            }
        }
    });
    let (own_pin, set_own_pin) = signal(false);
    let pin = RwSignal::new(String::new());
    let pin_again = RwSignal::new(String::new());
    let (message, set_message) = signal(None::<String>);
    // Back from a forced sign-in with a PIN of one's own: it was not kept, so it is asked for again.
    if let Some(Resumed::CreateMethodNeedsPin { days: resumed_days }) =
        commands.resumed.get_untracked()
    {
        days.set(resumed_days.to_string());
        set_days_touched.set(true);
        set_own_pin.set(true);
        set_message.set(Some(
            "You signed in again. Type your PIN once more and choose Create to finish.".into(),
        ));
    }

    let pin_checks = Memo::new(move |_| checklist("", &pin.get(), &pin_again.get(), min_len.get()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lifetime = match parse_lifetime(&days.get(), LifetimeUnit::Days) {
            Ok(lifetime) => lifetime,
            Err(problem) => {
                set_message.set(Some(lifetime_problem(problem, LifetimeUnit::Days)));
                return;
            }
        };
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
        commands.run(Command::CreateMethod {
            days: lifetime,
            pin: own_pin.get().then(|| Secret::new(pin.get())),
        });
    };
    let created = move || match report.get() {
        Some(Ok(Outcome::MethodCreated(method))) => Some(*method),
        _ => None,
    };
    let refused = move || match report.get() {
        Some(Err(Failure::Refused(error))) => Some(error),
        _ => None,
    };
    Effect::new(move |_| {
        if created().is_some() {
            pin.set(String::new());
            pin_again.set(String::new());
        }
    });
    let until = move || {
        parse_lifetime(&days.get(), LifetimeUnit::Days)
            .ok()
            .and_then(|d| expiry_after(now(), d, LifetimeUnit::Days).ok())
            .map(|until| {
                format!(
                    "1 to 395 days. Starts now, valid until {}.",
                    date_time(until)
                )
            })
            .unwrap_or_else(|| "1 to 395 days. Starts now.".into())
    };

    view! {
        <div class="page narrow">
            <h1>"Set up QR code sign-in"</h1>
            {move || {
                created()
                    .map(|method| {
                        view! { <CreatedMethod method holder=holder.clone() upn=upn.clone() /> }
                    })
            }}
            <Show when=move || {
                created().is_none()
            }>
                {move || refused().map(|error| view! { <Forbidden error /> })}
                <CommandReport report=Signal::derive(move || {
                    report.get().filter(|r| !matches!(r, Err(Failure::Refused(_))))
                }) />
                <LoadingBoundary>
                    {move || Suspend::new(async move {
                        method
                            .await
                            .map(|found| {
                                if found.is_some() {
                                    view! { <AlreadySetUp /> }.into_any()
                                } else {
                                    view! {
                                        <form class="card form-card" on:submit=on_submit novalidate>
                                            <label for="lifetime">"Badge valid for (days)"</label>
                                            <input
                                                id="lifetime"
                                                type="text"
                                                inputmode="numeric"
                                                autocomplete="off"
                                                prop:value=days
                                                on:input:target=move |ev| {
                                                    set_days_touched.set(true);
                                                    days.set(ev.target().value());
                                                }
                                                aria-describedby="lifetime-help"
                                            />
                                            <p id="lifetime-help" class="muted small">
                                                {until}
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
                                                    hide=PinRule::DifferentFromCurrent
                                                />
                                            </Show>
                                            <p class="field-message" role="status">
                                                {move || message.get()}
                                            </p>
                                            <button
                                                class="button primary"
                                                type="submit"
                                                disabled=move || busy.get()
                                            >
                                                "Create QR code sign-in"
                                            </button>
                                        </form>
                                    }
                                        .into_any()
                                }
                            })
                    })}
                </LoadingBoundary>
            </Show>
        </div>
    }
}

/// Set-up again when a method exists: its image and PIN were shown once and cannot come back.
#[component]
fn AlreadySetUp() -> impl IntoView {
    view! {
        <section class="card notice-card" aria-labelledby="already-title">
            <h2 id="already-title">"You already have QR code sign-in"</h2>
            <p>
                "Its badge QR code and PIN were shown only once, when it was set up, and cannot be shown again."
            </p>
            <ul>
                <li>
                    "Lost or never printed the badge? " <A href="/badge">"Replace your badge"</A>
                    " to get a new QR code. Your PIN stays the same."
                </li>
                <li>
                    "Forgot the PIN? Only an administrator can reset it. If you know it, you can "
                    <A href="/pin">"change your PIN"</A> "."
                </li>
            </ul>
        </section>
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
