//! Everything that can go wrong talking to Graph. Views word it with [`ApiError::kind`] in the person's
//! language (`components::ErrorPanel`); `Display` is a technical description for logs only.

use qrpin::model::GraphErrorBody;

use crate::auth::AuthError;

#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum ApiError {
    #[error("Microsoft Graph answered HTTP {status} ({code}): {message}")]
    Graph {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
    },
    #[error("Microsoft Graph unreachable ({0})")]
    Network(String),
    #[error("{0}")]
    Auth(AuthError),
    #[error("Microsoft Graph refused the access token (401)")]
    Unauthorized,
    #[error("claims challenge from Microsoft Graph")]
    ClaimsChallenge { claims: String },
    #[error("Microsoft Graph answered in an unexpected format ({detail})")]
    Unreadable {
        detail: String,
        request_id: Option<String>,
    },
    #[error("Microsoft Graph read timed out")]
    Timeout,
    /// The page that asked was left before the answer came; nobody sees this.
    #[error("request cancelled")]
    Cancelled,
}

/// What an error means for the person, by Graph's status class and stable `code` (never its
/// unlocalised message): the view words each kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ErrorKind<'a> {
    /// Graph 401 with a Graph error body.
    SignInExpired,
    /// Graph 403.
    Forbidden,
    /// Graph 404.
    NotFound,
    /// Graph 429.
    Busy,
    /// Graph 400.
    BadRequest,
    /// Graph 5xx.
    GraphProblem,
    /// Any other Graph status, with Graph's code.
    Refused { code: &'a str },
    /// No connection.
    Network,
    /// Sign-in itself failed (worded by `components::sign_in_words`).
    SignIn(&'a AuthError),
    /// Graph refused the token, even renewed.
    Unauthorized,
    /// The organisation asks for a fresh sign-in before this change.
    ClaimsChallenge,
    /// A success answer that could not be read, with the parser's technical detail.
    Unreadable { detail: &'a str },
    /// A read that took too long.
    Timeout,
    /// The page that asked is gone.
    Cancelled,
}

impl ApiError {
    /// What the error means for the person; the view words it.
    pub fn kind(&self) -> ErrorKind<'_> {
        match self {
            ApiError::Graph { status, code, .. } => match status {
                401 => ErrorKind::SignInExpired,
                403 => ErrorKind::Forbidden,
                404 => ErrorKind::NotFound,
                429 => ErrorKind::Busy,
                400 => ErrorKind::BadRequest,
                500..=599 => ErrorKind::GraphProblem,
                _ => ErrorKind::Refused { code },
            },
            ApiError::Network(_) => ErrorKind::Network,
            ApiError::Auth(error) => ErrorKind::SignIn(error),
            ApiError::Unauthorized => ErrorKind::Unauthorized,
            ApiError::ClaimsChallenge { .. } => ErrorKind::ClaimsChallenge,
            ApiError::Unreadable { detail, .. } => ErrorKind::Unreadable { detail },
            ApiError::Timeout => ErrorKind::Timeout,
            ApiError::Cancelled => ErrorKind::Cancelled,
        }
    }

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
        assert_eq!(err.kind(), ErrorKind::Forbidden);
    }

    #[test]
    fn header_request_id_wins_and_non_graph_bodies_are_tolerated() {
        let err = ApiError::from_response(502, "<html>Bad gateway</html>", Some("hdr".into()));
        assert_eq!(err.request_id(), Some("hdr"));
        assert_eq!(err.code(), Some("http502"));
        assert_eq!(err.kind(), ErrorKind::GraphProblem);
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

    #[test]
    fn kinds_follow_the_status_class_and_keep_the_code() {
        let is = |status, kind: ErrorKind| ApiError::from_response(status, "", None).kind() == kind;
        assert!(is(401, ErrorKind::SignInExpired));
        assert!(is(404, ErrorKind::NotFound));
        assert!(is(429, ErrorKind::Busy));
        assert!(is(400, ErrorKind::BadRequest));
        assert!(is(503, ErrorKind::GraphProblem));
        assert!(is(409, ErrorKind::Refused { code: "http409" }));
        assert_eq!(ApiError::Timeout.kind(), ErrorKind::Timeout);
        let unreadable = ApiError::Unreadable {
            detail: "expected value".into(),
            request_id: None,
        };
        assert_eq!(
            unreadable.kind(),
            ErrorKind::Unreadable {
                detail: "expected value"
            }
        );
    }
}
