//! Everything that can go wrong talking to Graph, in words a person can act on.

use qrpin::model::GraphErrorBody;

use crate::auth::AuthError;

#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum ApiError {
    #[error("{}", graph_words(*status, code))]
    Graph {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
    },
    #[error(
        "Microsoft Graph could not be reached. Check your connection; nothing you typed was lost."
    )]
    Network(String),
    #[error("{0}")]
    Auth(AuthError),
    #[error("Microsoft Graph did not accept your sign-in any more. Please sign in again.")]
    Unauthorized,
    #[error("Your organisation requires you to sign in again before changing sign-in methods.")]
    ClaimsChallenge { claims: String },
    #[error("Microsoft Graph answered in an unexpected format ({detail}).")]
    Unreadable {
        detail: String,
        request_id: Option<String>,
    },
    #[error("Microsoft Graph did not answer in time. Check your connection and try again.")]
    Timeout,
    /// The page that asked was left before the answer came; nobody sees this.
    #[error("The request was cancelled.")]
    Cancelled,
}

impl ApiError {
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Graph { request_id, .. } | ApiError::Unreadable { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Graph { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Graph's own message, verbatim (it is English, and support staff search for it).
    pub fn graph_message(&self) -> Option<&str> {
        match self {
            ApiError::Graph { message, .. } if !message.trim().is_empty() => Some(message),
            _ => None,
        }
    }

    /// Whether the request may have reached Graph and been applied although no usable answer came back:
    /// a lost connection, a timeout, a gateway or server failure, or an unreadable success body.
    pub fn may_have_been_applied(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout | ApiError::Unreadable { .. } => true,
            ApiError::Graph { status, .. } => matches!(status, 500 | 502 | 503 | 504),
            _ => false,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Graph { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Builds the error from a non-success response body; tolerates bodies that are not Graph's.
    pub fn from_response(status: u16, body: &str, header_request_id: Option<String>) -> Self {
        match serde_json::from_str::<GraphErrorBody>(body) {
            Ok(parsed) => {
                let inner_id = parsed
                    .error
                    .inner_error
                    .as_ref()
                    .and_then(|inner| inner.request_id.clone());
                ApiError::Graph {
                    status,
                    code: parsed.error.code,
                    message: parsed.error.message,
                    request_id: header_request_id.or(inner_id),
                }
            }
            Err(_) => ApiError::Graph {
                status,
                code: format!("http{status}"),
                message: String::new(),
                request_id: header_request_id,
            },
        }
    }
}

/// Plain words by status class and Graph's stable `code`, never by its (unlocalised) message.
fn graph_words(status: u16, code: &str) -> String {
    match (status, code) {
        (401, _) => "Your sign-in has expired. Please sign in again.".into(),
        (403, _) => "You don't have permission to do this. An administrator or your frontline manager can do it for you.".into(),
        (404, _) => "This item doesn't exist (any more). The page was refreshed to show what is there now.".into(),
        (429, _) => "Microsoft Graph is busy. Please wait a moment and try again.".into(),
        (400, _) => "Microsoft Graph did not accept the request.".into(),
        (500..=599, _) => "Microsoft Graph is having a problem right now. Please try again in a few minutes.".into(),
        (_, code) => format!("Microsoft Graph refused the request ({code})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_error_body_gives_code_and_request_id() {
        let body = r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges",
            "innerError":{"date":"2026-01-01T10:00:00","request-id":"inner-id","client-request-id":"c"}}}"#;
        let err = ApiError::from_response(403, body, None);
        assert_eq!(err.code(), Some("Authorization_RequestDenied"));
        assert_eq!(err.request_id(), Some("inner-id"));
        assert!(err.to_string().contains("administrator"));
    }

    #[test]
    fn header_request_id_wins_and_non_graph_bodies_are_tolerated() {
        let err = ApiError::from_response(502, "<html>Bad gateway</html>", Some("hdr".into()));
        assert_eq!(err.request_id(), Some("hdr"));
        assert_eq!(err.code(), Some("http502"));
        assert!(err.to_string().contains("try again in a few minutes"));
    }

    #[test]
    fn graph_messages_are_kept_and_ambiguity_is_known() {
        let body = r#"{"error":{"code":"badRequest","message":"The user already has an active temporary QR code."}}"#;
        let err = ApiError::from_response(400, body, None);
        assert_eq!(
            err.graph_message(),
            Some("The user already has an active temporary QR code.")
        );
        assert!(!err.may_have_been_applied());
        assert!(ApiError::from_response(504, "", None).may_have_been_applied());
        assert!(ApiError::Network("reset".into()).may_have_been_applied());
        assert!(!ApiError::from_response(429, "", None).may_have_been_applied());
    }
}
