//! Signing out: forget this tab's tokens and everything the portal kept in its sessionStorage,
//! then end the session at the authority with an OpenID Connect RP-Initiated Logout request
//! (`id_token_hint`, `client_id`, `post_logout_redirect_uri`, and `logout_hint` when the ID token
//! has a `login_hint` claim), so the authority sends the person back to the portal signed out
//! instead of showing its own page, which on a kiosk the next person would see.

use super::protocol::EndSessionRequest;
use super::session::{discover, js_err, navigate_away, session_storage, AuthError, HistoryMode};
use super::tokens;
use crate::browser::SESSION_KEY_PREFIX;
use crate::config::PortalConfig;

/// Forgets the tokens and ends the session at the authority.
pub async fn sign_out(config: &PortalConfig) -> Result<(), AuthError> {
    end_session(config, None, HistoryMode::Push).await
}

/// Forgets everything of the person in this tab (tokens, sign-in markers, a pending action) and
/// ends the session at the authority, coming back to `back_path` (e.g. a kiosk's start screen).
///
/// Other open tabs of the portal are not signed out at once. Each tab holds its own tokens in
/// its own memory and its own markers in its own sessionStorage; this forgets only this tab's.
/// Ending the authority's session does not revoke refresh tokens already issued, so another tab
/// keeps working, renewing its access token with its refresh token, until that token's fixed
/// lifetime (24 hours for a single-page app) runs out or the tab is reloaded. Then its silent
/// sign-in for its account finds no session, and it shows the welcome page saying the sign-in
/// as that account has ended.
pub async fn end_session(
    config: &PortalConfig,
    back_path: Option<&str>,
    history: HistoryMode,
) -> Result<(), AuthError> {
    let id_token = tokens::take_id_token();
    forget_this_tab(&session_storage()?)?;
    let discovery = discover(config).await?;
    let home = config
        .auth
        .post_logout_redirect_uri
        .as_deref()
        .unwrap_or(&config.auth.redirect_uri);
    let back = match back_path {
        Some(path) => format!("{}{}", home.trim_end_matches('/'), path),
        None => home.to_string(),
    };
    let target = match discovery.end_session_endpoint.as_deref() {
        Some(end_session_endpoint) => EndSessionRequest {
            end_session_endpoint,
            client_id: &config.auth.client_id,
            post_logout_redirect_uri: &back,
            id_token: id_token.as_deref(),
        }
        .url(),
        None => back,
    };
    navigate_away(&target, history)
}

/// Removes every sessionStorage entry the portal wrote: they all start with
/// [`SESSION_KEY_PREFIX`] (`browser::session_key!`). That is the sign-in markers, the account, the
/// extra scopes, a pending sign-in, and whatever any other module kept in the tab; the sign-in
/// module names none of the other modules' keys.
fn forget_this_tab(storage: &web_sys::Storage) -> Result<(), AuthError> {
    let length = storage.length().map_err(js_err)?;
    let ours: Vec<String> = (0..length)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(SESSION_KEY_PREFIX))
        .collect();
    for key in ours {
        storage.remove_item(&key).map_err(js_err)?;
    }
    Ok(())
}
