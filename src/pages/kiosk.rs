//! Kiosk badge display (a shared screen): placeholder until the kiosk is built.

use leptos::prelude::*;

#[component]
pub fn Kiosk() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"Kiosk"</h1>
        </section>
    }
}
