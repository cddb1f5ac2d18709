use leptos::prelude::*;

use crate::locale::{t, use_i18n};

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h1>{t!(i18n, common.not_found.title)}</h1>
            <p>{t!(i18n, common.not_found.text, <link> = <a href="/" />)}</p>
        </section>
    }
}
