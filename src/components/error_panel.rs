//! Errors shown to people: what happened, what to do, and the ids support will ask for. Graph's own message,
//! its code and the request ID are shown as they came; the explanation around them is translated.

use leptos::prelude::*;
use leptos_i18n::I18nContext;

use super::sign_in_words;
use crate::auth::{protocol::Prompt, sign_in};
use crate::config::PortalConfig;
use crate::graph::{ApiError, ErrorKind, RetryNotice};
use crate::locale::{intl, t, t_string, use_i18n, Language, Locale};

/// What an error means, in the person's language. Call it inside a reactive closure.
pub fn error_words(i18n: I18nContext<Locale>, error: &ApiError) -> String {
    let text = match error.kind() {
        ErrorKind::SignInExpired => t_string!(i18n, errors.graph.sign_in_expired),
        ErrorKind::Forbidden => t_string!(i18n, errors.graph.forbidden),
        ErrorKind::NotFound => t_string!(i18n, errors.graph.not_found),
        ErrorKind::Busy => t_string!(i18n, errors.graph.busy),
        ErrorKind::BadRequest => t_string!(i18n, errors.graph.bad_request),
        ErrorKind::GraphProblem => t_string!(i18n, errors.graph.problem),
        ErrorKind::Refused { code } => {
            return t_string!(i18n, errors.graph.refused, code = code.to_string()).to_string()
        }
        ErrorKind::Network => t_string!(i18n, errors.graph.network),
        ErrorKind::SignIn(auth) => return sign_in_words(i18n, auth),
        ErrorKind::Unauthorized => t_string!(i18n, errors.graph.unauthorized),
        ErrorKind::ClaimsChallenge => t_string!(i18n, errors.graph.claims_challenge),
        ErrorKind::Unreadable { detail } => {
            return t_string!(i18n, errors.graph.unreadable, detail = detail.to_string())
                .to_string()
        }
        ErrorKind::Timeout => t_string!(i18n, errors.graph.timeout),
        ErrorKind::Cancelled => t_string!(i18n, errors.graph.cancelled),
    };
    text.to_string()
}

/// The live "retrying" notice while Graph throttles. Call it inside a reactive closure.
pub fn retry_words(i18n: I18nContext<Locale>, notice: RetryNotice) -> String {
    match notice {
        RetryNotice::InAMoment => t_string!(i18n, errors.retrying_in_a_moment).to_string(),
        RetryNotice::InSeconds(seconds) => {
            let language = Language::of(i18n.get_locale());
            let seconds = intl::number(i64::try_from(seconds).unwrap_or(i64::MAX), language);
            t_string!(i18n, errors.retrying_in_seconds, seconds = seconds).to_string()
        }
    }
}

/// The one way to show a problem in words: a `role="alert"` panel styled as `.error-panel`. Put the words in
/// `<p>` elements inside it (`.error-panel p` has no margin). Nothing should write `class="error-panel"` by hand.
#[component]
pub fn Alert(
    children: Children,
    /// Further classes beside `error-panel`, e.g. `kiosk-qr-placeholder`.
    #[prop(optional)]
    extra_class: &'static str,
) -> impl IntoView {
    let class = if extra_class.is_empty() {
        "error-panel".to_string()
    } else {
        format!("{extra_class} error-panel")
    };
    view! {
        <div class=class role="alert">
            {children()}
        </div>
    }
}

#[component]
pub fn ErrorPanel(
    error: ApiError,
    /// What to check in this particular flow, shown under the general message.
    #[prop(default = None)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = error.code().map(str::to_string);
    let request_id = error.request_id().map(str::to_string);
    let graph_said = error.graph_message().map(str::to_string);
    view! {
        <Alert>
            <p class="error-message">{move || error_words(i18n, &error)}</p>
            {graph_said
                .map(|said| {
                    view! {
                        <p class="error-graph">
                            {t!(
                                i18n,
                                errors.graph_said,
                                said = move || said.clone(),
                                <q> = |children: ChildrenFn| view! { <q lang="en">{children()}</q> }
                            )}
                        </p>
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
                                        <dt>{t!(i18n, errors.error_code)}</dt>
                                        <dd>
                                            <code>{c}</code>
                                        </dd>
                                    }
                                })}
                            {request_id
                                .map(|id| {
                                    view! {
                                        <dt>{t!(i18n, errors.request_id)}</dt>
                                        <dd>
                                            <code>{id}</code>
                                        </dd>
                                    }
                                })}
                        </dl>
                    }
                })}
        </Alert>
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
                // Not one of the portal's errors: its own technical description.
                None => view! {
                    <Alert>
                        <p class="error-message">{error.to_string()}</p>
                    </Alert>
                }
                .into_any(),
            })
            .collect_view()
    }
}

/// Why a new sign-in is needed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignInReason {
    /// The sign-in has expired.
    #[default]
    Expired,
    /// The organisation asks for a fresh sign-in before a change (a claims challenge).
    BeforeChange,
}

/// A request that needs a new sign-in: one button, back to the same page afterwards.
#[component]
pub fn SignInAgain(#[prop(optional)] reason: SignInReason) -> impl IntoView {
    let i18n = use_i18n();
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
        <Alert>
            <p class="error-message">
                {move || match reason {
                    SignInReason::Expired => t_string!(i18n, errors.sign_in_expired),
                    SignInReason::BeforeChange => t_string!(i18n, errors.sign_in_required),
                }}
            </p>
            <button class="button primary" on:click=on_click>
                {t!(i18n, errors.sign_in_again)}
            </button>
        </Alert>
    }
}
