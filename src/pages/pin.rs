//! The guided PIN change (`pin/updatePin`): why, the current PIN, the new PIN twice, every rule
//! checked live. Paste and password managers work (WCAG 3.3.8); PINs are never stored.

use leptos::prelude::*;
use leptos_router::components::A;
use qrpin::rules::{normalize_current_pin, CurrentPinProblem};

use crate::commands::{use_commands, Command, Failure, Outcome, Reauth, Resumed, Secret};
use crate::components::{next_step_words, CommandReport, ErrorPanel, NewPinFields};
use crate::graph::{GraphClient, Target};
use crate::locale::{t, t_string, td_string, use_i18n, Locale};
use crate::pin_form::checklist;
use crate::status::{summarize_pin, Audience};

fn current_pin_words(problem: CurrentPinProblem, locale: Locale) -> String {
    match problem {
        CurrentPinProblem::Empty => {
            td_string!(locale, selfservice.change_pin.current_empty).to_string()
        }
        CurrentPinProblem::NotDigits => {
            td_string!(locale, selfservice.change_pin.current_not_digits).to_string()
        }
        CurrentPinProblem::Length { min, max } => td_string!(
            locale,
            selfservice.change_pin.current_length,
            min = min,
            max = max
        )
        .to_string(),
    }
}

#[component]
pub fn ChangePin() -> impl IntoView {
    let i18n = use_i18n();
    let graph = expect_context::<GraphClient>();
    let commands = use_commands(Target::Me, Reauth::ResumeHere);
    let method = commands.method;
    let report = commands.report();
    let busy = commands.pending();
    let resumed = commands.resumed.get_untracked() == Some(Resumed::ChangePinNeedsPins);
    // Most employees may not read the tenant policy: Graph's minimum then applies.
    let policy = LocalResource::new(move || {
        let graph = graph.clone();
        async move { graph.qr_policy().await.ok() }
    });
    let min_len = Signal::derive(move || {
        policy
            .get()
            .flatten()
            .map(|p| p.min_pin_length())
            .unwrap_or(qrpin::rules::PIN_MIN_LEN)
    });
    let (current, set_current) = signal(String::new());
    let new_pin = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let (attempted, set_attempted) = signal(false);
    let checks = Memo::new(move |_| {
        let current = normalize_current_pin(&current.get()).unwrap_or_default();
        checklist(&current, &new_pin.get(), &confirm.get(), min_len.get())
    });
    let current_problem = move || normalize_current_pin(&current.get()).err();

    let done = move || matches!(report.get(), Some(Ok(Outcome::PinChanged)));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        set_attempted.set(true);
        let Ok(current_pin) = normalize_current_pin(&current.get()) else {
            return;
        };
        if checks.get().ready() {
            commands.run(Command::ChangePin {
                current: Secret::new(current_pin),
                new: Secret::new(new_pin.get()),
            });
        }
    };
    // Forget the typed PINs as soon as they are accepted.
    Effect::new(move |_| {
        if done() {
            set_current.set(String::new());
            new_pin.set(String::new());
            confirm.set(String::new());
        }
    });

    view! {
        <div class="page narrow">
            <h1>{t!(i18n, selfservice.change_pin.title)}</h1>
            <Show when=done>
                <section class="card success" role="status">
                    <h2>{t!(i18n, selfservice.change_pin.done_title)}</h2>
                    <p>{t!(i18n, selfservice.change_pin.done_text)}</p>
                    <A href="/" attr:class="button primary">
                        {t!(i18n, selfservice.change_pin.back)}
                    </A>
                </section>
            </Show>
            <Show when=move || !done()>
                <section class="card explain" aria-labelledby="why-title">
                    <h2 id="why-title">{t!(i18n, selfservice.change_pin.why_title)}</h2>
                    {move || {
                        let must = method
                            .get()
                            .and_then(|m| m.ok().flatten())
                            .map(|m| summarize_pin(m.pin.as_ref(), Audience::Employee).must_change)
                            .unwrap_or(false);
                        if must {
                            t_string!(i18n, selfservice.change_pin.why_must)
                        } else {
                            t_string!(i18n, selfservice.change_pin.why_any_time)
                        }
                    }}
                    <p class="muted small">{t!(i18n, selfservice.change_pin.where_to_use)}</p>
                </section>
                {move || {
                    resumed
                        .then(|| {
                            view! {
                                <p class="notice" role="status">
                                    {t!(i18n, selfservice.change_pin.resumed)}
                                </p>
                            }
                        })
                }}
                {move || match report.get() {
                    Some(Err(Failure::Refused(error))) => {
                        let hint = (error.status() == Some(400))
                            .then_some(t_string!(i18n, selfservice.change_pin.refused_hint));
                        view! { <ErrorPanel error hint /> }.into_any()
                    }
                    _ => view! { <CommandReport report /> }.into_any(),
                }}
                <form class="card form-card" on:submit=on_submit novalidate>
                    <label for="current-pin">{t!(i18n, selfservice.change_pin.current)}</label>
                    <input
                        id="current-pin"
                        type="password"
                        inputmode="numeric"
                        autocomplete="current-password"
                        prop:value=current
                        on:input:target=move |ev| set_current.set(ev.target().value())
                        aria-describedby="current-help"
                    />
                    <p id="current-help" class="muted small">
                        {t!(i18n, selfservice.change_pin.current_help)}
                    </p>
                    <NewPinFields
                        label=move || t_string!(i18n, selfservice.change_pin.new_pin)
                        again_label=move || t_string!(i18n, selfservice.change_pin.new_pin_again)
                        id="new"
                        pin=new_pin
                        again=confirm
                        checklist=checks
                    />
                    <p class="field-message" role="status" aria-live="polite">
                        {move || {
                            let locale = i18n.get_locale();
                            if let Some(problem) = current_problem().filter(|_| attempted.get()) {
                                Some(current_pin_words(problem, locale))
                            } else if busy.get() {
                                Some(
                                    td_string!(locale, selfservice.change_pin.changing).to_string(),
                                )
                            } else if attempted.get() || !new_pin.get().is_empty() {
                                checks.get().next_step.map(|step| next_step_words(step, locale))
                            } else {
                                None
                            }
                        }}
                    </p>
                    <button class="button primary" type="submit" disabled=move || busy.get()>
                        {t!(i18n, selfservice.change_pin.submit)}
                    </button>
                </form>
            </Show>
        </div>
    }
}
