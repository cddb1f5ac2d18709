//! The browser half of sign-in: starting a sign-in, the token endpoint and what this tab remembers
//! between page loads. Finishing a redirect is in `redirect.rs`, adding scopes for a page in
//! `scopes.rs`, signing out in `sign_out.rs`.

use std::cell::RefCell;

use gloo_net::http::Request;
use wasm_bindgen::JsValue;

use super::protocol::{
    merge_scopes, read_token_answer, AuthorityFailure, AuthorizeRequest, OpenIdConfiguration,
    Outage, PendingSignIn, Prompt, Purpose, TabAccount, TokenResponse,
};
use crate::browser::session_key;
use crate::config::PortalConfig;

pub(super) const PENDING_KEY: &str = session_key!("signin.pending");
/// A non-secret marker that this tab had a session, so a reload tries a silent sign-in.
pub(super) const HAD_SESSION_KEY: &str = session_key!("signin.had-session");
/// The account this tab had (`TabAccount`: a username and hint, never a token), so a reload
/// asks for that account and not whoever signed in last in another tab.
pub(super) const ACCOUNT_KEY: &str = session_key!("signin.account");
/// The scopes this tab asked for beyond the sign-in scopes (names, not secrets), so a reload's
/// silent sign-in asks for them again and the page that needed them needs no new round trip.
pub(super) const EXTRA_SCOPES_KEY: &str = session_key!("signin.extra-scopes");

/// A bearer token for Graph; `Debug` is redacted so it can never reach a log by accident.
#[derive(Clone)]
pub struct AccessToken(pub(crate) String);

impl AccessToken {
    pub fn header_value(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessToken(…)")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    pub name: String,
    pub username: String,
    pub is_authentication_admin: bool,
    pub granted_scopes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AuthState {
    /// Reading the redirect or waiting for the authority.
    Starting,
    SignedOut {
        /// Why, when there is something to say (the view words it).
        notice: Option<AuthError>,
    },
    SignedIn(Account),
}

/// Every way sign-in can fail. The view words each one in the person's language
/// (`components::SignInNotice`); the data is what the words need. An outage (`Network`,
/// `Unavailable`) is worded as one: nothing is wrong with the account and trying again later
/// helps; only `Refused` says no.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum AuthError {
    /// The authority could not be reached; the browser's own technical reason.
    #[error("sign-in service unreachable ({0})")]
    Network(String),
    #[error("sign-in service unavailable ({0:?})")]
    Unavailable(Outage),
    /// The OpenID configuration could not be read; a technical reason.
    #[error("sign-in configuration unreadable ({0})")]
    Discovery(String),
    #[error("sign-in response state mismatch")]
    StateMismatch,
    #[error("sign-in response nonce mismatch")]
    NonceMismatch,
    /// Only ever built from the authority's own answer: the token endpoint's, or a redirect
    /// whose `state` this tab sent. Its words are attributed to it, never the portal's.
    #[error("sign-in refused ({error})")]
    Refused {
        error: String,
        description: Option<String>,
    },
    #[error("sign-in session ended ({username})")]
    SessionEnded { username: String },
    #[error("sign-in interaction required")]
    InteractionRequired,
    /// A browser API failed; a technical reason.
    #[error("sign-in blocked by the browser ({0})")]
    Browser(String),
}

impl From<AuthorityFailure> for AuthError {
    fn from(failure: AuthorityFailure) -> Self {
        match failure {
            AuthorityFailure::Refused { error, description } => {
                AuthError::Refused { error, description }
            }
            AuthorityFailure::Unavailable(outage) => AuthError::Unavailable(outage),
        }
    }
}

pub(super) fn js_err(value: JsValue) -> AuthError {
    AuthError::Browser(value.as_string().unwrap_or_else(|| "unknown error".into()))
}

thread_local! {
    static DISCOVERY: RefCell<Option<OpenIdConfiguration>> = const { RefCell::new(None) };
}

pub(super) async fn discover(config: &PortalConfig) -> Result<OpenIdConfiguration, AuthError> {
    if let Some(found) = DISCOVERY.with(|d| d.borrow().clone()) {
        return Ok(found);
    }
    let url = format!(
        "{}/v2.0/.well-known/openid-configuration",
        config.auth.authority.trim_end_matches('/')
    );
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| AuthError::Network(e.to_string()))?;
    match response.status() {
        200..=299 => {}
        status @ (429 | 500..) => return Err(AuthError::Unavailable(Outage::Status(status))),
        status => return Err(AuthError::Discovery(format!("HTTP {status}"))),
    }
    let found: OpenIdConfiguration = response
        .json()
        .await
        .map_err(|e| AuthError::Discovery(e.to_string()))?;
    DISCOVERY.with(|d| *d.borrow_mut() = Some(found.clone()));
    Ok(found)
}

pub(super) fn session_storage() -> Result<web_sys::Storage, AuthError> {
    web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .ok_or_else(|| AuthError::Browser("session storage is unavailable".into()))
}

/// The account this tab had; a missing or unreadable entry is no account.
pub(super) fn stored_account(storage: &web_sys::Storage) -> Option<TabAccount> {
    let raw = storage.get_item(ACCOUNT_KEY).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

/// Remembers that this tab is signed in, and as whom (when the ID token said).
pub(super) fn remember_account(
    storage: &web_sys::Storage,
    account: Option<&TabAccount>,
) -> Result<(), AuthError> {
    storage.set_item(HAD_SESSION_KEY, "1").map_err(js_err)?;
    match account.map(serde_json::to_string) {
        Some(Ok(json)) => storage.set_item(ACCOUNT_KEY, &json).map_err(js_err),
        _ => storage.remove_item(ACCOUNT_KEY).map_err(js_err),
    }
}

/// Forgets that this tab was signed in; returns the account it had.
pub(super) fn forget_account(storage: &web_sys::Storage) -> Result<Option<TabAccount>, AuthError> {
    let had = stored_account(storage);
    for key in [HAD_SESSION_KEY, ACCOUNT_KEY, EXTRA_SCOPES_KEY] {
        storage.remove_item(key).map_err(js_err)?;
    }
    Ok(had)
}

/// The extra scopes this tab asked for; a missing or unreadable entry is none.
pub(super) fn stored_extra_scopes(storage: &web_sys::Storage) -> Vec<String> {
    storage
        .get_item(EXTRA_SCOPES_KEY)
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default()
}

pub(super) fn remember_extra_scopes(
    storage: &web_sys::Storage,
    extra: &[String],
) -> Result<(), AuthError> {
    if extra.is_empty() {
        return storage.remove_item(EXTRA_SCOPES_KEY).map_err(js_err);
    }
    let json = serde_json::to_string(extra).map_err(|e| AuthError::Browser(e.to_string()))?;
    storage.set_item(EXTRA_SCOPES_KEY, &json).map_err(js_err)
}

/// What a sign-in asks for: the configured sign-in scopes and every extra scope this tab asked for.
pub(super) fn sign_in_scopes(config: &PortalConfig, storage: &web_sys::Storage) -> Vec<String> {
    merge_scopes(&config.auth.scopes, &stored_extra_scopes(storage))
}

fn random_96() -> Result<[u8; 96], AuthError> {
    let mut bytes = [0u8; 96];
    let crypto = web_sys::window()
        .ok_or_else(|| AuthError::Browser("no window".into()))?
        .crypto()
        .map_err(js_err)?;
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(js_err)?;
    Ok(bytes)
}

/// How a redirect treats the browser history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// A normal navigation (Back returns to the page before).
    Push,
    /// Replaces the current entry: a shared kiosk leaves nothing to go back to.
    Replace,
}

/// Redirects the whole page to the authority. `claims` answers a claims challenge.
pub async fn sign_in(
    config: &PortalConfig,
    prompt: Prompt,
    return_path: &str,
    claims: Option<&str>,
) -> Result<(), AuthError> {
    sign_in_with(config, prompt, return_path, claims, HistoryMode::Push).await
}

/// Like `sign_in`, choosing how history is treated. When this tab is (or was) signed in, the
/// request carries its account as `login_hint`: the authority's session cookie is shared by
/// every tab, so without it a silent sign-in would return whoever signed in last anywhere.
pub async fn sign_in_with(
    config: &PortalConfig,
    prompt: Prompt,
    return_path: &str,
    claims: Option<&str>,
    history: HistoryMode,
) -> Result<(), AuthError> {
    let scopes = sign_in_scopes(config, &session_storage()?);
    RoundTrip {
        prompt,
        return_path,
        claims,
        history,
        scopes,
        purpose: Purpose::SignIn,
    }
    .start(config)
    .await
}

/// One authorization request and what must survive it.
pub(super) struct RoundTrip<'a> {
    pub prompt: Prompt,
    pub return_path: &'a str,
    pub claims: Option<&'a str>,
    pub history: HistoryMode,
    pub scopes: Vec<String>,
    pub purpose: Purpose,
}

impl RoundTrip<'_> {
    /// Keeps the one-shot request in sessionStorage and sends the page to the authority.
    pub(super) async fn start(self, config: &PortalConfig) -> Result<(), AuthError> {
        let discovery = discover(config).await?;
        let storage = session_storage()?;
        let account = stored_account(&storage);
        let pending = PendingSignIn::from_random(&random_96()?, self.return_path)
            .asking(self.scopes, self.purpose);
        let url = AuthorizeRequest {
            authorization_endpoint: &discovery.authorization_endpoint,
            client_id: &config.auth.client_id,
            redirect_uri: &config.auth.redirect_uri,
            scopes: &pending.scopes,
            prompt: self.prompt,
            login_hint: account.as_ref().map(|a| a.login_hint.as_str()),
            claims: self.claims,
        }
        .url(&pending);
        let json =
            serde_json::to_string(&pending).map_err(|e| AuthError::Browser(e.to_string()))?;
        storage.set_item(PENDING_KEY, &json).map_err(js_err)?;
        navigate_away(&url, self.history)
    }
}

pub(super) fn navigate_away(url: &str, history: HistoryMode) -> Result<(), AuthError> {
    let location = location()?;
    match history {
        HistoryMode::Push => location.assign(url),
        HistoryMode::Replace => location.replace(url),
    }
    .map_err(js_err)
}

pub(super) fn location() -> Result<web_sys::Location, AuthError> {
    web_sys::window()
        .map(|w| w.location())
        .ok_or_else(|| AuthError::Browser("no window".into()))
}

/// Sends a token request. Failing to reach the endpoint, 5xx, 429 and unreadable answers are
/// outages (`Network`, `Unavailable`); only an OAuth error answer is a refusal (`Refused`).
pub(super) async fn post_token(endpoint: &str, body: String) -> Result<TokenResponse, AuthError> {
    // A CORS "simple request" (form body, no custom headers), as MSAL sends it: no preflight.
    let response = Request::post(endpoint)
        .header(
            "content-type",
            "application/x-www-form-urlencoded;charset=utf-8",
        )
        .body(body)
        .map_err(|e| AuthError::Browser(e.to_string()))?
        .send()
        .await
        .map_err(|e| AuthError::Network(e.to_string()))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| AuthError::Network(e.to_string()))?;
    Ok(read_token_answer(status, &text)?)
}

#[cfg(test)]
mod tests {
    use super::{HAD_SESSION_KEY, PENDING_KEY};

    /// `public/startup-language.js` decides before the first paint whether the home page will be the
    /// welcome page, by the same markers `auth::redirect` resumes a session by: it must name them.
    #[test]
    fn the_start_up_script_reads_the_markers_a_session_is_resumed_by() {
        let script = include_str!("../../public/startup-language.js");
        for key in [HAD_SESSION_KEY, PENDING_KEY] {
            assert!(script.contains(&format!("'{key}'")), "{key}");
        }
    }
}
