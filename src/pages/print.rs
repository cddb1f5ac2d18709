//! Badge print preview and sheets: placeholder until printing is built.

use leptos::prelude::*;

#[component]
pub fn PrintBadges() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"Print badges"</h1>
        </section>
    }
}
