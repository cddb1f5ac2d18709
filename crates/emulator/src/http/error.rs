//! Graph's error body `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`
//! and the status codes and headers that go with each kind of failure.

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::request_id::RequestIds;
use crate::timefmt::inner_error_date;

/// Boxed so `Result<_, GraphError>` stays small on the happy path.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{} {}: {}", .0.status, .0.code, .0.message)]
pub struct GraphError(Box<GraphErrorDetails>);

#[derive(Clone, Debug)]
pub struct GraphErrorDetails {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    pub www_authenticate: Option<String>,
    pub retry_after: Option<String>,
    /// Extra members of `innerError` (the throttling body carries `code`, `status` and `message` there).
    pub inner_extra: Map<String, Value>,
}

impl std::ops::Deref for GraphError {
    type Target = GraphErrorDetails;

    fn deref(&self) -> &GraphErrorDetails {
        &self.0
    }
}

impl std::ops::DerefMut for GraphError {
    fn deref_mut(&mut self) -> &mut GraphErrorDetails {
        &mut self.0
    }
}

impl GraphError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> GraphError {
        GraphError(Box::new(GraphErrorDetails {
            status,
            code: code.to_string(),
            message: message.into(),
            www_authenticate: None,
            retry_after: None,
            inner_extra: Map::new(),
        }))
    }

    /// Validation failures, conflicts ("already exists") and malformed bodies: Graph answers 400 for all of them.
    pub fn bad_request(message: impl Into<String>) -> GraphError {
        GraphError::new(StatusCode::BAD_REQUEST, "badRequest", message)
    }

    pub fn invalid_json() -> GraphError {
        GraphError::new(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        )
    }

    pub fn item_not_found(message: impl Into<String>) -> GraphError {
        GraphError::new(StatusCode::NOT_FOUND, "itemNotFound", message)
    }

    pub fn resource_not_found(id: &str) -> GraphError {
        GraphError::new(
            StatusCode::NOT_FOUND,
            "Request_ResourceNotFound",
            format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present."),
        )
    }

    /// Graph's OData router answer for a path it does not know.
    pub fn unknown_segment(segment: &str) -> GraphError {
        GraphError::new(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            format!("Resource not found for the segment '{segment}'."),
        )
    }

    pub fn method_not_allowed() -> GraphError {
        GraphError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "Request_BadRequest",
            "Specified HTTP method is not allowed for the request uri.",
        )
    }

    pub fn access_denied() -> GraphError {
        GraphError::new(
            StatusCode::FORBIDDEN,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        )
    }

    /// 401 with the `WWW-Authenticate` challenge Graph sends.
    pub fn unauthenticated(message: impl Into<String>, challenge: String) -> GraphError {
        let mut error = GraphError::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            message,
        );
        error.www_authenticate = Some(challenge);
        error
    }

    /// 429 shaped like the documented throttling response; `retry_after` may be fractional ("2.128").
    pub fn throttled(retry_after: String) -> GraphError {
        let mut error = GraphError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "TooManyRequests",
            "Please retry again later.",
        );
        error.retry_after = Some(retry_after);
        error.inner_extra.insert("code".into(), json!("429"));
        error.inner_extra.insert("status".into(), json!("429"));
        error
            .inner_extra
            .insert("message".into(), json!("Please retry after"));
        error
    }

    pub fn service_unavailable() -> GraphError {
        GraphError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "serviceNotAvailable",
            "The service is temporarily unavailable. Please retry later.",
        )
    }

    pub fn body(&self, ids: &RequestIds, now: DateTime<Utc>) -> Value {
        let mut inner = Map::new();
        inner.insert("date".into(), json!(inner_error_date(now)));
        inner.insert("request-id".into(), json!(ids.request_id));
        inner.insert(
            "client-request-id".into(),
            json!(ids.client_request_id_or_own()),
        );
        for (key, value) in &self.inner_extra {
            inner.insert(key.clone(), value.clone());
        }
        json!({ "error": { "code": self.code, "message": self.message, "innerError": inner } })
    }

    /// Headers that must accompany the status (challenge, retry hint).
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = Vec::new();
        if let Some(challenge) = &self.www_authenticate {
            headers.push(("www-authenticate", challenge.clone()));
        }
        if let Some(retry_after) = &self.retry_after {
            headers.push(("retry-after", retry_after.clone()));
        }
        headers
    }
}
