//! Graph's error body and the entry point for reading any Graph response.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
pub fn parse_entity<T: DeserializeOwned>(json: &str) -> Result<T, ParseError> {
    let value: Value =
        serde_json::from_str(json).map_err(|err| ParseError::InvalidJson(err.to_string()))?;
    let value = unwrap_single_value(value);
    // Every Graph body is an object. serde would otherwise read `[1, 2]` as a struct's fields in order.
    if !value.is_object() {
        return Err(ParseError::UnexpectedShape(format!(
            "expected a JSON object, found {}",
            kind_of(&value)
        )));
    }
    serde_json::from_value(value).map_err(|err| ParseError::UnexpectedShape(err.to_string()))
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Returns the inner object of `{"value": {...}}` when the only other members are `@odata.*` annotations.
/// Collections (`"value": [...]`) are left alone so `Collection<T>` still parses.
fn unwrap_single_value(value: Value) -> Value {
    match value {
        Value::Object(mut members)
            if members.get("value").is_some_and(Value::is_object)
                && members
                    .keys()
                    .all(|key| key == "value" || key.starts_with("@odata.")) =>
        {
            members.remove("value").unwrap_or(Value::Null)
        }
        other => other,
    }
}
