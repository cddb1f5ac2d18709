//! `/{tenant}/oauth2/v2.0/logout`: OpenID Connect RP-Initiated Logout 1.0, validated the way Entra
//! validates it.
//!
//! - `post_logout_redirect_uri` is honoured only when it is a registered address of the client and the
//!   request says which client it comes from: an `id_token_hint` whose signature, issuer and audience
//!   hold (an expired one is fine, as the specification allows), or a `client_id`. When both are given,
//!   the hint's audience must be that `client_id`.
//! - A hint or client id that does not check out is refused with an error page: nothing is redirected
//!   and the session is kept.
//! - A request that names no client (or no return address) ends the session and shows a neutral
//!   "You signed out" page instead of redirecting.
//! - Entra asks which account to sign out unless `logout_hint` names the signed-in account; so does the
//!   emulator, unless it runs with `--strict-logout` (a plain RP-Initiated Logout provider, which
//!   knows no `logout_hint`).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::jwt::UnverifiedJwt;
use super::sessions::{clear_session_cookie, session_cookie};
use super::signin_page::{error_page, sign_out_picker_page, signed_out_page};
use crate::app::{AppState, Emulator};
use crate::http::request_origin;

/// Why a sign-out request is refused outright (an error page, no redirect).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LogoutRefusal {
    #[error("The id_token_hint is not a token issued by this tenant ({0}).")]
    InvalidHint(&'static str),
    #[error(
        "The id_token_hint was issued to application '{hint_audience}', not to '{client_id}'."
    )]
    HintForAnotherClient {
        hint_audience: String,
        client_id: String,
    },
    #[error("Application with identifier '{0}' was not found in the directory.")]
    UnknownClient(String),
}

impl LogoutRefusal {
    fn code(&self) -> u32 {
        match self {
            // The emulator's choice: Entra documents no code for these two.
            LogoutRefusal::InvalidHint(_) | LogoutRefusal::HintForAnotherClient { .. } => 50000,
            LogoutRefusal::UnknownClient(_) => 700016,
        }
    }

    fn page(&self) -> Response {
        error_page(StatusCode::BAD_REQUEST, self.code(), &self.to_string())
    }
}

/// A sign-out request whose hint and client id checked out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CheckedLogout {
    /// Where to send the browser: only when the client is identified and the address is registered.
    pub return_to: Option<String>,
    /// The user `logout_hint` names (Entra mode only), resolved to a directory object id.
    pub logout_hint_user: Option<String>,
}

/// Checks `id_token_hint`, `client_id` and `post_logout_redirect_uri` (see the module comment).
pub fn check_logout(
    emulator: &Emulator,
    origin: &str,
    params: &HashMap<String, String>,
) -> Result<CheckedLogout, LogoutRefusal> {
    let non_empty = |name: &str| {
        params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    let hint_audience = non_empty("id_token_hint")
        .map(|hint| verified_hint_audience(emulator, hint))
        .transpose()?;
    let client_id = non_empty("client_id");
    if let Some(client_id) = client_id {
        if client_id != emulator.config.client_id {
            return Err(LogoutRefusal::UnknownClient(client_id.to_string()));
        }
    }
    if let (Some(audience), Some(client_id)) = (&hint_audience, client_id) {
        if audience != client_id {
            return Err(LogoutRefusal::HintForAnotherClient {
                hint_audience: audience.clone(),
                client_id: client_id.to_string(),
            });
        }
    }
    // Our only client is the portal, so a verified hint's audience is it (checked above).
    let identified = hint_audience.is_some() || client_id.is_some();
    let return_to = non_empty("post_logout_redirect_uri")
        .filter(|uri| identified && emulator.redirect_uri_allowed(uri, origin))
        .map(str::to_string);
    let logout_hint_user = non_empty("logout_hint")
        .filter(|_| !emulator.config.strict_logout)
        .and_then(|hint| {
            emulator
                .store
                .read(|d| d.find_user(hint).map(|u| u.id.clone()))
        });
    Ok(CheckedLogout {
        return_to,
        logout_hint_user,
    })
}

/// The audience of an ID token this emulator issued to the portal: our key, our issuer, the portal's
/// client id. Its lifetime is not checked: a hint is often presented after the token expired.
fn verified_hint_audience(emulator: &Emulator, hint: &str) -> Result<String, LogoutRefusal> {
    let parsed = UnverifiedJwt::parse(hint).map_err(|_| LogoutRefusal::InvalidHint("malformed"))?;
    if parsed.kid() != Some(emulator.keys.kid()) {
        return Err(LogoutRefusal::InvalidHint("unknown signing key"));
    }
    let claims = parsed
        .verify_with(emulator.keys.public_key())
        .map_err(|_| LogoutRefusal::InvalidHint("bad signature"))?;
    let issuer = claims.get("iss").and_then(Value::as_str).unwrap_or("");
    if !emulator.is_known_issuer(issuer) {
        return Err(LogoutRefusal::InvalidHint("unknown issuer"));
    }
    let audience = match claims.get("aud") {
        Some(Value::String(audience)) => audience.clone(),
        Some(Value::Array(audiences)) if audiences.len() == 1 => audiences[0]
            .as_str()
            .map(str::to_string)
            .ok_or(LogoutRefusal::InvalidHint("no audience"))?,
        _ => return Err(LogoutRefusal::InvalidHint("no audience")),
    };
    if audience != emulator.config.client_id {
        return Err(LogoutRefusal::HintForAnotherClient {
            hint_audience: audience,
            client_id: emulator.config.client_id.clone(),
        });
    }
    Ok(audience)
}

pub async fn logout(
    State(emulator): State<AppState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if !emulator.is_our_tenant(&tenant) {
        return error_page(
            StatusCode::BAD_REQUEST,
            90002,
            &format!("Tenant '{tenant}' not found."),
        );
    }
    let checked = match check_logout(&emulator, &request_origin(&headers), &params) {
        Ok(checked) => checked,
        Err(refusal) => return refusal.page(),
    };
    let session = session_cookie(&headers)
        .and_then(|cookie| emulator.sign_in.session(&cookie).map(|s| (cookie, s)));
    if let (Some(_), Some((_, session))) = (&checked.return_to, &session) {
        let named = checked.logout_hint_user.as_deref() == Some(session.user_id.as_str());
        let user = emulator
            .store
            .read(|d| d.find_user(&session.user_id).cloned());
        if let (false, false, Some(user)) = (emulator.config.strict_logout, named, user) {
            let mut fields: Vec<(String, String)> = params.into_iter().collect();
            fields.sort();
            return sign_out_picker_page(
                &tenant,
                &fields,
                &user,
                &emulator.config.organization_name,
            );
        }
    }
    if let Some((cookie, _)) = &session {
        emulator.sign_in.end_session(cookie);
    }
    let mut response = match checked.return_to {
        Some(uri) => {
            let location = match params.get("state") {
                Some(state) => {
                    let separator = if uri.contains('?') { '&' } else { '?' };
                    let encoded: String = form_urlencoded::Serializer::new(String::new())
                        .append_pair("state", state)
                        .finish();
                    format!("{uri}{separator}{encoded}")
                }
                None => uri,
            };
            (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
        }
        None => signed_out_page(),
    };
    if let Ok(value) = HeaderValue::from_str(&clear_session_cookie()) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}
