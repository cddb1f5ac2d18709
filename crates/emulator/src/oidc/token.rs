//! `POST /{tenant}/oauth2/v2.0/token`: authorization_code (PKCE S256, one-time, exact redirect_uri and
//! client_id) and refresh_token (new refresh token each time, same fixed 24 h horizon) grants for a public
//! SPA client. MSAL's extra parameters are accepted and ignored.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::error::OAuthError;
use super::scopes::{token_response_scope, ScopeRequest};
use super::sessions::RefreshGrant;
use super::tokens::{client_info, mint_access_token, mint_id_token, TokenSubject};
use crate::app::{AppState, Emulator};
use crate::http::request_origin;

type FormFields = HashMap<String, String>;

pub async fn token(
    State(emulator): State<AppState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fields: FormFields = form_urlencoded::parse(&body).into_owned().collect();
    let correlation_id = fields.get("client-request-id").cloned();
    let now = emulator.clock.now();
    match redeem(&emulator, &tenant, &headers, &fields) {
        Ok(response) => response,
        Err(error) => error.into_token_response(correlation_id.as_deref(), now),
    }
}

fn field<'a>(fields: &'a FormFields, name: &str) -> Result<&'a str, OAuthError> {
    fields
        .get(name)
        .map(String::as_str)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| OAuthError::missing_parameter(name))
}

fn redeem(
    emulator: &Emulator,
    tenant: &str,
    headers: &HeaderMap,
    fields: &FormFields,
) -> Result<Response, OAuthError> {
    if !emulator.is_our_tenant(tenant) {
        return Err(OAuthError::unknown_tenant(tenant));
    }
    let grant_type = field(fields, "grant_type")?;
    let client_id = field(fields, "client_id")?;
    if client_id != emulator.config.client_id {
        return Err(OAuthError::unknown_client(client_id, tenant));
    }
    if fields.contains_key("client_secret") || fields.contains_key("client_assertion") {
        return Err(OAuthError::new(
            "invalid_request",
            700025,
            "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
        ));
    }
    // SPA redirect URIs may only be redeemed cross-origin, i.e. by a browser that sends Origin.
    if !headers.contains_key(header::ORIGIN) {
        return Err(OAuthError::invalid_request(
            9002327,
            "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
        ));
    }
    let origin = request_origin(headers);
    match grant_type {
        "authorization_code" => redeem_code(emulator, &origin, fields),
        "refresh_token" => redeem_refresh_token(emulator, &origin, fields),
        other => Err(OAuthError::new(
            "unsupported_grant_type",
            70003,
            format!("The app requested an unsupported grant type '{other}'."),
        )),
    }
}

fn redeem_code(
    emulator: &Emulator,
    origin: &str,
    fields: &FormFields,
) -> Result<Response, OAuthError> {
    let code_value = field(fields, "code")?;
    let redirect_uri = field(fields, "redirect_uri")?;
    let verifier = field(fields, "code_verifier")?;
    let now = emulator.clock.now();
    let code = emulator.sign_in.take_code(code_value).ok_or_else(|| {
        OAuthError::invalid_grant(
            54005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
        )
    })?;
    if code.expires_at <= now {
        return Err(OAuthError::invalid_grant(
            70008,
            "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
        ));
    }
    if code.client_id != field(fields, "client_id")? {
        return Err(OAuthError::invalid_grant(
            70002,
            "The authorization code was issued to another client.",
        ));
    }
    if code.redirect_uri != redirect_uri {
        return Err(OAuthError::invalid_grant(
            500112,
            "The reply address does not match the reply address provided when requesting Authorization code.",
        ));
    }
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    if challenge != code.code_challenge {
        return Err(OAuthError::invalid_grant(
            501481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
        ));
    }
    let scopes = narrowed_scopes(emulator, &code.user_id, &code.scopes, fields.get("scope"));
    let grant = RefreshGrant {
        user_id: code.user_id.clone(),
        client_id: code.client_id.clone(),
        scopes,
        auth_time: code.auth_time,
        horizon: now + emulator.config.refresh_token_horizon,
    };
    token_response(
        emulator,
        origin,
        grant,
        code.nonce.as_deref(),
        code.wants_client_info || fields.get("client_info").is_some_and(|v| v == "1"),
    )
}

fn redeem_refresh_token(
    emulator: &Emulator,
    origin: &str,
    fields: &FormFields,
) -> Result<Response, OAuthError> {
    let token = field(fields, "refresh_token")?;
    let now = emulator.clock.now();
    let previous = emulator.sign_in.refresh_grant(token).ok_or_else(|| {
        OAuthError::invalid_grant(
            9002313,
            "Invalid request. Request is malformed or invalid: the refresh token is not valid.",
        )
    })?;
    if previous.client_id != field(fields, "client_id")? {
        return Err(OAuthError::invalid_grant(
            70000,
            "The refresh token was issued to another client.",
        ));
    }
    if previous.horizon <= now {
        return Err(OAuthError::invalid_grant(
            700084,
            "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.",
        ));
    }
    let scopes = narrowed_scopes(
        emulator,
        &previous.user_id,
        &previous.scopes,
        fields.get("scope"),
    );
    let grant = RefreshGrant { scopes, ..previous };
    token_response(
        emulator,
        origin,
        grant,
        None,
        fields.get("client_info").is_some_and(|v| v == "1"),
    )
}

/// A `scope` on the token request picks the resource scopes for this token (within the user's consent);
/// without one the scopes of the code / previous grant are reused.
fn narrowed_scopes(
    emulator: &Emulator,
    user_id: &str,
    earlier: &ScopeRequest,
    scope_param: Option<&String>,
) -> ScopeRequest {
    let Some(scope_param) = scope_param.filter(|s| !s.trim().is_empty()) else {
        return earlier.clone();
    };
    let requested = ScopeRequest::parse(scope_param);
    if requested.graph.is_empty() && !requested.graph_default {
        return ScopeRequest {
            oidc: requested.oidc,
            ..earlier.clone()
        };
    }
    let consented = emulator.store.read(|d| {
        d.find_user(user_id)
            .and_then(|user| user.consented_scopes.clone())
    });
    ScopeRequest {
        graph: requested.grant(consented.as_deref()),
        oidc: if requested.oidc.is_empty() {
            earlier.oidc.clone()
        } else {
            requested.oidc.clone()
        },
        graph_default: false,
    }
}

fn token_response(
    emulator: &Emulator,
    origin: &str,
    grant: RefreshGrant,
    nonce: Option<&str>,
    wants_client_info: bool,
) -> Result<Response, OAuthError> {
    let now = emulator.clock.now();
    let user = emulator
        .store
        .read(|d| d.find_user(&grant.user_id).cloned())
        .ok_or_else(|| {
            OAuthError::invalid_grant(50034, "The user account does not exist in the directory.")
        })?;
    let issuer = emulator.issuer_for(origin);
    let subject = TokenSubject {
        user: &user,
        tenant_id: &emulator.config.tenant_id,
        issuer: &issuer,
        client_id: &emulator.config.client_id,
        graph_scopes: &grant.scopes.graph,
        auth_time: grant.auth_time,
    };
    let lifetime = emulator.config.access_token_lifetime;
    let mut body = json!({
        "token_type": "Bearer",
        "scope": token_response_scope(&grant.scopes.graph, &grant.scopes.oidc),
        "expires_in": lifetime.num_seconds(),
        "ext_expires_in": lifetime.num_seconds(),
        "access_token": mint_access_token(&emulator.keys, &subject, now, lifetime),
    });
    if grant.scopes.oidc.iter().any(|s| s == "openid") {
        // A plain OpenID provider (strict logout mode) has no such claim; Entra sends it when the app
        // registration asks for the `login_hint` optional claim, as the portal's does.
        let login_hint =
            (!emulator.config.strict_logout).then_some(user.user_principal_name.as_str());
        body["id_token"] = json!(mint_id_token(
            &emulator.keys,
            &subject,
            nonce,
            login_hint,
            now,
            lifetime
        ));
    }
    if wants_client_info {
        body["client_info"] = json!(client_info(&user.id, &emulator.config.tenant_id));
    }
    if grant.scopes.oidc.iter().any(|s| s == "offline_access") {
        body["refresh_token_expires_in"] = json!((grant.horizon - now).num_seconds());
        body["refresh_token"] = json!(emulator.sign_in.issue_refresh_token(grant, now));
    }
    Ok((
        [
            (header::CACHE_CONTROL, "no-store, no-cache"),
            (header::PRAGMA, "no-cache"),
        ],
        Json(body),
    )
        .into_response())
}
