//! The browser half of sign-in: redirects, the token endpoint, and the signed-in account.

use std::cell::RefCell;

use gloo_net::http::Request;
use wasm_bindgen::JsValue;

use super::protocol::{
    decode_jwt_claims, encode_form, parse_redirect_query, AccessTokenClaims, AuthorizeRequest,
    IdTokenClaims, OpenIdConfiguration, PendingSignIn, Prompt, RedirectResult, TokenErrorResponse,
    TokenResponse,
};
use super::tokens;
use crate::config::PortalConfig;

const PENDING_KEY: &str = "qrbadge.signin.pending";
/// A non-secret marker that this tab had a session, so a reload tries a silent sign-in.
const HAD_SESSION_KEY: &str = "qrbadge.signin.had-session";

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
        notice: Option<String>,
    },
    SignedIn(Account),
}

#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum AuthError {
    #[error(
        "The sign-in service could not be reached ({0}). Check your connection and try again."
    )]
    Network(String),
    #[error("The sign-in service's configuration could not be read ({0}).")]
    Discovery(String),
    #[error(
        "This sign-in response does not belong to a sign-in started here. Please sign in again."
    )]
    StateMismatch,
    #[error("The sign-in response failed a security check (nonce). Please sign in again.")]
    NonceMismatch,
    #[error("Sign-in was refused: {description} ({error}).")]
    Token { error: String, description: String },
    #[error("Please sign in again to continue.")]
    InteractionRequired,
    #[error("The browser blocked a step of sign-in ({0}).")]
    Browser(String),
}

fn js_err(value: JsValue) -> AuthError {
    AuthError::Browser(value.as_string().unwrap_or_else(|| "unknown error".into()))
}

thread_local! {
    static DISCOVERY: RefCell<Option<OpenIdConfiguration>> = const { RefCell::new(None) };
}

async fn discover(config: &PortalConfig) -> Result<OpenIdConfiguration, AuthError> {
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
    if !response.ok() {
        return Err(AuthError::Discovery(format!("HTTP {}", response.status())));
    }
    let found: OpenIdConfiguration = response
        .json()
        .await
        .map_err(|e| AuthError::Discovery(e.to_string()))?;
    DISCOVERY.with(|d| *d.borrow_mut() = Some(found.clone()));
    Ok(found)
}

fn session_storage() -> Result<web_sys::Storage, AuthError> {
    web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .ok_or_else(|| AuthError::Browser("session storage is unavailable".into()))
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

pub async fn sign_in_with(
    config: &PortalConfig,
    prompt: Prompt,
    return_path: &str,
    claims: Option<&str>,
    history: HistoryMode,
) -> Result<(), AuthError> {
    let discovery = discover(config).await?;
    let pending = PendingSignIn::from_random(&random_96()?, return_path);
    let url = AuthorizeRequest {
        authorization_endpoint: &discovery.authorization_endpoint,
        client_id: &config.auth.client_id,
        redirect_uri: &config.auth.redirect_uri,
        scopes: &config.auth.scopes,
        prompt,
        login_hint: None,
        claims,
    }
    .url(&pending);
    let json = serde_json::to_string(&pending).map_err(|e| AuthError::Browser(e.to_string()))?;
    session_storage()?
        .set_item(PENDING_KEY, &json)
        .map_err(js_err)?;
    navigate_away(&url, history)
}

fn navigate_away(url: &str, history: HistoryMode) -> Result<(), AuthError> {
    let location = location()?;
    match history {
        HistoryMode::Push => location.assign(url),
        HistoryMode::Replace => location.replace(url),
    }
    .map_err(js_err)
}

fn location() -> Result<web_sys::Location, AuthError> {
    web_sys::window()
        .map(|w| w.location())
        .ok_or_else(|| AuthError::Browser("no window".into()))
}

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
    let text = response
        .text()
        .await
        .map_err(|e| AuthError::Network(e.to_string()))?;
    if response.ok() {
        serde_json::from_str(&text).map_err(|e| AuthError::Discovery(e.to_string()))
    } else {
        let err: TokenErrorResponse =
            serde_json::from_str(&text).unwrap_or_else(|_| TokenErrorResponse {
                error: format!("http_{}", response.status()),
                error_description: None,
                correlation_id: None,
            });
        Err(AuthError::Token {
            description: err
                .error_description
                .unwrap_or_else(|| "no description".into()),
            error: err.error,
        })
    }
}

fn account_from(response: &TokenResponse, id: &IdTokenClaims) -> Account {
    let access: AccessTokenClaims = decode_jwt_claims(&response.access_token).unwrap_or_default();
    Account {
        name: id.name.clone().unwrap_or_default(),
        username: id.preferred_username.clone().unwrap_or_default(),
        is_authentication_admin: access.is_authentication_admin(),
        granted_scopes: response
            .scope
            .as_deref()
            .or(access.scp.as_deref())
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    }
}

/// Runs once at start-up: finishes a redirect from the authority, or silently resumes a session
/// this tab had before a reload, or reports that nobody is signed in.
pub async fn complete_or_resume(config: &PortalConfig) -> Result<AuthState, AuthError> {
    let location = location()?;
    let query = location.search().map_err(js_err)?;
    let storage = session_storage()?;
    match parse_redirect_query(&query) {
        RedirectResult::Code { code, state } => {
            let pending = take_pending(&storage)?.ok_or(AuthError::StateMismatch)?;
            if pending.state != state {
                return Err(AuthError::StateMismatch);
            }
            let discovery = discover(config).await?;
            let scopes = config.auth.scopes.join(" ");
            let body = encode_form([
                ("client_id", config.auth.client_id.as_str()),
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", config.auth.redirect_uri.as_str()),
                ("code_verifier", pending.code_verifier.as_str()),
                ("scope", scopes.as_str()),
            ]);
            let response = post_token(&discovery.token_endpoint, body).await?;
            let id_claims: IdTokenClaims = response
                .id_token
                .as_deref()
                .map(decode_jwt_claims)
                .transpose()
                .map_err(|_| AuthError::NonceMismatch)?
                .unwrap_or_default();
            if id_claims.nonce.as_deref() != Some(pending.nonce.as_str()) {
                return Err(AuthError::NonceMismatch);
            }
            tokens::store(&response, &discovery.token_endpoint);
            storage.set_item(HAD_SESSION_KEY, "1").map_err(js_err)?;
            replace_url(&pending.return_path)?;
            Ok(AuthState::SignedIn(account_from(&response, &id_claims)))
        }
        RedirectResult::Error {
            error, description, ..
        } => {
            take_pending(&storage)?;
            let path = location.pathname().map_err(js_err)?;
            replace_url(&path)?;
            if error == "login_required" || error == "interaction_required" {
                storage.remove_item(HAD_SESSION_KEY).map_err(js_err)?;
                return Ok(AuthState::SignedOut { notice: None });
            }
            Err(AuthError::Token {
                error,
                description: description.unwrap_or_else(|| "no description".into()),
            })
        }
        RedirectResult::NotARedirect => {
            if storage.get_item(HAD_SESSION_KEY).map_err(js_err)?.is_some() {
                let here = format!(
                    "{}{}",
                    location.pathname().map_err(js_err)?,
                    location.search().map_err(js_err)?
                );
                sign_in(config, Prompt::None, &here, None).await?;
                return Ok(AuthState::Starting);
            }
            Ok(AuthState::SignedOut { notice: None })
        }
    }
}

fn take_pending(storage: &web_sys::Storage) -> Result<Option<PendingSignIn>, AuthError> {
    let raw = storage.get_item(PENDING_KEY).map_err(js_err)?;
    storage.remove_item(PENDING_KEY).map_err(js_err)?;
    Ok(raw.and_then(|json| serde_json::from_str(&json).ok()))
}

fn replace_url(path: &str) -> Result<(), AuthError> {
    let history = web_sys::window()
        .ok_or_else(|| AuthError::Browser("no window".into()))?
        .history()
        .map_err(js_err)?;
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .map_err(js_err)
}

/// Forgets the tokens and ends the session at the authority.
pub async fn sign_out(config: &PortalConfig) -> Result<(), AuthError> {
    end_session(config, None, HistoryMode::Push).await
}

/// Forgets everything of the person in this tab (tokens, sign-in markers, a pending action) and
/// ends the session at the authority, coming back to `back_path` (e.g. a kiosk's start screen).
pub async fn end_session(
    config: &PortalConfig,
    back_path: Option<&str>,
    history: HistoryMode,
) -> Result<(), AuthError> {
    tokens::clear();
    let storage = session_storage()?;
    for key in [HAD_SESSION_KEY, PENDING_KEY, crate::resume::RESUME_KEY] {
        storage.remove_item(key).map_err(js_err)?;
    }
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
    let target = match discovery.end_session_endpoint {
        Some(end) => format!(
            "{end}?{}",
            encode_form([("post_logout_redirect_uri", back.as_str())])
        ),
        None => back,
    };
    navigate_away(&target, history)
}
