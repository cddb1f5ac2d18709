//! HTTP plumbing: bearer token, `client-request-id`, Graph error bodies, `request-id`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;

use super::retry::{
    is_retryable_status, retry_notice, sleep, wait_seconds, Replay, RetryNotice, MAX_RETRIES,
};
use super::ApiError;
use crate::auth::{access_token, renew_access_token, AuthError};
use crate::config::PortalConfig;
use leptos::prelude::{RwSignal, Set};
use qrpin::api::GraphVersion;

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
            Target::User(id) => {
                format!("/users/{}{rest}", crate::auth::protocol::percent_encode(id))
            }
        }
    }
}

#[derive(Clone)]
pub struct GraphClient {
    config: PortalConfig,
    /// Set once v1.0 answered that it has no such path: everything then goes to beta.
    v1_lacks_paths: Arc<AtomicBool>,
    /// "Retrying in 2 s…" while a throttled request waits; the shell words it in a live region.
    retry_notice: RwSignal<Option<RetryNotice>>,
}

impl GraphClient {
    pub fn new(config: PortalConfig, retry_notice: RwSignal<Option<RetryNotice>>) -> Self {
        Self {
            config,
            v1_lacks_paths: Arc::new(AtomicBool::new(false)),
            retry_notice,
        }
    }

    /// The configured version, unless v1.0 already showed it lacks the QR code + PIN paths.
    pub fn version(&self) -> GraphVersion {
        if self.v1_lacks_paths.load(Ordering::Relaxed) {
            GraphVersion::Beta
        } else {
            self.config.graph.version
        }
    }

    pub(super) async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.read(path, None).await
    }

    /// A read that gives up after [`READ_TIMEOUT_MS`] and when `cancel` fires (the page that asked is gone).
    pub(super) async fn read<T: DeserializeOwned>(
        &self,
        path: &str,
        cancel: Option<web_sys::AbortSignal>,
    ) -> Result<T, ApiError> {
        let response = self
            .send_with(Method::GET, path, None, Replay::Safe, cancel)
            .await?;
        read_json(response).await
    }

    /// Sends a request; when v1.0 does not know the path (its metadata lacks `qrCodePinMethod`),
    /// sends it again to beta, which does. A refused path changed nothing, so this is safe for
    /// every method.
    pub(super) async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        replay: Replay,
    ) -> Result<Response, ApiError> {
        self.send_with(method, path, body, replay, None).await
    }

    async fn send_with(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        replay: Replay,
        cancel: Option<web_sys::AbortSignal>,
    ) -> Result<Response, ApiError> {
        let version = self.version();
        let request = Outgoing {
            method,
            path,
            body,
            replay,
            cancel,
        };
        let result = self.send_to(version, &request).await;
        match result {
            Err(error) if version == GraphVersion::V1 && is_unknown_segment(&error) => {
                self.v1_lacks_paths.store(true, Ordering::Relaxed);
                self.send_to(GraphVersion::Beta, &request).await
            }
            // Graph rejected the token (expired by its clock, or revoked): renew it once with
            // the refresh token and send again; the first request changed nothing.
            Err(ApiError::Unauthorized) => {
                renew_access_token(&self.config)
                    .await
                    .map_err(ApiError::Auth)?;
                match self.send_to(version, &request).await {
                    Err(ApiError::Unauthorized) => {
                        Err(ApiError::Auth(AuthError::InteractionRequired))
                    }
                    other => other,
                }
            }
            other => other,
        }
    }

    /// Sends a request, waiting out throttling (429/503 + `Retry-After`) when its replay policy allows it.
    async fn send_to(
        &self,
        version: GraphVersion,
        request: &Outgoing<'_>,
    ) -> Result<Response, ApiError> {
        let mut attempt = 0;
        loop {
            let result = self.send_once(version, request).await;
            match result {
                Err(Throttled { retry_after, error })
                    if request.replay == Replay::Safe && attempt < MAX_RETRIES =>
                {
                    let seconds = wait_seconds(retry_after.as_deref(), attempt);
                    self.retry_notice.set(Some(retry_notice(seconds)));
                    sleep(seconds).await;
                    attempt += 1;
                    drop(error);
                }
                Err(Throttled { error, .. }) => {
                    self.retry_notice.set(None);
                    return Err(error);
                }
                Ok(outcome) => {
                    self.retry_notice.set(None);
                    return outcome;
                }
            }
        }
    }

    /// One attempt; a throttled answer is returned separately so `send` can decide to retry.
    async fn send_once(
        &self,
        version: GraphVersion,
        request: &Outgoing<'_>,
    ) -> Result<Result<Response, ApiError>, Throttled> {
        match self.attempt(version, request).await {
            Err((error, Some(retry_after))) => Err(Throttled {
                retry_after: Some(retry_after),
                error,
            }),
            Err((error, None)) if error.status().is_some_and(is_retryable_status) => {
                Err(Throttled {
                    retry_after: None,
                    error,
                })
            }
            Err((error, None)) => Ok(Err(error)),
            Ok(response) => Ok(Ok(response)),
        }
    }

    /// Sends one request and turns every non-2xx answer into an `ApiError` (plus `Retry-After`).
    async fn attempt(
        &self,
        version: GraphVersion,
        request: &Outgoing<'_>,
    ) -> Result<Response, (ApiError, Option<String>)> {
        let no_wait = |e: ApiError| (e, None);
        let response = self
            .exchange_with(
                version,
                request.method.clone(),
                request.path,
                request.body.clone(),
                request.cancel.as_ref(),
            )
            .await
            .map_err(no_wait)?;
        if response.ok() {
            return Ok(response);
        }
        let status = response.status();
        if status == 401 {
            if let Some(claims) = claims_challenge(&response) {
                return Err(no_wait(ApiError::ClaimsChallenge { claims }));
            }
            return Err(no_wait(ApiError::Unauthorized));
        }
        let request_id = response.headers().get("request-id");
        let retry_after = response
            .headers()
            .get("retry-after")
            .filter(|_| is_retryable_status(status));
        let text = response.text().await.unwrap_or_default();
        Err((
            ApiError::from_response(status, &text, request_id),
            retry_after,
        ))
    }
}

impl GraphClient {
    /// One request with the bearer token and a correlation id; any HTTP status is returned as is.
    pub(super) async fn exchange(
        &self,
        version: GraphVersion,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<Response, ApiError> {
        self.exchange_with(version, method, path, body, None).await
    }

    async fn exchange_with(
        &self,
        version: GraphVersion,
        method: Method,
        path: &str,
        body: Option<String>,
        cancel: Option<&web_sys::AbortSignal>,
    ) -> Result<Response, ApiError> {
        let token = access_token(&self.config).await.map_err(ApiError::Auth)?;
        let url = self.config.graph_url(version, path);
        let is_read = method == Method::GET;
        let mut builder = RequestBuilder::new(&url)
            .method(method)
            .header("Authorization", &token.header_value())
            .header("client-request-id", &client_request_id());
        if is_read {
            // Chromium holds a GET behind an in-flight cacheable GET of the same URL, so one slow read
            // would block every page's read of the method; Graph's answers must never come from a cache.
            // A read also gives up after a while, and when the page that asked is gone.
            builder = builder
                .cache(web_sys::RequestCache::NoStore)
                .abort_signal(read_signal(cancel).as_ref());
        }
        let request = match body {
            Some(json) => builder
                .header("Content-Type", "application/json")
                .body(json),
            None => builder.build(),
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        request.send().await.map_err(fetch_error)
    }

    /// The path (below the version) of an `@odata.nextLink`, only if it points at our Graph: a
    /// link elsewhere would receive the bearer token.
    pub(super) fn next_link_path(&self, link: &str) -> Option<String> {
        let base = self.config.graph.base_url.trim_end_matches('/');
        let rest = link.strip_prefix(base)?;
        let rest = rest
            .strip_prefix("/beta")
            .or_else(|| rest.strip_prefix("/v1.0"))?;
        rest.starts_with('/').then(|| rest.to_string())
    }
}

/// OData's answer for a path the service's metadata does not have.
fn is_unknown_segment(error: &ApiError) -> bool {
    matches!(error, ApiError::Graph { status: 400, message, .. }
        if message.starts_with("Resource not found for the segment"))
}

/// One request as the caller asked for it, sent once or more.
struct Outgoing<'a> {
    method: Method,
    path: &'a str,
    body: Option<String>,
    replay: Replay,
    cancel: Option<web_sys::AbortSignal>,
}

/// A Graph read that takes longer than this is given up with a clear message.
pub const READ_TIMEOUT_MS: u32 = 30_000;

/// The signal a read listens to: its own timeout, and the page's cancel when there is one.
fn read_signal(cancel: Option<&web_sys::AbortSignal>) -> Option<web_sys::AbortSignal> {
    let timeout = web_sys::AbortSignal::timeout_with_u32(READ_TIMEOUT_MS);
    match cancel {
        None => Some(timeout),
        Some(cancel) => {
            let both = js_sys::Array::of2(&timeout, cancel);
            Some(web_sys::AbortSignal::any(&both))
        }
    }
}

/// A failed fetch in words: its own timeout, a cancel because the page went away, or no connection.
fn fetch_error(error: gloo_net::Error) -> ApiError {
    match error {
        gloo_net::Error::JsError(js) if js.name == "TimeoutError" => ApiError::Timeout,
        gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Cancelled,
        other => ApiError::Network(other.to_string()),
    }
}

struct Throttled {
    retry_after: Option<String>,
    error: ApiError,
}

pub(super) async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let request_id = response.headers().get("request-id");
    let text = response.text().await.map_err(fetch_error)?;
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
