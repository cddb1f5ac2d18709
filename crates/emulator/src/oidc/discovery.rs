//! `/{tenant}/v2.0/.well-known/openid-configuration` and `/{tenant}/discovery/v2.0/keys`.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::error::OAuthError;
use crate::app::AppState;
use crate::http::request_origin;

pub async fn openid_configuration(
    State(emulator): State<AppState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !emulator.is_our_tenant(&tenant) {
        return OAuthError::unknown_tenant(&tenant).into_token_response(None, emulator.clock.now());
    }
    let origin = request_origin(&headers);
    let tenant_id = &emulator.config.tenant_id;
    let base = format!("{origin}/{tenant_id}");
    let document = json!({
        "issuer": emulator.issuer_for(&origin),
        "authorization_endpoint": format!("{base}/oauth2/v2.0/authorize"),
        "token_endpoint": format!("{base}/oauth2/v2.0/token"),
        "end_session_endpoint": format!("{base}/oauth2/v2.0/logout"),
        "jwks_uri": format!("{base}/discovery/v2.0/keys"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "response_modes_supported": ["query", "fragment"],
        "response_types_supported": ["code"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "preferred_username",
                             "name", "tid", "ver", "oid", "upn", "given_name", "family_name"],
        "request_uri_parameter_supported": false,
        "frontchannel_logout_supported": true,
        "http_logout_supported": true,
        "tenant_region_scope": "NA",
        "cloud_instance_name": "microsoftonline.com",
        "cloud_graph_host_name": "graph.windows.net",
        "msgraph_host": "graph.microsoft.com",
    });
    (
        [(header::CACHE_CONTROL, "max-age=86400, private")],
        Json(document),
    )
        .into_response()
}

pub async fn jwks(State(emulator): State<AppState>, Path(tenant): Path<String>) -> Response {
    if !emulator.is_our_tenant(&tenant) {
        return OAuthError::unknown_tenant(&tenant).into_token_response(None, emulator.clock.now());
    }
    Json(json!({ "keys": [emulator.keys.jwk()] })).into_response()
}
