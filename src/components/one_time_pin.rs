//! A PIN Graph just generated: shown once, copyable, never stored or put in an ARIA label.

use leptos::prelude::*;

use crate::locale::{t, use_i18n};

#[component]
pub fn OneTimePin(pin: String) -> impl IntoView {
    let i18n = use_i18n();
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
            <h2 id="pin-once-title">{t!(i18n, selfservice.one_time_pin.title)}</h2>
            <p>{t!(i18n, selfservice.one_time_pin.text)}</p>
            <p class="pin-value">
                <code translate="no">{pin}</code>
            </p>
            <button class="button secondary" on:click=copy>
                {t!(i18n, selfservice.one_time_pin.copy)}
            </button>
            <span role="status" class="muted small">
                {move || {
                    copied
                        .get()
                        .then(|| {
                            view! {
                                " "
                                {t!(i18n, selfservice.one_time_pin.copied)}
                            }
                        })
                }}
            </span>
        </section>
    }
}
