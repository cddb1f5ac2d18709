use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use super::LanguageSwitcher;
use crate::auth::{sign_out, AuthState};
use crate::config::PortalConfig;
use crate::kiosk::session::is_kiosk_path;
use crate::locale::{t, use_i18n};
use crate::routes::link_rel;

#[component]
pub fn AppHeader(auth: RwSignal<AuthState>) -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<PortalConfig>();
    let org = config.organization_name().map(str::to_string);
    // The kiosk, a shared screen, has its own menu that remembers nothing (`pages::kiosk`); a
    // remembering one must not be on that page, even hidden.
    let location = use_location();
    let on_kiosk = move || is_kiosk_path(&location.pathname.get());
    let account = move || match auth.get() {
        AuthState::SignedIn(account) => Some(account),
        _ => None,
    };
    let on_sign_out = move |_| {
        let config = config.clone();
        spawn_local(async move {
            if let Err(error) = sign_out(&config).await {
                auth.set(AuthState::SignedOut {
                    notice: Some(error),
                });
            }
        });
    };
    view! {
        <header class="app-header">
            <a class="brand" href="/" rel=link_rel("/")>
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name">"qrbadge"</span>
                <span class="brand-org">
                    {match org {
                        Some(org) => org.into_any(),
                        None => t!(i18n, common.organisation_fallback).into_any(),
                    }}
                </span>
            </a>
            <div class="account">
                {move || (!on_kiosk()).then(|| view! { <LanguageSwitcher remember_choice=true /> })}
                {move || {
                    account()
                        .map(|account| {
                            view! {
                                {account
                                    .is_authentication_admin
                                    .then(|| {
                                        view! {
                                            <a class="header-link" href="/admin" rel=link_rel("/admin")>
                                                {t!(i18n, common.administration)}
                                            </a>
                                        }
                                    })}
                                <bdi class="account-name">{account.name.clone()}</bdi>
                                <bdi class="account-username">{account.username.clone()}</bdi>
                                <button class="button secondary" on:click=on_sign_out.clone()>
                                    {t!(i18n, common.sign_out)}
                                </button>
                            }
                        })
                }}
            </div>
        </header>
    }
}
