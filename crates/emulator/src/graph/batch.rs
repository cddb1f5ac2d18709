//! `POST /$batch`: up to 20 requests, each authenticated, throttled, fault-injected and answered on its own;
//! `dependsOn` is honoured (a failed dependency gives 424). A lost-answer fault on an item applies the item
//! and answers it with an error (504 unless the fault names a status), so its dependents get 424; a malformed
//! fault applies it and answers 200 with a truncated body, which no client can read.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use serde_json::{json, Map, Value};

use super::{dispatch, GraphCall, GraphReply, GRAPH_JSON};
use crate::app::Emulator;
use crate::faults::BatchFault;
use crate::http::error::GraphError;
use crate::http::request_id::RequestIds;

pub const MAX_REQUESTS: usize = 20;
/// The body of an item answered by a malformed fault: the start of an entity, cut off.
const MALFORMED_BODY: &str = r#"{"@odata.context":"truncated","id":"#;

struct BatchItem {
    id: String,
    method: Method,
    url: String,
    body: Option<Value>,
    has_content_type: bool,
    depends_on: Vec<String>,
}

fn invalid(message: &str) -> GraphError {
    GraphError::new(StatusCode::BAD_REQUEST, "BadRequest", message)
}

fn parse_items(body: &[u8]) -> Result<Vec<BatchItem>, GraphError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| GraphError::invalid_json())?;
    let requests = value
        .get("requests")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("Invalid batch payload format: 'requests' must be an array."))?;
    if requests.is_empty() {
        return Err(invalid(
            "Invalid batch payload format: 'requests' is empty.",
        ));
    }
    if requests.len() > MAX_REQUESTS {
        return Err(invalid(
            "The number of batch requests exceeds the limit of 20.",
        ));
    }
    let mut items = Vec::new();
    for request in requests {
        let text = |name: &str| {
            request
                .get(name)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let id = text("id").ok_or_else(|| invalid("Every batch request needs a string 'id'."))?;
        if items.iter().any(|item: &BatchItem| item.id == id) {
            return Err(invalid(&format!(
                "Batch request id '{id}' is used more than once."
            )));
        }
        let method = text("method")
            .and_then(|m| Method::from_bytes(m.to_ascii_uppercase().as_bytes()).ok())
            .ok_or_else(|| invalid("Every batch request needs a 'method'."))?;
        let url =
            text("url").ok_or_else(|| invalid("Every batch request needs a relative 'url'."))?;
        let has_content_type = request
            .get("headers")
            .and_then(Value::as_object)
            .is_some_and(|headers| {
                headers
                    .keys()
                    .any(|name| name.eq_ignore_ascii_case("content-type"))
            });
        let depends_on = request
            .get("dependsOn")
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        items.push(BatchItem {
            id,
            method,
            url,
            body: request.get("body").cloned(),
            has_content_type,
            depends_on,
        });
    }
    Ok(items)
}

pub async fn execute(
    emulator: &Emulator,
    outer: &GraphCall,
    _ids: &RequestIds,
) -> Result<GraphReply, GraphError> {
    if outer.method != Method::POST {
        return Err(GraphError::method_not_allowed());
    }
    let items = parse_items(&outer.body)?;
    let mut statuses: HashMap<String, u16> = HashMap::new();
    let mut responses = Vec::new();
    for item in &items {
        let failed_dependency = item
            .depends_on
            .iter()
            .any(|dependency| statuses.get(dependency).is_none_or(|status| *status >= 400));
        let response = if failed_dependency {
            item_error(
                emulator,
                &item.id,
                &GraphError::new(
                    StatusCode::FAILED_DEPENDENCY,
                    "BadRequest",
                    "Failed dependency.",
                ),
            )
        } else {
            run_item(emulator, outer, item).await
        };
        statuses.insert(
            item.id.clone(),
            response
                .get("status")
                .and_then(Value::as_u64)
                .unwrap_or(500) as u16,
        );
        responses.push(response);
    }
    Ok(GraphReply::ok(json!({ "responses": responses })))
}

async fn run_item(emulator: &Emulator, outer: &GraphCall, item: &BatchItem) -> Value {
    if !item.url.starts_with('/') && item.url.contains("://") {
        return item_error(
            emulator,
            &item.id,
            &invalid("Batch request URLs must be relative, e.g. /me."),
        );
    }
    if item.body.is_some() && !item.has_content_type {
        return item_error(
            emulator,
            &item.id,
            &invalid("A Content-Type header is required when a batch request has a body."),
        );
    }
    let relative = if item.url.starts_with('/') {
        item.url.clone()
    } else {
        format!("/{}", item.url)
    };
    let (path, query) = match relative.split_once('?') {
        Some((path, query)) => (path.to_string(), Some(query.to_string())),
        None => (relative, None),
    };
    let full_path = format!("/{}{path}", outer.version.segment());
    let fault = emulator
        .faults
        .take_for_batch(item.method.as_str(), &full_path);
    let malformed = matches!(fault, Some(BatchFault::Malformed));
    let lost_answer = match fault {
        Some(BatchFault::Delay(delay)) => {
            tokio::time::sleep(delay).await;
            None
        }
        Some(BatchFault::Error(error)) => return item_error(emulator, &item.id, &error),
        Some(BatchFault::LostAnswer(error)) => Some(error),
        Some(BatchFault::Malformed) | None => None,
    };
    let call = GraphCall {
        version: outer.version,
        method: item.method.clone(),
        path,
        query,
        authorization: outer.authorization.clone(),
        body: item
            .body
            .as_ref()
            .map(|body| Bytes::from(body.to_string()))
            .unwrap_or_default(),
        origin: outer.origin.clone(),
    };
    let outcome = dispatch::dispatch(emulator, &call);
    // The item has been applied (or refused) either way; with a lost answer the client only learns the error.
    if let Some(error) = lost_answer {
        return item_error(emulator, &item.id, &error);
    }
    if malformed {
        return json!({
            "id": item.id,
            "status": 200,
            "headers": { "content-type": GRAPH_JSON },
            "body": MALFORMED_BODY,
        });
    }
    match outcome {
        Ok(reply) => {
            let mut headers = Map::new();
            for (name, value) in &reply.headers {
                headers.insert(name.to_string(), json!(value));
            }
            if reply.body.is_some() {
                headers.insert("content-type".into(), json!(GRAPH_JSON));
            }
            let mut response =
                json!({ "id": item.id, "status": reply.status.as_u16(), "headers": headers });
            if let Some(body) = reply.body {
                response["body"] = body;
            }
            response
        }
        Err(error) => item_error(emulator, &item.id, &error),
    }
}

fn item_error(emulator: &Emulator, id: &str, error: &GraphError) -> Value {
    let ids = RequestIds::fresh(None);
    let mut headers = Map::new();
    headers.insert("content-type".into(), json!("application/json"));
    for (name, value) in error.headers() {
        headers.insert(name.to_string(), json!(value));
    }
    json!({
        "id": id,
        "status": error.status.as_u16(),
        "headers": headers,
        "body": error.body(&ids, emulator.clock.now()),
    })
}
