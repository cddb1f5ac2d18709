//! A destructive action behind a second, explicit step that names the consequence.

use leptos::prelude::*;

#[component]
pub fn ConfirmAction(
    /// The button that starts it, e.g. "Revoke temporary QR code".
    label: &'static str,
    /// What will happen, in plain words.
    consequence: String,
    /// The confirming button, e.g. "Yes, revoke it".
    confirm_label: &'static str,
    /// Disabled while the action runs.
    #[prop(into)]
    pending: Signal<bool>,
    on_confirm: Callback<()>,
) -> impl IntoView {
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
                    <p>{consequence.clone()}</p>
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
                            "Cancel"
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
