//! A destructive action behind a second, explicit step that names the consequence.

use leptos::prelude::*;

use crate::locale::{t, use_i18n};

#[component]
pub fn ConfirmAction(
    /// The button that starts it, e.g. "Revoke temporary QR code" (a translation, re-read when the
    /// language changes).
    #[prop(into)]
    label: Signal<String>,
    /// What will happen, in plain words.
    consequence: Signal<String>,
    /// The confirming button, e.g. "Yes, revoke it".
    #[prop(into)]
    confirm_label: Signal<String>,
    /// Disabled while the action runs.
    #[prop(into)]
    pending: Signal<bool>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (asking, set_asking) = signal(false);
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if asking.get() {
            if let Some(button) = confirm_ref.get() {
                let _ = button.focus();
            }
        }
    });
    view! {
        <div class="confirm-action">
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button class="button danger" on:click=move |_| set_asking.set(true)>
                            {label}
                        </button>
                    }
                }
            >
                <div class="confirm-box" role="group" aria-label=label>
                    <p>{consequence}</p>
                    <div class="actions">
                        <button
                            class="button danger"
                            node_ref=confirm_ref
                            disabled=move || pending.get()
                            on:click=move |_| {
                                on_confirm.run(());
                                set_asking.set(false);
                            }
                        >
                            {confirm_label}
                        </button>
                        <button class="button secondary" on:click=move |_| set_asking.set(false)>
                            {t!(i18n, selfservice.confirm_cancel)}
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
