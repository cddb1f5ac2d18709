//! Fault injection (test control): queue faults for a method + path pattern for the next N matching calls
//! — an HTTP status (429 with a possibly fractional Retry-After, 503, …), a dropped connection, a delay, a
//! malformed body, or a lost answer (the request is applied, then its answer is dropped or replaced). Applies
//! to every surface (Graph, token endpoint, …) and to `$batch` items.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::http::error::GraphError;
use crate::http::request_id::RequestIds;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub enum FaultKind {
    /// Answer with `status` (Graph-shaped error body unless `body` is given).
    Status,
    /// Close the connection without an answer.
    Drop,
    /// Wait `delayMs`, then answer normally.
    Delay,
    /// 200 with a truncated JSON body (in `$batch`, the item's body is a truncated JSON text).
    Malformed,
    /// The request is applied by the real handler, then its answer is lost: the connection closes without a
    /// response, or, when `status` is given, the answer is replaced by that error. This is the case a client
    /// cannot tell apart from [`FaultKind::Drop`] or [`FaultKind::Status`], except that the write happened.
    #[serde(rename = "lost-answer", alias = "lostAnswer")]
    LostAnswer,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultSpec {
    /// HTTP method to match (any when absent).
    #[serde(default)]
    pub method: Option<String>,
    /// Path pattern, `*` matches any run of characters, case-insensitive (e.g. `/beta/me/authentication/*`).
    pub path: String,
    pub kind: FaultKind,
    #[serde(default)]
    pub status: Option<u16>,
    /// `Retry-After` value, verbatim (may be fractional: "2.128").
    #[serde(default)]
    pub retry_after: Option<String>,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Replaces the error body (sent as-is with `application/json`).
    #[serde(default)]
    pub body: Option<String>,
    /// How many matching calls the fault applies to (default 1).
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueuedFault {
    pub id: u64,
    #[serde(flatten)]
    pub spec: FaultSpec,
    pub remaining: u32,
}

#[derive(Default)]
pub struct FaultQueue {
    faults: Mutex<Vec<QueuedFault>>,
    next_id: Mutex<u64>,
}

/// What a `$batch` item gets from a fault (a dropped connection only makes sense for a whole response).
pub enum BatchFault {
    Delay(Duration),
    Error(GraphError),
    /// Run the item, then answer it with this error instead of its real answer.
    LostAnswer(GraphError),
    /// Run the item, then answer it 200 with a truncated body instead of its real answer.
    Malformed,
}

/// `*` globbing over ASCII-case-folded text.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let pattern = pattern.to_ascii_lowercase();
    let text = text.to_ascii_lowercase();
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text.as_str();
    for (index, part) in parts.iter().enumerate() {
        if index == 0 {
            match rest.strip_prefix(part) {
                Some(after) => rest = after,
                None => return false,
            }
        } else if index == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

impl FaultQueue {
    pub fn add(&self, spec: FaultSpec) -> QueuedFault {
        let mut next_id = self.next_id.lock().unwrap_or_else(|p| p.into_inner());
        *next_id += 1;
        let queued = QueuedFault {
            id: *next_id,
            remaining: spec.count.max(1),
            spec,
        };
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(queued.clone());
        queued
    }

    pub fn list(&self) -> Vec<QueuedFault> {
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn clear(&self) {
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// Consumes one use of the first fault matching `method` and `path`.
    fn take_where(
        &self,
        method: &str,
        path: &str,
        usable: impl Fn(&FaultKind) -> bool,
    ) -> Option<FaultSpec> {
        let mut faults = self.faults.lock().unwrap_or_else(|p| p.into_inner());
        let index = faults.iter().position(|fault| {
            usable(&fault.spec.kind)
                && fault
                    .spec
                    .method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && glob_matches(&fault.spec.path, path)
        })?;
        let spec = faults[index].spec.clone();
        faults[index].remaining -= 1;
        if faults[index].remaining == 0 {
            faults.remove(index);
        }
        Some(spec)
    }

    pub fn take(&self, method: &str, path: &str) -> Option<FaultSpec> {
        self.take_where(method, path, |_| true)
    }

    pub fn take_for_batch(&self, method: &str, path: &str) -> Option<BatchFault> {
        let spec = self.take_where(method, path, |kind| {
            matches!(
                kind,
                FaultKind::Status | FaultKind::Delay | FaultKind::LostAnswer | FaultKind::Malformed
            )
        })?;
        Some(match spec.kind {
            FaultKind::Delay => {
                BatchFault::Delay(Duration::from_millis(spec.delay_ms.unwrap_or(0)))
            }
            FaultKind::Malformed => BatchFault::Malformed,
            // An item cannot lose its connection on its own: the batch answer still arrives, so the lost
            // answer shows as the gateway timeout Graph reports when a workload answers too late.
            FaultKind::LostAnswer => BatchFault::LostAnswer(status_error(&FaultSpec {
                status: Some(spec.status.unwrap_or(504)),
                ..spec
            })),
            _ => BatchFault::Error(status_error(&spec)),
        })
    }
}

/// The Graph-shaped error a status fault stands for.
pub fn status_error(spec: &FaultSpec) -> GraphError {
    let status = spec
        .status
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let mut error = match status {
        StatusCode::TOO_MANY_REQUESTS => {
            GraphError::throttled(spec.retry_after.clone().unwrap_or_else(|| "1".into()))
        }
        StatusCode::SERVICE_UNAVAILABLE => GraphError::service_unavailable(),
        StatusCode::UNAUTHORIZED => GraphError::new(
            status,
            "InvalidAuthenticationToken",
            "Access token has expired or is not yet valid.",
        ),
        StatusCode::FORBIDDEN => GraphError::access_denied(),
        // What Graph's gateway sends when the workload behind it did not answer in time.
        StatusCode::GATEWAY_TIMEOUT => GraphError::new(status, "UnknownError", ""),
        other => GraphError::new(other, "generalException", "Injected fault."),
    };
    if status != StatusCode::TOO_MANY_REQUESTS {
        error.retry_after = spec.retry_after.clone();
    }
    error
}

/// Marks a response whose connection the server must close without answering.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

pub async fn inject_faults(
    State(emulator): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with("/_emulator") {
        return next.run(request).await;
    }
    let Some(spec) = emulator.faults.take(request.method().as_str(), &path) else {
        return next.run(request).await;
    };
    match spec.kind {
        FaultKind::Delay => {
            tokio::time::sleep(Duration::from_millis(spec.delay_ms.unwrap_or(0))).await;
            next.run(request).await
        }
        FaultKind::Drop => dropped_connection(),
        FaultKind::Malformed => {
            let mut response = Response::new(Body::from(
                r#"{"@odata.context":"truncated","value":[{"id":"#,
            ));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        FaultKind::Status => {
            let ids = request_ids(&request);
            status_response(&emulator, &spec, &ids)
        }
        FaultKind::LostAnswer => {
            let ids = request_ids(&request);
            let answered = next.run(request).await;
            // The handler has applied the request once it has answered; reading the body to its end also
            // covers handlers that finish their work while streaming. Its content is what gets lost.
            let _ = axum::body::to_bytes(answered.into_body(), usize::MAX).await;
            if spec.status.is_some() {
                status_response(&emulator, &spec, &ids)
            } else {
                dropped_connection()
            }
        }
    }
}

fn request_ids(request: &Request) -> RequestIds {
    request
        .extensions()
        .get::<RequestIds>()
        .cloned()
        .unwrap_or_else(|| RequestIds::fresh(None))
}

fn dropped_connection() -> Response {
    let mut response = Response::new(Body::empty());
    response.extensions_mut().insert(DropConnection);
    response
}

/// The error answer of a status fault: Graph-shaped, or the spec's `body` verbatim.
fn status_response(emulator: &AppState, spec: &FaultSpec, ids: &RequestIds) -> Response {
    let error = status_error(spec);
    let mut response = match &spec.body {
        Some(body) => {
            let mut response = Response::new(Body::from(body.clone()));
            *response.status_mut() = error.status;
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        None => crate::graph::error_response(&error, ids, emulator.clock.now()),
    };
    for (name, value) in error.headers() {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_shell_patterns() {
        assert!(glob_matches(
            "/beta/me/*",
            "/beta/me/authentication/qrCodePinMethod"
        ));
        assert!(glob_matches(
            "*/qrcodepinmethod*",
            "/beta/users/x/authentication/qrCodePinMethod/pin"
        ));
        assert!(glob_matches("/beta/me", "/BETA/ME"));
        assert!(!glob_matches("/beta/me", "/beta/me/x"));
        assert!(!glob_matches("/v1.0/*", "/beta/me"));
        assert!(glob_matches("*", "/anything"));
    }

    #[test]
    fn faults_apply_to_the_next_n_matching_calls() {
        let queue = FaultQueue::default();
        queue.add(FaultSpec {
            method: Some("GET".into()),
            path: "/beta/me".into(),
            kind: FaultKind::Status,
            status: Some(503),
            retry_after: None,
            delay_ms: None,
            body: None,
            count: 2,
        });
        assert!(queue.take("POST", "/beta/me").is_none());
        assert!(queue.take("GET", "/beta/me").is_some());
        assert!(queue.take("get", "/beta/me").is_some());
        assert!(queue.take("GET", "/beta/me").is_none());
    }

    #[test]
    fn lost_answer_is_spelled_with_a_dash_and_defaults_to_504_in_batches() {
        let spec: FaultSpec = serde_json::from_value(serde_json::json!({
            "path": "*/updatePin", "kind": "lost-answer"
        }))
        .expect("valid spec");
        assert_eq!(spec.kind, FaultKind::LostAnswer);
        assert_eq!(
            serde_json::to_value(&spec.kind).expect("serializable"),
            "lost-answer"
        );
        let queue = FaultQueue::default();
        queue.add(spec);
        assert!(queue.take_for_batch("GET", "/beta/me").is_none());
        match queue.take_for_batch(
            "POST",
            "/beta/me/authentication/qrCodePinMethod/pin/updatePin",
        ) {
            Some(BatchFault::LostAnswer(error)) => {
                assert_eq!(error.status, StatusCode::GATEWAY_TIMEOUT);
                assert_eq!(error.code, "UnknownError");
            }
            _ => panic!("expected a lost answer"),
        }
    }
}
