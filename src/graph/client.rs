//! HTTP plumbing: bearer token, `client-request-id`, Graph error bodies, `request-id`.

use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;

use super::ApiError;
use crate::auth::{access_token, AuthError};
use crate::config::{GraphVersion, PortalConfig};

/// Whose method: the signed-in user (`/me`) or another user by id or UPN (`/users/{id}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Me,
    User(String),
}

impl Target {
    pub fn path(&self, rest: &str) -> String {
        match self {
            Target::Me => format!("/me{rest}"),
            Target::User(id) => format!("/users/{}{rest}", crate::auth::protocol::percent_encode(id)),
        }
    }
}

#[derive(Clone)]
pub struct GraphClient {
    config: PortalConfig,
}

impl GraphClient {
    pub fn new(config: PortalConfig) -> Self {
        Self { config }
    }

    pub fn version(&self) -> GraphVersion {
        self.config.graph.version
    }

    pub(super) async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let response = self.send(Method::GET, path, None).await?;
        read_json(response).await
    }

    /// Sends one request and turns every non-2xx answer into an `ApiError`.
    pub(super) async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<Response, ApiError> {
        let token = access_token(&self.config).await.map_err(ApiError::Auth)?;
        let url = self.config.graph_url(self.version(), path);
        let builder = RequestBuilder::new(&url)
            .method(method)
            .header("Authorization", &token.header_value())
            .header("client-request-id", &client_request_id());
        let request = match body {
            Some(json) => builder
                .header("Content-Type", "application/json")
                .body(json),
            None => builder.build(),
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        if response.ok() {
            return Ok(response);
        }
        let status = response.status();
        if status == 401 {
            if let Some(claims) = claims_challenge(&response) {
                return Err(ApiError::ClaimsChallenge { claims });
            }
        }
        let request_id = response.headers().get("request-id");
        let text = response.text().await.unwrap_or_default();
        let error = ApiError::from_response(status, &text, request_id);
        if status == 401 {
            return Err(ApiError::Auth(AuthError::InteractionRequired));
        }
        Err(error)
    }
}

async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let request_id = response.headers().get("request-id");
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    qrpin::model::parse_entity(&text).map_err(|e| ApiError::Unreadable {
        detail: e.to_string(),
        request_id,
    })
}

/// `WWW-Authenticate: Bearer error="insufficient_claims", claims="…"` → the claims to ask for.
fn claims_challenge(response: &Response) -> Option<String> {
    let header = response.headers().get("www-authenticate")?;
    if !header.contains("insufficient_claims") {
        return None;
    }
    let start = header.find("claims=\"")? + "claims=\"".len();
    let end = header[start..].find('"')? + start;
    let raw = &header[start..end];
    // Entra sends the claims base64-encoded; pass JSON through as it is.
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(raw)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .or_else(|| Some(raw.to_string()))
}

/// A random GUID-shaped correlation id, echoed by Graph in `innerError.client-request-id`.
fn client_request_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
