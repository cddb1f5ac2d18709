//! What a signed-out visitor sees: what the portal is for, and one button.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::auth::{protocol::Prompt, sign_in};
use crate::config::PortalConfig;

#[component]
pub fn Welcome(
    /// Why the visitor is signed out, when there is something to say.
    notice: Option<String>,
) -> impl IntoView {
    let config = expect_context::<PortalConfig>();
    let (problem, set_problem) = signal(notice);
    let (busy, set_busy) = signal(false);
    let on_sign_in = move |_| {
        let config = config.clone();
        set_busy.set(true);
        spawn_local(async move {
            let here = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_else(|| "/".into());
            if let Err(error) = sign_in(&config, Prompt::Default, &here, None).await {
                set_problem.set(Some(error.to_string()));
                set_busy.set(false);
            }
        });
    };
    view! {
        <section class="welcome card">
            <h1>"Your badge sign-in, in one place"</h1>
            <p class="lead">
                "See your badge QR code, get a temporary code when you forgot your badge, and change your PIN."
            </p>
            {move || {
                problem
                    .get()
                    .map(|p| {
                        view! {
                            <p class="error-panel" role="alert">
                                {p}
                            </p>
                        }
                    })
            }}
            <button class="button primary" on:click=on_sign_in disabled=move || busy.get()>
                "Sign in"
            </button>
            <p class="muted small">
                "You sign in with your work account. QR code + PIN sign-in itself works on shared phones and tablets, not in desktop browsers."
            </p>
        </section>
    }
}
