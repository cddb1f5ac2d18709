//! The guided PIN change (`pin/updatePin`): why, the current PIN, the new PIN twice, every rule
//! checked live. Paste and password managers work (WCAG 3.3.8); PINs are never stored.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{ErrorPanel, NewPinFields};
use crate::config::PortalConfig;
use crate::graph::{ApiError, GraphClient, Target};
use crate::pin_form::checklist;
use crate::resume::{handle_error, take_pending, PendingAction};
use crate::status::summarize_pin;

#[component]
pub fn ChangePin() -> impl IntoView {
    let graph = expect_context::<GraphClient>();
    let config = expect_context::<PortalConfig>();
    let resumed = matches!(take_pending(), Some(PendingAction::ChangePin));
    let context = {
        let graph = graph.clone();
        LocalResource::new(move || {
            let graph = graph.clone();
            async move {
                let method = graph.qr_method(&Target::Me).await;
                // Most employees may not read the tenant policy: Graph's minimum then applies.
                let min_len = graph
                    .qr_policy()
                    .await
                    .map(|p| p.min_pin_length())
                    .unwrap_or(qrpin::rules::PIN_MIN_LEN);
                (method, min_len)
            }
        })
    };
    let min_len = Signal::derive(move || {
        context
            .get()
            .map(|(_, min)| min)
            .unwrap_or(qrpin::rules::PIN_MIN_LEN)
    });
    let (current, set_current) = signal(String::new());
    let new_pin = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let (problem, set_problem) = signal(None::<ApiError>);
    let (attempted, set_attempted) = signal(false);
    let checks = Memo::new(move |_| {
        checklist(
            &current.get(),
            &new_pin.get(),
            &confirm.get(),
            min_len.get(),
        )
    });

    let change = Action::new_local(move |pins: &(String, String)| {
        let (graph, config, pins) = (graph.clone(), config.clone(), pins.clone());
        async move {
            match graph.update_pin(&Target::Me, pins.0, pins.1).await {
                Ok(()) => true,
                Err(error) => {
                    set_problem.set(handle_error(&config, error, PendingAction::ChangePin));
                    false
                }
            }
        }
    });
    let done = move || change.value().get() == Some(true);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        set_attempted.set(true);
        set_problem.set(None);
        if checks.get().ready() && !current.get().is_empty() {
            change.dispatch((current.get(), new_pin.get()));
        }
    };
    // Forget the typed PINs as soon as they are sent and accepted.
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
                        let must = context
                            .get()
                            .and_then(|(m, _)| m.ok().flatten())
                            .map(|m| summarize_pin(m.pin.as_ref()).must_change)
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
                {move || {
                    problem
                        .get()
                        .map(|error| {
                            let hint = (error.status() == Some(400))
                                .then_some(
                                    "Check your current PIN: it is probably not the one Microsoft has for you. If you no longer know it, ask an administrator to reset it.",
                                );
                            view! { <ErrorPanel error hint /> }
                        })
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
                            if current.get().is_empty() && attempted.get() {
                                Some("Enter your current PIN.".to_string())
                            } else if attempted.get() || !new_pin.get().is_empty() {
                                checks.get().next_step
                            } else {
                                None
                            }
                        }}
                    </p>
                    <button
                        class="button primary"
                        type="submit"
                        disabled=move || change.pending().get()
                    >
                        "Change PIN"
                    </button>
                </form>
            </Show>
        </div>
    }
}
