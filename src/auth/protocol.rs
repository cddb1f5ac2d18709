//! The pure half of sign-in: OAuth 2.0 authorization code + PKCE (S256), state and nonce, as the
//! Microsoft identity platform v2.0 endpoints expect from a single-page app. No browser APIs here,
//! so every rule is unit-tested natively.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

mod end_session;
mod handover;
mod redirect_query;
mod scopes;
mod tab_account;

pub use end_session::{logout_hint_of, EndSessionRequest};
pub use handover::hand_over_to;
pub use redirect_query::{
    decide_redirect, parse_redirect_query, RedirectAction, RedirectResult, SILENT_SIGN_IN_ENDED,
};
pub use scopes::{
    merge_scopes, missing_scopes, permission_name, same_permission, scope_status, scopes_beyond,
    split_scopes, ScopeStatus,
};
pub use tab_account::{account_switch, choose_login_hint, AccountSwitch, TabAccount};

/// What must survive the redirect to the authority and back. Kept in sessionStorage only for the
/// round trip and removed on return; it holds no token.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct PendingSignIn {
    pub state: String,
    pub nonce: String,
    pub code_verifier: String,
    /// In-app path to resume after sign-in (never carries a PIN or QR payload).
    pub return_path: String,
    /// The scopes this round trip asks for; the code is redeemed for exactly these. Empty in a
    /// request written by an older build: the configured scopes then apply.
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub purpose: Purpose,
}

/// Why a round trip to the authority was made, which decides what its refusal means.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub enum Purpose {
    /// Signing in (or in again: a reload, a claims challenge, the kiosk).
    #[default]
    SignIn,
    /// Adding scopes for a page, silently (`prompt=none`), as MSAL's `acquireTokenSilent`. If the
    /// authority needs the person (consent, a new sign-in), the tab asks again interactively.
    AddScopesSilently,
    /// Adding scopes with the authority's pages shown (MSAL's `acquireTokenRedirect`).
    AddScopesInteractively,
}

impl Purpose {
    pub fn adds_scopes(self) -> bool {
        matches!(
            self,
            Purpose::AddScopesSilently | Purpose::AddScopesInteractively
        )
    }
}

impl PendingSignIn {
    /// `random` must be 96 bytes from a CSPRNG: 32 each for verifier, state and nonce.
    pub fn from_random(random: &[u8; 96], return_path: &str) -> Self {
        Self {
            code_verifier: URL_SAFE_NO_PAD.encode(&random[..32]),
            state: URL_SAFE_NO_PAD.encode(&random[32..64]),
            nonce: URL_SAFE_NO_PAD.encode(&random[64..]),
            return_path: safe_return_path(return_path),
            scopes: Vec::new(),
            purpose: Purpose::SignIn,
        }
    }

    /// The same request, asking for `scopes` for `purpose`.
    pub fn asking(self, scopes: Vec<String>, purpose: Purpose) -> Self {
        Self {
            scopes,
            purpose,
            ..self
        }
    }

    pub fn code_challenge(&self) -> String {
        pkce_challenge(&self.code_verifier)
    }
}

/// RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))).
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Only same-app absolute paths are resumed; anything else (another origin, `//host`) goes home.
pub fn safe_return_path(path: &str) -> String {
    if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') {
        path.to_string()
    } else {
        "/".to_string()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// Let the authority decide (session cookie or sign-in page).
    Default,
    /// Silent: fail with `login_required` rather than show a page.
    None,
    /// Always ask again (used to answer a claims challenge).
    Login,
}

pub struct AuthorizeRequest<'a> {
    pub authorization_endpoint: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub scopes: &'a [String],
    pub prompt: Prompt,
    pub login_hint: Option<&'a str>,
    pub claims: Option<&'a str>,
}

impl AuthorizeRequest<'_> {
    pub fn url(&self, pending: &PendingSignIn) -> String {
        let mut params: Vec<(&str, String)> = vec![
            ("client_id", self.client_id.to_string()),
            ("response_type", "code".to_string()),
            ("redirect_uri", self.redirect_uri.to_string()),
            ("response_mode", "query".to_string()),
            ("scope", self.scopes.join(" ")),
            ("state", pending.state.clone()),
            ("nonce", pending.nonce.clone()),
            ("code_challenge", pending.code_challenge()),
            ("code_challenge_method", "S256".to_string()),
        ];
        match self.prompt {
            Prompt::Default => {}
            Prompt::None => params.push(("prompt", "none".to_string())),
            Prompt::Login => params.push(("prompt", "login".to_string())),
        }
        if let Some(hint) = self.login_hint {
            params.push(("login_hint", hint.to_string()));
        }
        if let Some(claims) = self.claims {
            params.push(("claims", claims.to_string()));
        }
        format!(
            "{}?{}",
            self.authorization_endpoint,
            encode_form(params.iter().map(|(k, v)| (*k, v.as_str())))
        )
    }
}

/// `application/x-www-form-urlencoded` (also valid as a URL query).
pub fn encode_form<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The parts of the OpenID configuration the portal uses.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct OpenIdConfiguration {
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
    #[serde(default)]
    pub issuer: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    #[serde(default)]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub id_token: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
}

impl TokenResponse {
    /// The scopes granted: the answer's `scope`, else the access token's `scp` claim.
    pub fn granted_scopes(&self) -> Vec<String> {
        match self.scope.as_deref() {
            Some(scope) => split_scopes(scope),
            None => decode_jwt_claims::<AccessTokenClaims>(&self.access_token)
                .ok()
                .and_then(|claims| claims.scp)
                .map(|scp| split_scopes(&scp))
                .unwrap_or_default(),
        }
    }
}

/// `{error, error_description, …}` from the token endpoint.
#[derive(Clone, Debug, Deserialize)]
pub struct TokenErrorResponse {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
    #[serde(default)]
    pub correlation_id: Option<String>,
}

/// Why the sign-in service counts as not working right now (an outage, not a refusal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outage {
    /// It answered with this HTTP status: 5xx, 429, or an error that is not an OAuth answer.
    Status(u16),
    /// It answered "success" with a body that is not a token response.
    Unreadable,
    /// It said so itself (`server_error`, `temporarily_unavailable`).
    Reported,
}

/// What the authority's "no" means for the person: sign in again, or try again later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthorityFailure {
    /// The authority looked at the request (code, refresh token, consent) and refused it.
    Refused {
        error: String,
        description: Option<String>,
    },
    /// The authority is not working right now; the same request may well succeed later.
    Unavailable(Outage),
}

impl AuthorityFailure {
    /// Sorts an OAuth error answer (RFC 6749 4.1.2.1 and 5.2) by its code, never by its text.
    pub fn from_oauth_error(error: String, description: Option<String>) -> Self {
        match error.as_str() {
            "server_error" | "temporarily_unavailable" => {
                AuthorityFailure::Unavailable(Outage::Reported)
            }
            _ => AuthorityFailure::Refused { error, description },
        }
    }
}

/// Reads the token endpoint's answer. A refusal needs an OAuth error body on a 4xx; everything
/// else that is not a token response (5xx, 429, a proxy's page, a cut-off body) is an outage.
pub fn read_token_answer(status: u16, body: &str) -> Result<TokenResponse, AuthorityFailure> {
    if (200..300).contains(&status) {
        return serde_json::from_str(body)
            .map_err(|_| AuthorityFailure::Unavailable(Outage::Unreadable));
    }
    if status == 429 || status >= 500 {
        return Err(AuthorityFailure::Unavailable(Outage::Status(status)));
    }
    match serde_json::from_str::<TokenErrorResponse>(body) {
        Ok(answer) => Err(AuthorityFailure::from_oauth_error(
            answer.error,
            answer.error_description,
        )),
        Err(_) => Err(AuthorityFailure::Unavailable(Outage::Status(status))),
    }
}

/// Identity claims read from the ID token. The signature is not checked here: the token came
/// straight from the token endpoint over TLS (OIDC core 3.1.3.7 allows this for code flow); the
/// nonce is checked to bind it to this sign-in.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct IdTokenClaims {
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub preferred_username: Option<String>,
    /// Entra's optional claim: the value to send back as `login_hint` for this account.
    #[serde(default)]
    pub login_hint: Option<String>,
    #[serde(default)]
    pub oid: Option<String>,
    #[serde(default)]
    pub tid: Option<String>,
}

/// Claims of the Graph access token the portal reads to adapt its UI (roles). Graph itself is the
/// authority on what is allowed; this only hides views that would certainly answer 403.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct AccessTokenClaims {
    #[serde(default)]
    pub scp: Option<String>,
    #[serde(default)]
    pub wids: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum JwtError {
    #[error("the token is not a JWT")]
    Shape,
    #[error("the token's claims are not readable")]
    Claims,
}

pub fn decode_jwt_claims<T: for<'de> Deserialize<'de>>(jwt: &str) -> Result<T, JwtError> {
    let payload = jwt.split('.').nth(1).ok_or(JwtError::Shape)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| JwtError::Shape)?;
    serde_json::from_slice(&bytes).map_err(|_| JwtError::Claims)
}

/// Entra role template ids that may manage other users' authentication methods.
pub const AUTHENTICATION_ADMINISTRATOR: &str = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
pub const PRIVILEGED_AUTHENTICATION_ADMINISTRATOR: &str = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";

impl AccessTokenClaims {
    pub fn is_authentication_admin(&self) -> bool {
        self.wids.iter().any(|w| {
            w.eq_ignore_ascii_case(AUTHENTICATION_ADMINISTRATOR)
                || w.eq_ignore_ascii_case(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR)
        })
    }
}

#[cfg(test)]
#[path = "protocol_tests.rs"]
mod tests;
