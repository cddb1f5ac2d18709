//! Strict reading of request bodies: Graph answers 400 for malformed JSON, unknown or read-only
//! properties and values of the wrong type, so the emulator does too (a tolerant mock would hide portal bugs).

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::http::error::GraphError;

pub type JsonObject = Map<String, Value>;

/// The body as a JSON object; an empty body counts as `{}` (the Entra how-to resets a PIN with no body).
pub fn parse_object(body: &[u8]) -> Result<JsonObject, GraphError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(GraphError::bad_request(
            "The request body must be a JSON object.",
        )),
        Err(_) => Err(GraphError::invalid_json()),
    }
}

/// Describes which properties a request may carry for an entity type.
pub struct Shape {
    /// `microsoft.graph.qrCode` etc., as used in messages and `@odata.type`.
    pub type_name: &'static str,
    pub writable: &'static [&'static str],
    pub read_only: &'static [&'static str],
}

impl Shape {
    /// Rejects unknown and read-only members and a mismatching `@odata.type`.
    pub fn check(&self, object: &JsonObject) -> Result<(), GraphError> {
        for (name, value) in object {
            if name == "@odata.type" {
                let given = value.as_str().unwrap_or("");
                if !given
                    .trim_start_matches('#')
                    .eq_ignore_ascii_case(self.type_name)
                {
                    return Err(GraphError::bad_request(format!(
                        "A type named '{given}' could not be resolved by the model; expected '#{}'.",
                        self.type_name
                    )));
                }
            } else if name.starts_with('@') || name.contains("@odata.") {
                continue;
            } else if self.read_only.iter().any(|known| known == name) {
                return Err(GraphError::bad_request(format!(
                    "The property '{name}' is read-only and cannot be set on type '{}'.",
                    self.type_name
                )));
            } else if !self.writable.iter().any(|known| known == name) {
                return Err(GraphError::bad_request(format!(
                    "The property '{name}' does not exist on type '{}'. Make sure to only use property names that are defined by the type or mark the type as open type.",
                    self.type_name
                )));
            }
        }
        Ok(())
    }
}

fn wrong_type(name: &str, expected: &str) -> GraphError {
    GraphError::bad_request(format!(
        "Cannot convert the value of property '{name}' to the expected type '{expected}'."
    ))
}

pub fn missing(name: &str) -> GraphError {
    GraphError::bad_request(format!("The property '{name}' is required."))
}

pub fn required<T>(name: &str, value: Option<T>) -> Result<T, GraphError> {
    value.ok_or_else(|| missing(name))
}

/// An ISO 8601 date-time with an offset; `null` or absent is `None`.
pub fn date_time(object: &JsonObject, name: &str) -> Result<Option<DateTime<Utc>>, GraphError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => DateTime::parse_from_rfc3339(text)
            .map(|instant| Some(instant.with_timezone(&Utc)))
            .map_err(|_| {
                GraphError::bad_request(format!(
                    "Cannot convert the literal '{text}' to the expected type 'Edm.DateTimeOffset'."
                ))
            }),
        Some(_) => Err(wrong_type(name, "Edm.DateTimeOffset")),
    }
}

pub fn string(object: &JsonObject, name: &str) -> Result<Option<String>, GraphError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(wrong_type(name, "Edm.String")),
    }
}

pub fn integer(object: &JsonObject, name: &str) -> Result<Option<i64>, GraphError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(number)) => number
            .as_i64()
            .map(Some)
            .ok_or_else(|| wrong_type(name, "Edm.Int32")),
        Some(_) => Err(wrong_type(name, "Edm.Int32")),
    }
}

pub fn object<'a>(
    object: &'a JsonObject,
    name: &str,
    type_name: &str,
) -> Result<Option<&'a JsonObject>, GraphError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(_) => Err(wrong_type(name, type_name)),
    }
}

pub fn array<'a>(
    object: &'a JsonObject,
    name: &str,
    type_name: &str,
) -> Result<Option<&'a Vec<Value>>, GraphError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => Ok(Some(items)),
        Some(_) => Err(wrong_type(name, type_name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QR: Shape = Shape {
        type_name: "microsoft.graph.qrCode",
        writable: &["startDateTime", "expireDateTime"],
        read_only: &["id"],
    };

    #[test]
    fn unknown_read_only_and_wrong_type_are_refused() {
        let ok = parse_object(br##"{"@odata.type":"#microsoft.graph.qrCode","startDateTime":"2025-01-01T00:00:00Z"}"##).unwrap();
        assert!(QR.check(&ok).is_ok());
        let unknown = parse_object(br#"{"colour":"red"}"#).unwrap();
        assert!(QR
            .check(&unknown)
            .unwrap_err()
            .message
            .contains("does not exist"));
        let read_only = parse_object(br#"{"id":"x"}"#).unwrap();
        assert!(QR
            .check(&read_only)
            .unwrap_err()
            .message
            .contains("read-only"));
        let wrong_type = parse_object(br##"{"@odata.type":"#microsoft.graph.qrPin"}"##).unwrap();
        assert!(QR.check(&wrong_type).is_err());
        let number_date = parse_object(br#"{"startDateTime":5}"#).unwrap();
        assert!(date_time(&number_date, "startDateTime").is_err());
        assert!(parse_object(b"{,}").is_err());
        assert!(parse_object(b"[1]").is_err());
        assert!(parse_object(b"  ").unwrap().is_empty());
    }
}
