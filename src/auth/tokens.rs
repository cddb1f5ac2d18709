//! The in-memory token cache and silent renewal. The ID token is kept here too, for sign-out's
//! `id_token_hint`: memory only, like every token.

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
    pub id_token: Option<String>,
    /// What the authority granted (its answer's `scope`, else the access token's `scp`).
    pub granted: Vec<String>,
    /// What the sign-in asked for; a renewal asks for the same, so it keeps every scope added.
    pub requested: Vec<String>,
}

thread_local! {
    // Memory only: never localStorage/sessionStorage, never a signal a view could render.
    static TOKENS: RefCell<Option<TokenSet>> = const { RefCell::new(None) };
}

/// Keeps a token answer. A renewal's answer may carry no ID token: the sign-in's is kept then.
pub(super) fn store(response: &TokenResponse, token_endpoint: &str, requested: &[String]) {
    let lifetime_ms = response.expires_in.unwrap_or(3600) as f64 * 1000.0;
    TOKENS.with(|t| {
        let mut cell = t.borrow_mut();
        let earlier_id_token = cell.as_ref().and_then(|set| set.id_token.clone());
        *cell = Some(TokenSet {
            access_token: response.access_token.clone(),
            expires_at_ms: js_sys::Date::now() + lifetime_ms,
            refresh_token: response.refresh_token.clone(),
            token_endpoint: token_endpoint.to_string(),
            id_token: response.id_token.clone().or(earlier_id_token),
            granted: response.granted_scopes(),
            requested: requested.to_vec(),
        })
    });
}

pub(super) fn clear() {
    TOKENS.with(|t| t.borrow_mut().take());
}

/// Forgets the tokens and hands back the ID token, for the sign-out request's `id_token_hint`.
pub(super) fn take_id_token() -> Option<String> {
    TOKENS
        .with(|t| t.borrow_mut().take())
        .and_then(|set| set.id_token)
}

/// The scopes the current access token was granted; `None` when signed out.
pub(super) fn granted_scopes() -> Option<Vec<String>> {
    TOKENS.with(|t| t.borrow().as_ref().map(|set| set.granted.clone()))
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
    let requested = if tokens.requested.is_empty() {
        config.auth.scopes.clone()
    } else {
        tokens.requested.clone()
    };
    let scopes = requested.join(" ");
    let body = encode_form([
        ("client_id", config.auth.client_id.as_str()),
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
        ("scope", scopes.as_str()),
    ]);
    match post_token(&tokens.token_endpoint, body).await {
        Ok(response) => {
            store(&response, &tokens.token_endpoint, &requested);
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
