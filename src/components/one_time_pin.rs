//! A PIN Graph just generated: shown once, copyable, never stored or put in an ARIA label.

use leptos::prelude::*;

#[component]
pub fn OneTimePin(pin: String) -> impl IntoView {
    crate::browser::warn_before_leaving();
    let (copied, set_copied) = signal(false);
    let for_clipboard = pin.clone();
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&for_clipboard);
            set_copied.set(true);
        }
    };
    view! {
        <section class="card pin-once" aria-labelledby="pin-once-title">
            <h2 id="pin-once-title">"Temporary PIN"</h2>
            <p>
                "Write this PIN down or give it to its owner in person. It is shown only now and must be changed at the first sign-in. Never print it on the badge."
            </p>
            <p class="pin-value">
                <code translate="no">{pin}</code>
            </p>
            <button class="button secondary" on:click=copy>
                "Copy PIN"
            </button>
            <span role="status" class="muted small">
                {move || copied.get().then_some(" Copied.")}
            </span>
        </section>
    }
}
