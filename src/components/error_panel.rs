//! Errors shown to people: what happened, what to do, and the ids support will ask for.

use leptos::prelude::*;

use crate::graph::ApiError;

#[component]
pub fn ErrorPanel(
    error: ApiError,
    /// What to check in this particular flow, shown under the general message.
    #[prop(default = None)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let code = error.code().map(str::to_string);
    let request_id = error.request_id().map(str::to_string);
    view! {
        <div class="error-panel" role="alert">
            <p class="error-message">{error.to_string()}</p>
            {hint.map(|hint| view! { <p class="error-hint">{hint}</p> })}
            {(code.is_some() || request_id.is_some())
                .then(|| {
                    view! {
                        <dl class="error-ids">
                            {code
                                .map(|c| {
                                    view! {
                                        <dt>"Error code"</dt>
                                        <dd>
                                            <code>{c}</code>
                                        </dd>
                                    }
                                })}
                            {request_id
                                .map(|id| {
                                    view! {
                                        <dt>"Request ID"</dt>
                                        <dd>
                                            <code>{id}</code>
                                        </dd>
                                    }
                                })}
                        </dl>
                    }
                })}
        </div>
    }
}

/// Fallback for `ErrorBoundary`: Graph errors keep their code and request-id.
#[component]
pub fn ErrorList(errors: ArcRwSignal<Errors>) -> impl IntoView {
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| match error.downcast_ref::<ApiError>() {
                Some(api) => view! { <ErrorPanel error=api.clone() /> }.into_any(),
                None => view! {
                    <div class="error-panel" role="alert">
                        <p class="error-message">{error.to_string()}</p>
                    </div>
                }
                .into_any(),
            })
            .collect_view()
    }
}
