//! Setting up QR code + PIN sign-in for oneself (`PUT /me/authentication/qrCodePinMethod`).
//! Many tenants reserve this for administrators: a 403 is explained, not just reported.

use leptos::prelude::*;
use leptos_router::components::A;
use qrpin::model::QrCodePinPolicy;
use qrpin::rules::{expiry_after, parse_lifetime, LifetimeInputProblem, LifetimeUnit};

use super::{account_name, account_upn};
use crate::commands::{use_commands, Command, Failure, Outcome, Reauth, Resumed, Secret};
use crate::components::{
    lifetime_words, next_step_words, CommandReport, CreatedMethod, ErrorPanel, LoadingBoundary,
    NewPinFields,
};
use crate::format::now;
use crate::graph::{ApiError, GraphClient, Target};
use crate::locale::{intl, t, t_string, td_string, use_i18n, Language, Locale};
use crate::pin_form::{checklist, NextStep, PinRule};

/// What the form says under its fields, kept typed so it re-words when the language changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FormMessage {
    /// Back from a forced sign-in: the PIN was not kept.
    Resumed,
    Lifetime(LifetimeInputProblem),
    Pin(NextStep),
    CheckPin,
}

fn form_message_words(message: FormMessage, locale: Locale) -> String {
    match message {
        FormMessage::Resumed => td_string!(locale, selfservice.create.resumed).to_string(),
        FormMessage::Lifetime(problem) => lifetime_words(locale, problem, LifetimeUnit::Days),
        FormMessage::Pin(step) => next_step_words(step, locale),
        FormMessage::CheckPin => td_string!(locale, selfservice.create.check_pin).to_string(),
    }
}

#[component]
pub fn CreateMethod() -> impl IntoView {
    let i18n = use_i18n();
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
    let (message, set_message) = signal(None::<FormMessage>);
    // Back from a forced sign-in with a PIN of one's own: it was not kept, so it is asked for again.
    if let Some(Resumed::CreateMethodNeedsPin { days: resumed_days }) =
        commands.resumed.get_untracked()
    {
        days.set(resumed_days.to_string());
        set_days_touched.set(true);
        set_own_pin.set(true);
        set_message.set(Some(FormMessage::Resumed));
    }

    let pin_checks = Memo::new(move |_| checklist("", &pin.get(), &pin_again.get(), min_len.get()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lifetime = match parse_lifetime(&days.get(), LifetimeUnit::Days) {
            Ok(lifetime) => lifetime,
            Err(problem) => {
                set_message.set(Some(FormMessage::Lifetime(problem)));
                return;
            }
        };
        if own_pin.get() && !pin_checks.get().ready() {
            set_message.set(Some(
                pin_checks
                    .get()
                    .next_step
                    .map_or(FormMessage::CheckPin, FormMessage::Pin),
            ));
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
        let language = Language::of(i18n.get_locale());
        parse_lifetime(&days.get(), LifetimeUnit::Days)
            .ok()
            .and_then(|d| expiry_after(now(), d, LifetimeUnit::Days).ok())
            .map(|until| {
                t_string!(
                    i18n,
                    selfservice.create.lifetime_help_until,
                    date = intl::date_time(until, language)
                )
                .to_string()
            })
            .unwrap_or_else(|| t_string!(i18n, selfservice.create.lifetime_help).to_string())
    };

    view! {
        <div class="page narrow">
            <h1>{t!(i18n, selfservice.create.title)}</h1>
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
                                            <label for="lifetime">
                                                {t!(i18n, selfservice.create.lifetime)}
                                            </label>
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
                                                <legend>{t!(i18n, selfservice.create.pin_legend)}</legend>
                                                <label class="choice">
                                                    <input
                                                        type="radio"
                                                        name="pin-choice"
                                                        prop:checked=move || !own_pin.get()
                                                        on:change=move |_| set_own_pin.set(false)
                                                    />
                                                    {t!(i18n, selfservice.create.generated_pin)}
                                                </label>
                                                <label class="choice">
                                                    <input
                                                        type="radio"
                                                        name="pin-choice"
                                                        prop:checked=move || own_pin.get()
                                                        on:change=move |_| set_own_pin.set(true)
                                                    />
                                                    {t!(i18n, selfservice.create.own_pin)}
                                                </label>
                                            </fieldset>
                                            <Show when=move || own_pin.get()>
                                                <NewPinFields
                                                    label=move || t_string!(i18n, selfservice.create.pin)
                                                    again_label=move || {
                                                        t_string!(i18n, selfservice.create.pin_again)
                                                    }
                                                    id="own"
                                                    pin=pin
                                                    again=pin_again
                                                    checklist=pin_checks
                                                    hide=PinRule::DifferentFromCurrent
                                                />
                                            </Show>
                                            <p class="field-message" role="status">
                                                {move || {
                                                    message
                                                        .get()
                                                        .map(|m| form_message_words(m, i18n.get_locale()))
                                                }}
                                            </p>
                                            <button
                                                class="button primary"
                                                type="submit"
                                                disabled=move || busy.get()
                                            >
                                                {t!(i18n, selfservice.create.submit)}
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
    let i18n = use_i18n();
    view! {
        <section class="card notice-card" aria-labelledby="already-title">
            <h2 id="already-title">{t!(i18n, selfservice.create.already_title)}</h2>
            <p>{t!(i18n, selfservice.create.already_text)}</p>
            <ul>
                <li>
                    {t!(
                        i18n,
                        selfservice.create.already_lost,
                        <link> = |children: ChildrenFn| view! { <A href="/badge">{children()}</A> }
                    )}
                </li>
                <li>
                    {t!(
                        i18n,
                        selfservice.create.already_forgot,
                        <link> = |children: ChildrenFn| view! { <A href="/pin">{children()}</A> }
                    )}
                </li>
            </ul>
        </section>
    }
}

/// A refused creation, with what to do about it when the tenant reserves it for administrators.
#[component]
fn Forbidden(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let forbidden = error.status() == Some(403);
    view! {
        {forbidden
            .then(|| {
                view! {
                    <section class="card notice-card" role="note">
                        <h2>{t!(i18n, selfservice.create.forbidden_title)}</h2>
                        <p>{t!(i18n, selfservice.create.forbidden_text)}</p>
                        <p class="muted small">{t!(i18n, selfservice.create.forbidden_missing)}</p>
                    </section>
                }
            })}
        <ErrorPanel error />
    }
}
