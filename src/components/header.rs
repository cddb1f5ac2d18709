use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::auth::{sign_out, AuthState};
use crate::config::PortalConfig;

#[component]
pub fn AppHeader(auth: RwSignal<AuthState>) -> impl IntoView {
    let config = expect_context::<PortalConfig>();
    let org = config.organization_name().to_string();
    let account = move || match auth.get() {
        AuthState::SignedIn(account) => Some(account),
        _ => None,
    };
    let on_sign_out = move |_| {
        let config = config.clone();
        spawn_local(async move {
            if let Err(error) = sign_out(&config).await {
                auth.set(AuthState::SignedOut {
                    notice: Some(error.to_string()),
                });
            }
        });
    };
    view! {
        <header class="app-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name">"qrbadge"</span>
                <span class="brand-org">{org}</span>
            </a>
            {move || {
                account()
                    .map(|account| {
                        view! {
                            <div class="account">
                                {account
                                    .is_authentication_admin
                                    .then(|| {
                                        view! {
                                            <a class="header-link" href="/admin">
                                                "Administration"
                                            </a>
                                        }
                                    })} <bdi class="account-name">{account.name.clone()}</bdi>
                                <bdi class="account-username">{account.username.clone()}</bdi>
                                <button class="button secondary" on:click=on_sign_out.clone()>
                                    "Sign out"
                                </button>
                            </div>
                        }
                    })
            }}
        </header>
    }
}
