//! Entra's token-endpoint error body `{error, error_description, error_codes, timestamp, trace_id,
//! correlation_id}` and the HTML page shown when /authorize cannot even redirect back.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::ids::new_guid;
use crate::timefmt::entra_error_timestamp;

#[derive(Clone, Debug, thiserror::Error)]
#[error("{error}: AADSTS{code}: {description}")]
pub struct OAuthError {
    pub error: &'static str,
    pub code: u32,
    pub description: String,
}

impl OAuthError {
    pub fn new(error: &'static str, code: u32, description: impl Into<String>) -> OAuthError {
        OAuthError {
            error,
            code,
            description: description.into(),
        }
    }

    pub fn invalid_request(code: u32, description: impl Into<String>) -> OAuthError {
        OAuthError::new("invalid_request", code, description)
    }

    pub fn invalid_grant(code: u32, description: impl Into<String>) -> OAuthError {
        OAuthError::new("invalid_grant", code, description)
    }

    pub fn missing_parameter(name: &str) -> OAuthError {
        OAuthError::invalid_request(
            900144,
            format!("The request body must contain the following parameter: '{name}'."),
        )
    }

    pub fn unknown_client(client_id: &str, tenant: &str) -> OAuthError {
        OAuthError::new(
            "unauthorized_client",
            700016,
            format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."),
        )
    }

    pub fn unknown_tenant(tenant: &str) -> OAuthError {
        OAuthError::invalid_request(
            90002,
            format!("Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
        )
    }

    /// `error_description` with Entra's trailer lines.
    pub fn full_description(
        &self,
        trace_id: &str,
        correlation_id: &str,
        now: DateTime<Utc>,
    ) -> String {
        format!(
            "AADSTS{}: {}\r\nTrace ID: {trace_id}\r\nCorrelation ID: {correlation_id}\r\nTimestamp: {}",
            self.code,
            self.description,
            entra_error_timestamp(now)
        )
    }

    /// The JSON error response of the token endpoint (400, or 401 for client problems as Entra does).
    pub fn into_token_response(self, correlation_id: Option<&str>, now: DateTime<Utc>) -> Response {
        let trace_id = new_guid();
        let correlation_id = correlation_id.map(str::to_string).unwrap_or_else(new_guid);
        let status = if self.error == "invalid_client" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::BAD_REQUEST
        };
        let body = json!({
            "error": self.error,
            "error_description": self.full_description(&trace_id, &correlation_id, now),
            "error_codes": [self.code],
            "timestamp": entra_error_timestamp(now),
            "trace_id": trace_id,
            "correlation_id": correlation_id,
            "error_uri": format!("https://login.microsoftonline.com/error?code={}", self.code),
        });
        (
            status,
            [
                (header::CACHE_CONTROL, "no-store, no-cache"),
                (header::PRAGMA, "no-cache"),
            ],
            axum::Json(body),
        )
            .into_response()
    }
}
