//! Sign-in's problems and notices in the person's language: the typed `AuthError` and
//! `AccountSwitch` from `crate::auth`, worded here. The authority's own answer (`Refused`) and the
//! browser's technical reasons are quoted as they came, never translated.

use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::auth::protocol::{AccountSwitch, Outage};
use crate::auth::AuthError;
use crate::locale::{t_string, use_i18n, Locale};

/// The words for a sign-in problem. Call it inside a reactive closure to follow a language switch.
pub fn sign_in_words(i18n: I18nContext<Locale>, error: &AuthError) -> String {
    match error {
        AuthError::Network(detail) => {
            t_string!(i18n, common.signin.network, detail = detail.clone()).to_string()
        }
        AuthError::Unavailable(outage) => t_string!(
            i18n,
            common.signin.unavailable,
            outage = outage_words(i18n, *outage)
        )
        .to_string(),
        AuthError::Discovery(detail) => {
            t_string!(i18n, common.signin.discovery, detail = detail.clone()).to_string()
        }
        AuthError::StateMismatch => t_string!(i18n, common.signin.state_mismatch).to_string(),
        AuthError::NonceMismatch => t_string!(i18n, common.signin.nonce_mismatch).to_string(),
        AuthError::Refused { error, description } => {
            match description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                Some(description) => t_string!(
                    i18n,
                    common.signin.refused,
                    description = description.to_string(),
                    error = error.clone()
                )
                .to_string(),
                None => t_string!(i18n, common.signin.refused_code_only, error = error.clone())
                    .to_string(),
            }
        }
        AuthError::SessionEnded { username } => t_string!(
            i18n,
            common.signin.session_ended,
            username = username.clone()
        )
        .to_string(),
        AuthError::InteractionRequired => {
            t_string!(i18n, common.signin.interaction_required).to_string()
        }
        AuthError::Browser(detail) => {
            t_string!(i18n, common.signin.browser, detail = detail.clone()).to_string()
        }
    }
}

fn outage_words(i18n: I18nContext<Locale>, outage: Outage) -> String {
    match outage {
        Outage::Status(status) => {
            t_string!(i18n, common.signin.outage_status, status = status).to_string()
        }
        Outage::Unreadable => t_string!(i18n, common.signin.outage_unreadable).to_string(),
        Outage::Reported => t_string!(i18n, common.signin.outage_reported).to_string(),
    }
}

/// "You are now signed in as … (this tab was signed in as …)."
pub fn switched_words(i18n: I18nContext<Locale>, switch: &AccountSwitch) -> String {
    t_string!(
        i18n,
        common.signin.switched,
        now = switch.now.clone(),
        before = switch.before.clone()
    )
    .to_string()
}

/// A sign-in problem as text, re-worded when the language changes.
#[component]
pub fn SignInNotice(notice: AuthError) -> impl IntoView {
    let i18n = use_i18n();
    move || sign_in_words(i18n, &notice)
}
