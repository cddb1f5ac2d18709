//! How every page waits for Graph: a loading line, then the content or the errors in words.

use leptos::prelude::*;

use super::ErrorList;

#[component]
pub fn LoadingBoundary(children: ChildrenFn) -> impl IntoView {
    view! {
        <Transition fallback=|| {
            view! {
                <p class="loading" role="status">
                    "Loading…"
                </p>
            }
        }>
            <ErrorBoundary fallback=|errors| {
                view! { <ErrorList errors /> }
            }>{children()}</ErrorBoundary>
        </Transition>
    }
}
