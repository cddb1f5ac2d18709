//! Watches for taps and keys while someone is signed in on the kiosk, warns before the idle
//! timeout (an alert dialog with "Stay") and calls `on_timeout` when nobody answered.

use std::time::Duration;

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::dom::{event_inside, focused_element, now_ms, Listener};
use super::idle::{IdlePhase, IdlePolicy};
use super::words;
use crate::locale::{td, use_i18n};

/// How often the idle time is checked; the warning counts down in whole seconds.
const CHECK_EVERY: Duration = Duration::from_millis(250);

#[component]
pub fn IdleGuard(
    policy: IdlePolicy,
    /// Runs once: on timeout, or when "Clear now" is pressed in the warning.
    on_timeout: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let last_activity = StoredValue::new(now_ms());
    let phase = RwSignal::new(IdlePhase::Active);
    let fired = StoredValue::new(false);
    let dialog_ref = NodeRef::<leptos::html::Div>::new();
    let stay_ref = NodeRef::<leptos::html::Button>::new();
    let clear_ref = NodeRef::<leptos::html::Button>::new();
    let return_focus = StoredValue::new_local(None::<web_sys::HtmlElement>);

    let finish = move || {
        if !fired.get_value() {
            fired.set_value(true);
            phase.set(IdlePhase::TimedOut);
            on_timeout.run(());
        }
    };
    let check = move || {
        if fired.get_value() {
            return;
        }
        match policy.phase(now_ms() - last_activity.get_value()) {
            IdlePhase::TimedOut => finish(),
            next if next != phase.get_untracked() => phase.set(next),
            _ => {}
        }
    };
    let reset = move || {
        if fired.get_value() {
            return;
        }
        last_activity.set_value(now_ms());
        if phase.get_untracked() != IdlePhase::Active {
            phase.set(IdlePhase::Active);
        }
    };
    let stay = move || {
        reset();
        if let Some(element) = return_focus.get_value() {
            let _ = element.focus();
        }
    };

    // Any tap or key anywhere counts as "still here", except on the warning's own buttons, which
    // say what they do.
    let on_activity = move |event: web_sys::Event| {
        let in_dialog = dialog_ref
            .get_untracked()
            .is_some_and(|dialog| event_inside(&event, &dialog));
        if !in_dialog {
            reset();
        }
    };
    let listeners: Vec<Listener> = [
        Listener::on_window("pointerdown", on_activity),
        Listener::on_window("keydown", on_activity),
        Listener::on_window("touchstart", on_activity),
        // Timers are throttled in a hidden page: check as soon as it is visible again.
        Listener::on_document("visibilitychange", move |_| check()),
    ]
    .into_iter()
    .flatten()
    .collect();
    StoredValue::new_local(listeners);
    if let Ok(handle) = set_interval_with_handle(check, CHECK_EVERY) {
        on_cleanup(move || handle.clear());
    }

    // The warning takes the focus when it appears (and gives it back on "Stay"). The countdown
    // re-renders it every second, which loads the same button again: only a new one takes the focus.
    Effect::new(move |focused: Option<Option<web_sys::HtmlButtonElement>>| {
        let button = stay_ref.get();
        if let Some(button) = &button {
            let again = focused
                .flatten()
                .is_some_and(|previous| previous.is_same_node(Some(button)));
            if !again {
                return_focus.set_value(focused_element());
                let _ = button.focus();
            }
        }
        button
    });
    // A two-button modal: Tab moves between them, Escape means "Stay".
    let on_keydown = move |event: KeyboardEvent| match event.key().as_str() {
        "Tab" => {
            event.prevent_default();
            let on_stay = focused_element().is_some_and(|focused| {
                stay_ref
                    .get_untracked()
                    .is_some_and(|stay| stay.is_same_node(Some(&focused)))
            });
            let next = if on_stay {
                clear_ref.get_untracked().map(|b| b.focus())
            } else {
                stay_ref.get_untracked().map(|b| b.focus())
            };
            drop(next);
        }
        "Escape" => {
            event.prevent_default();
            stay();
        }
        _ => {}
    };

    // Rebuilt from plain values whenever the phase changes (every second while it shows): nothing
    // reactive is created inside it. A reactive closure built and dropped again stays listed in each
    // signal it read until that signal is dropped (reactive_graph 0.2), and the language lives as long
    // as the page, so a session kept awake for hours would pile them up (bench/kiosk-soak.mjs, part 3).
    move || {
        let IdlePhase::Warning { seconds_left } = phase.get() else {
            return None;
        };
        let locale = i18n.get_locale();
        let count = words::seconds(i18n, seconds_left);
        Some(view! {
            <div class="kiosk-warning-backdrop">
                <div
                    class="kiosk-warning"
                    role="alertdialog"
                    aria-modal="true"
                    aria-labelledby="kiosk-warning-title"
                    aria-describedby="kiosk-warning-text"
                    node_ref=dialog_ref
                    on:keydown=on_keydown
                >
                    <h2 id="kiosk-warning-title">{td!(locale, kiosk.warning.title)}</h2>
                    <p id="kiosk-warning-text">
                        {td!(
                            locale, kiosk.warning.text, time = move || view! {
                                <span class="kiosk-warning-count" role="timer">
                                    {count.clone()}
                                </span>
                            }
                        )}
                    </p>
                    <div class="kiosk-actions">
                        <button
                            class="button primary kiosk-button"
                            node_ref=stay_ref
                            on:click=move |_| stay()
                        >
                            {td!(locale, kiosk.warning.stay)}
                        </button>
                        <button
                            class="button secondary kiosk-button"
                            node_ref=clear_ref
                            on:click=move |_| finish()
                        >
                            {td!(locale, kiosk.warning.clear_now)}
                        </button>
                    </div>
                </div>
            </div>
        })
    }
}

/// The start screen is for whoever comes next: after the idle timeout without a tap or key, a
/// language someone chose there goes back to the kiosk's, and a notice left there goes away.
pub fn forget_after_idle(
    policy: IdlePolicy,
    kiosk_language: crate::locale::Language,
    set_problem: WriteSignal<Option<crate::auth::AuthError>>,
) {
    let i18n = use_i18n();
    let last_activity = StoredValue::new(now_ms());
    let touched = move |_: web_sys::Event| last_activity.set_value(now_ms());
    let listeners: Vec<Listener> = [
        Listener::on_window("pointerdown", touched),
        Listener::on_window("keydown", touched),
    ]
    .into_iter()
    .flatten()
    .collect();
    StoredValue::new_local(listeners);
    let timeout_ms = f64::from(policy.timeout_seconds()) * 1000.0;
    let check = move || {
        if now_ms() - last_activity.get_value() >= timeout_ms {
            last_activity.set_value(now_ms());
            if crate::locale::Language::of(i18n.get_locale_untracked()) != kiosk_language {
                crate::locale::loaded::show(i18n, kiosk_language);
            }
            set_problem.set(None);
        }
    };
    if let Ok(handle) = set_interval_with_handle(check, std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
}
