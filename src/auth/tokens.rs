//! The in-memory token cache and silent renewal.

use std::cell::RefCell;

use super::protocol::{encode_form, TokenResponse};
use super::session::{post_token, AccessToken, AuthError};
use crate::config::PortalConfig;

/// Renew this long before expiry, as MSAL's `tokenRenewalOffsetSeconds` does.
const RENEWAL_OFFSET_MS: f64 = 300_000.0;

#[derive(Clone)]
pub(super) struct TokenSet {
    pub access_token: String,
    pub expires_at_ms: f64,
    pub refresh_token: Option<String>,
    pub token_endpoint: String,
}

thread_local! {
    // Memory only: never localStorage/sessionStorage, never a signal a view could render.
    static TOKENS: RefCell<Option<TokenSet>> = const { RefCell::new(None) };
}

pub(super) fn store(response: &TokenResponse, token_endpoint: &str) {
    let lifetime_ms = response.expires_in.unwrap_or(3600) as f64 * 1000.0;
    TOKENS.with(|t| {
        *t.borrow_mut() = Some(TokenSet {
            access_token: response.access_token.clone(),
            expires_at_ms: js_sys::Date::now() + lifetime_ms,
            refresh_token: response.refresh_token.clone(),
            token_endpoint: token_endpoint.to_string(),
        })
    });
}

pub(super) fn clear() {
    TOKENS.with(|t| t.borrow_mut().take());
}

/// A valid access token for Graph, renewed with the refresh token when it is about to expire.
/// `AuthError::InteractionRequired` means the user has to sign in again (e.g. the 24-hour SPA
/// refresh-token horizon has passed).
pub async fn access_token(config: &PortalConfig) -> Result<AccessToken, AuthError> {
    let current = TOKENS.with(|t| t.borrow().clone());
    let Some(tokens) = current else {
        return Err(AuthError::InteractionRequired);
    };
    if tokens.expires_at_ms - RENEWAL_OFFSET_MS > js_sys::Date::now() {
        return Ok(AccessToken(tokens.access_token));
    }
    renew(config, tokens).await
}

/// Renews the access token now, whatever its expiry says: Graph rejected it (revoked, or the
/// service's clock disagrees with this device's).
pub async fn renew_access_token(config: &PortalConfig) -> Result<AccessToken, AuthError> {
    let current = TOKENS.with(|t| t.borrow().clone());
    match current {
        Some(tokens) => renew(config, tokens).await,
        None => Err(AuthError::InteractionRequired),
    }
}

async fn renew(config: &PortalConfig, tokens: TokenSet) -> Result<AccessToken, AuthError> {
    let Some(refresh_token) = tokens.refresh_token.as_deref() else {
        return Err(AuthError::InteractionRequired);
    };
    let scopes = config.auth.scopes.join(" ");
    let body = encode_form([
        ("client_id", config.auth.client_id.as_str()),
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
        ("scope", scopes.as_str()),
    ]);
    match post_token(&tokens.token_endpoint, body).await {
        Ok(response) => {
            store(&response, &tokens.token_endpoint);
            Ok(AccessToken(response.access_token))
        }
        // A refused refresh token (past its horizon, revoked) needs a new sign-in; an outage does
        // not, so the tokens are kept for the next try and the outage is reported as one.
        Err(AuthError::Refused { .. }) => {
            clear();
            Err(AuthError::InteractionRequired)
        }
        Err(other) => Err(other),
    }
}
