//! `GET /config.json`: the portal's runtime configuration pointing at this emulator, built from the
//! request's Host so any port works. Sign-in asks for the self-service scopes only; the portal adds
//! `adminScopes` on `/admin` and `pinScopes` on `/pin` with a second round trip (incremental consent).

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use qrpin::api::GraphVersion;
use serde_json::json;

use crate::app::AppState;
use crate::http::request_origin;
use crate::oidc::scopes::{portal_admin_scopes, portal_pin_scopes, portal_requested_scopes};

pub async fn config_json(State(emulator): State<AppState>, headers: HeaderMap) -> Response {
    let origin = request_origin(&headers);
    let config = &emulator.config;
    let body = json!({
        "auth": {
            "authority": format!("{origin}/{}", config.tenant_id),
            "clientId": config.client_id,
            "redirectUri": format!("{origin}/"),
            "postLogoutRedirectUri": format!("{origin}/"),
            "scopes": portal_requested_scopes(),
            "adminScopes": portal_admin_scopes(),
            "pinScopes": portal_pin_scopes(),
        },
        "graph": { "baseUrl": origin, "version": GraphVersion::Beta },
        "organization": { "name": config.organization_name, "logoUrl": null },
        "kiosk": { "idleTimeoutSeconds": 120 },
    });
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}
