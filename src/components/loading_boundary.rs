//! How every page waits for Graph: a loading line, then the content or the errors in words.

use leptos::prelude::*;

use super::ErrorList;
use crate::locale::{t, use_i18n};

#[component]
pub fn LoadingBoundary(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || {
            view! {
                <p class="loading" role="status">
                    {t!(i18n, status.loading)}
                </p>
            }
        }>
            <ErrorBoundary fallback=|errors| {
                view! { <ErrorList errors /> }
            }>{children()}</ErrorBoundary>
        </Transition>
    }
}
