//! Server-side sign-in state: browser sessions (behind an HttpOnly cookie), one-time authorization codes and
//! refresh tokens. Kept in memory only: a restarted emulator has a new signing key, so old tokens are void
//! anyway and users simply sign in again.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Utc};

use super::scopes::ScopeRequest;
use crate::ids;

pub const SESSION_COOKIE: &str = "qrbadge_emulator_session";

#[derive(Clone, Debug)]
pub struct BrowserSession {
    pub user_id: String,
    /// When the user last signed in interactively; silent sign-ins keep it (that is what `auth_time` means).
    pub auth_time: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct AuthorizationCode {
    pub user_id: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scopes: ScopeRequest,
    pub nonce: Option<String>,
    pub auth_time: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub wants_client_info: bool,
}

#[derive(Clone, Debug)]
pub struct RefreshGrant {
    pub user_id: String,
    pub client_id: String,
    pub scopes: ScopeRequest,
    pub auth_time: DateTime<Utc>,
    /// Fixed at the first redemption of the authorization code and carried over on every refresh.
    pub horizon: DateTime<Utc>,
}

#[derive(Default)]
struct SignInMaps {
    sessions: HashMap<String, BrowserSession>,
    codes: HashMap<String, AuthorizationCode>,
    refresh_tokens: HashMap<String, RefreshGrant>,
}

#[derive(Default)]
pub struct SignInState {
    maps: Mutex<SignInMaps>,
}

impl SignInState {
    fn lock(&self) -> std::sync::MutexGuard<'_, SignInMaps> {
        self.maps
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn start_session(&self, session: BrowserSession) -> String {
        let cookie = ids::opaque_token(32);
        self.lock().sessions.insert(cookie.clone(), session);
        cookie
    }

    pub fn session(&self, cookie: &str) -> Option<BrowserSession> {
        self.lock().sessions.get(cookie).cloned()
    }

    pub fn end_session(&self, cookie: &str) {
        self.lock().sessions.remove(cookie);
    }

    pub fn issue_code(&self, code: AuthorizationCode, now: DateTime<Utc>) -> String {
        let value = ids::opaque_token(48);
        let mut maps = self.lock();
        maps.codes.retain(|_, existing| existing.expires_at > now);
        maps.codes.insert(value.clone(), code);
        value
    }

    /// Codes are one-time: taking one removes it whether or not the redemption then succeeds.
    pub fn take_code(&self, code: &str) -> Option<AuthorizationCode> {
        self.lock().codes.remove(code)
    }

    pub fn issue_refresh_token(&self, grant: RefreshGrant, now: DateTime<Utc>) -> String {
        let value = ids::opaque_token(48);
        let mut maps = self.lock();
        maps.refresh_tokens
            .retain(|_, existing| existing.horizon > now);
        maps.refresh_tokens.insert(value.clone(), grant);
        value
    }

    pub fn refresh_grant(&self, token: &str) -> Option<RefreshGrant> {
        self.lock().refresh_tokens.get(token).cloned()
    }

    /// Test-control reset: everyone is signed out.
    pub fn clear(&self) {
        *self.lock() = SignInMaps::default();
    }
}

/// Finds our session cookie in a `Cookie` header.
pub fn session_cookie(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
}

pub fn set_session_cookie(value: &str) -> String {
    format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax")
}

pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}
