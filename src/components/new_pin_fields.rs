//! The new PIN typed twice, with every rule shown live: used to change a PIN and to choose one
//! when setting up the method. Paste and password managers work (WCAG 3.3.8).

use leptos::prelude::*;

use crate::pin_form::{PinChecklist, PinRule};

#[component]
pub fn NewPinFields(
    /// Label of the first field, e.g. "New PIN".
    label: &'static str,
    /// Prefix for the fields' ids (several forms may exist in one page's history).
    id: &'static str,
    pin: RwSignal<String>,
    again: RwSignal<String>,
    #[prop(into)] checklist: Signal<PinChecklist>,
    /// A rule to leave out of the list, e.g. "different from the current PIN" when there is none.
    #[prop(optional)]
    hide: Option<PinRule>,
) -> impl IntoView {
    let first_id = format!("{id}-pin");
    let again_id = format!("{id}-pin-again");
    let rules_id = format!("{id}-pin-rules");
    view! {
        <label for=first_id.clone()>{label}</label>
        <input
            id=first_id
            type="password"
            inputmode="numeric"
            autocomplete="new-password"
            prop:value=pin
            on:input:target=move |ev| pin.set(ev.target().value())
            aria-describedby=rules_id.clone()
        />
        <label for=again_id.clone()>{format!("{label} again")}</label>
        <input
            id=again_id
            type="password"
            inputmode="numeric"
            autocomplete="new-password"
            prop:value=again
            on:input:target=move |ev| again.set(ev.target().value())
        />
        <ul id=rules_id class="checklist" aria-label="PIN rules">
            // `try_get`: clearing the PINs after a successful set-up can re-run this once while the
            // form is being removed, after the prop's signal is gone; there is nothing to show then.
            {move || {
                checklist
                    .try_get()
                    .map(|list| list.checks)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|check| hide != Some(check.rule))
                    .map(|check| {
                        view! {
                            <li class=if check.met { "met" } else { "unmet" }>
                                <span class="visually-hidden">
                                    {if check.met { "Met: " } else { "Not yet: " }}
                                </span>
                                {check.label}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
