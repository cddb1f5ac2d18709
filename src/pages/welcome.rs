//! What a signed-out visitor sees: what the portal is for, and one button.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::auth::{protocol::Prompt, sign_in, AuthError};
use crate::components::{Alert, SignInNotice};
use crate::config::PortalConfig;
use crate::locale::{t, use_i18n};

#[component]
pub fn Welcome(
    /// Why the visitor is signed out, when there is something to say.
    notice: Option<AuthError>,
) -> impl IntoView {
    let i18n = use_i18n();
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
                set_problem.set(Some(error));
                set_busy.set(false);
            }
        });
    };
    view! {
        <section class="welcome card">
            <h1>{t!(i18n, common.signin.welcome_title)}</h1>
            <p class="lead">{t!(i18n, common.signin.welcome_lead)}</p>
            {move || {
                problem
                    .get()
                    .map(|notice| {
                        view! {
                            <Alert>
                                <p>
                                    <SignInNotice notice />
                                </p>
                            </Alert>
                        }
                    })
            }}
            <button class="button primary" on:click=on_sign_in disabled=move || busy.get()>
                {t!(i18n, common.signin.sign_in)}
            </button>
            <p class="muted small">{t!(i18n, common.signin.welcome_note)}</p>
        </section>
    }
}
