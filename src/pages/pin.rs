//! The guided PIN change (`pin/updatePin`): why, the current PIN, the new PIN twice, every rule
//! checked live. Paste and password managers work (WCAG 3.3.8); PINs are never stored.

use leptos::prelude::*;
use leptos_router::components::A;
use qrpin::rules::{normalize_current_pin, CurrentPinProblem};

use crate::commands::{use_commands, Command, Failure, Outcome, Reauth, Resumed, Secret};
use crate::components::{CommandReport, ErrorPanel, NewPinFields};
use crate::graph::{GraphClient, Target};
use crate::pin_form::checklist;
use crate::status::{summarize_pin, Audience};

fn current_pin_words(problem: CurrentPinProblem) -> &'static str {
    match problem {
        CurrentPinProblem::Empty => "Enter your current PIN.",
        CurrentPinProblem::NotDigits => "Your current PIN has only digits: check what you typed.",
        CurrentPinProblem::Length => "Your current PIN has 8 to 20 digits: check what you typed.",
    }
}

#[component]
pub fn ChangePin() -> impl IntoView {
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
            <h1>"Change your PIN"</h1>
            <Show when=done>
                <section class="card success" role="status">
                    <h2>"Your PIN is changed"</h2>
                    <p>"From now on, sign in with your QR code and your new PIN."</p>
                    <A href="/" attr:class="button primary">
                        "Back to overview"
                    </A>
                </section>
            </Show>
            <Show when=move || !done()>
                <section class="card explain" aria-labelledby="why-title">
                    <h2 id="why-title">"Why change it?"</h2>
                    {move || {
                        let must = method
                            .get()
                            .and_then(|m| m.ok().flatten())
                            .map(|m| summarize_pin(m.pin.as_ref(), Audience::Employee).must_change)
                            .unwrap_or(false);
                        if must {
                            "Your current PIN was set by an administrator and is temporary. Choose one that only you know."
                        } else {
                            "You can change your PIN at any time, for example if someone may have seen it."
                        }
                    }}
                    <p class="muted small">
                        "On the shared phone or tablet at work, choose \"Sign in with a QR code\", scan your badge and type your PIN. It does not work in desktop browsers."
                    </p>
                </section>
                {move || {
                    resumed
                        .then(|| {
                            view! {
                                <p class="notice" role="status">
                                    "You signed in again. For your safety your PINs were not kept: please type them once more."
                                </p>
                            }
                        })
                }}
                {move || match report.get() {
                    Some(Err(Failure::Refused(error))) => {
                        let hint = (error.status() == Some(400))
                            .then_some(
                                "Check your current PIN: it is probably not the one Microsoft has for you. If you no longer know it, ask an administrator to reset it.",
                            );
                        view! { <ErrorPanel error hint /> }.into_any()
                    }
                    _ => view! { <CommandReport report /> }.into_any(),
                }}
                <form class="card form-card" on:submit=on_submit novalidate>
                    <label for="current-pin">"Current PIN"</label>
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
                        "The temporary PIN you were given, or the PIN you use now."
                    </p>
                    <NewPinFields
                        label="New PIN"
                        id="new"
                        pin=new_pin
                        again=confirm
                        checklist=checks
                    />
                    <p class="field-message" role="status" aria-live="polite">
                        {move || {
                            if let Some(problem) = current_problem().filter(|_| attempted.get()) {
                                Some(current_pin_words(problem).to_string())
                            } else if busy.get() {
                                Some("Changing your PIN…".to_string())
                            } else if attempted.get() || !new_pin.get().is_empty() {
                                checks.get().next_step
                            } else {
                                None
                            }
                        }}
                    </p>
                    <button class="button primary" type="submit" disabled=move || busy.get()>
                        "Change PIN"
                    </button>
                </form>
            </Show>
        </div>
    }
}
