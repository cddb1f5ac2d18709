//! Errors shown to people: what happened, what to do, and the ids support will ask for.

use leptos::prelude::*;

use crate::auth::{protocol::Prompt, sign_in};
use crate::config::PortalConfig;
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
    let graph_said = error.graph_message().map(str::to_string);
    view! {
        <div class="error-panel" role="alert">
            <p class="error-message">{error.to_string()}</p>
            {graph_said
                .map(|said| {
                    view! {
                        <p class="error-graph">"Microsoft Graph said: " <q lang="en">{said}</q></p>
                    }
                })}
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
                Some(ApiError::Auth(_)) => view! { <SignInAgain /> }.into_any(),
                // The page that asked is gone; nobody is there to read it.
                Some(ApiError::Cancelled) => ().into_any(),
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

/// A request that needs a new sign-in: one button, back to the same page afterwards.
#[component]
pub fn SignInAgain(
    #[prop(default = "Your sign-in has expired.")] message: &'static str,
) -> impl IntoView {
    let config = expect_context::<PortalConfig>();
    let on_click = move |_| {
        let config = config.clone();
        leptos::task::spawn_local(async move {
            let here = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_else(|| "/".into());
            let _ = sign_in(&config, Prompt::Default, &here, None).await;
        });
    };
    view! {
        <div class="error-panel" role="alert">
            <p class="error-message">{message}</p>
            <button class="button primary" on:click=on_click>
                "Sign in again"
            </button>
        </div>
    }
}
