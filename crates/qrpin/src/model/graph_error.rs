//! Graph's error body and the entry point for reading any Graph response.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::loose::Shape;
use super::serde_helpers::{deserialize_lenient_string, deserialize_string_or_empty};

/// `{"error": {...}}`, the body of every Graph error response (`code`, `message`, `innerError` with `request-id`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GraphErrorBody {
    pub error: GraphErrorDetail,
}

impl GraphErrorBody {
    /// An error body without request ids (the emulator fills `inner_error` itself).
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error: GraphErrorDetail {
                code: code.into(),
                message: message.into(),
                inner_error: None,
            },
        }
    }
}

/// The `error` object. Code against `code`; `message` is for developers and is not localised.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphErrorDetail {
    #[serde(default, deserialize_with = "deserialize_string_or_empty")]
    pub code: String,
    #[serde(default, deserialize_with = "deserialize_string_or_empty")]
    pub message: String,
    #[serde(default, alias = "innererror", skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<InnerError>,
}

/// Request ids to quote to support. `date` is kept as text: Graph sends it without a zone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InnerError {
    #[serde(default, deserialize_with = "deserialize_lenient_string")]
    pub date: Option<String>,
    #[serde(
        rename = "request-id",
        default,
        deserialize_with = "deserialize_lenient_string"
    )]
    pub request_id: Option<String>,
    #[serde(
        rename = "client-request-id",
        default,
        deserialize_with = "deserialize_lenient_string"
    )]
    pub client_request_id: Option<String>,
}

/// Why a Graph response could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The body is not JSON at all (an HTML error page from a proxy, a truncated body, …).
    #[error("the response is not valid JSON: {0}")]
    InvalidJson(String),
    /// The body is JSON but not the expected resource (a required field missing or of the wrong kind).
    #[error("the response does not have the expected shape: {0}")]
    UnexpectedShape(String),
}

/// Reads one Graph resource from a response body.
///
/// The body must be a JSON object. Accepts the `{"value": {...}}` wrapping that Graph's documented qrCode and policy
/// GET examples show as well as the plain object real OData responses use. Unknown properties and `@odata.*` annotations are ignored.
///
/// The body is read twice, both times straight from its text: once for its shape ([`Shape`]: syntax errors are
/// found there), then as `T`. A `serde_json::Value` in between cost every bundle a second deserializer per entity
/// type (`loose.rs`). One difference from reading through a `Value`: a member repeated in the entity itself is a
/// shape error rather than its last occurrence winning.
pub fn parse_entity<T: DeserializeOwned>(json: &str) -> Result<T, ParseError> {
    let shape: Shape =
        serde_json::from_str(json).map_err(|err| ParseError::InvalidJson(err.to_string()))?;
    let entity = match shape {
        Shape::Wrapped => serde_json::from_str::<Wrapped<T>>(json).map(|wrapped| wrapped.value),
        Shape::Object => serde_json::from_str::<T>(json),
        // Every Graph body is an object. serde would otherwise read `[1, 2]` as a struct's fields in order.
        Shape::Not(kind) => {
            return Err(ParseError::UnexpectedShape(format!(
                "expected a JSON object, found {kind}"
            )))
        }
    };
    entity.map_err(|err| ParseError::UnexpectedShape(err.to_string()))
}

/// `{"value": {...}}`; the other members (only `@odata.*` annotations, [`Shape::Wrapped`]) are ignored.
#[derive(Deserialize)]
struct Wrapped<T> {
    value: T,
}
