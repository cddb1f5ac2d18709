//! Contract tests: every Graph request in the documentation vectors (`tests/fixtures/graph`) is replayed
//! against the emulator — at the vectors' own date, via the emulator clock — and the status and response
//! shape (property names, JSON types, nullness) are checked against the documented response.
//!
//! Members that appear in one documented example only and not in Graph's metadata are not contract; they are listed
//! in `KNOWN_DIFFERENCES`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::common::*;

/// Members present in a documented response that the emulator deliberately does not reproduce.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    ("isUsable", "in one example only, not in the metadata"),
    (
        "methodUsabilityReason",
        "in one example only, not in the metadata",
    ),
    ("includeTargets@odata.context", "annotation, only on GET"),
];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/graph")
}

fn read_json(name: &str) -> Option<Value> {
    let text = std::fs::read_to_string(fixtures().join(name)).ok()?;
    serde_json::from_str(&text)
        .ok()
        .or_else(|| serde_json::from_str(&strip_trailing_commas(&text)).ok())
}

/// Several published request bodies have a trailing comma; the replay fixes that typo (the emulator itself
/// rejects such bodies, see `rules::malformed_bodies_are_400`).
fn strip_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (index, c) in chars.iter().enumerate() {
        if *c == ',' {
            let next = chars[index + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

/// Documented `{"value": {...}}` single-entity wrapping is a doc quirk; real OData responses are unwrapped.
fn unwrap_value(value: Value) -> Value {
    match value {
        Value::Object(ref map)
            if map.len() == 1 && map.get("value").is_some_and(Value::is_object) =>
        {
            map["value"].clone()
        }
        other => other,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every documented member exists in ours with the same JSON type (null stays null, except where the
/// documentation itself disagrees: beta's `pin.code: ""` is `null` in v1.0 and in the emulator).
fn assert_same_shape(documented: &Value, ours: &Value, path: &str, vector: &str) {
    match (documented, ours) {
        (Value::Object(doc), Value::Object(our)) => {
            for (name, doc_value) in doc {
                if KNOWN_DIFFERENCES.iter().any(|(known, _)| known == name) {
                    continue;
                }
                let child = format!("{path}.{name}");
                let our_value = our
                    .get(name)
                    .unwrap_or_else(|| panic!("{vector}: {child} missing in {ours}"));
                if child.ends_with("pin.code") && doc_value == "" && our_value.is_null() {
                    continue;
                }
                assert_same_shape(doc_value, our_value, &child, vector);
            }
        }
        (Value::Array(doc), Value::Array(our)) => {
            if let (Some(doc_first), Some(our_first)) = (doc.first(), our.first()) {
                assert_same_shape(doc_first, our_first, &format!("{path}[0]"), vector);
            }
        }
        _ => assert_eq!(
            kind(documented),
            kind(ours),
            "{vector}: type of {path}: documented {documented}, emulator {ours}"
        ),
    }
}

/// Which seeded user plays the vector's `/users/{id}` so the documented outcome is reachable.
fn stand_in(name: &str) -> &'static str {
    match name {
        "v1-put-qrcodepinmethod" | "beta-put-qrcodepinmethod" => ALEX,
        "v1-create-standardqrcode" | "beta-create-standardqrcode" | "v1-get-qrcodepinmethod" => {
            LYNNE
        }
        "v1-reset-pin" | "beta-reset-pin" => ISAIAH,
        _ => ADELE,
    }
}

fn graph_path(request_line: &str, stand_in_user: &str) -> (String, String) {
    let (method, url) = request_line.split_once(' ').expect("METHOD URL");
    let path = url.trim().trim_start_matches("https://graph.microsoft.com");
    // The beta policy DELETE page says `/beta//beta/policies/…` (doc artefact).
    let path = path.replace("/beta//beta/", "/beta/");
    let segments: Vec<&str> = path.split('/').collect();
    let path = match segments.iter().position(|s| *s == "users") {
        Some(index) if segments.len() > index + 1 => {
            let mut owned: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
            owned[index + 1] = stand_in_user.to_string();
            owned.join("/")
        }
        _ => path.to_string(),
    };
    (method.to_string(), path)
}

#[tokio::test]
async fn graph_vectors_replay_with_documented_status_and_shape() {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("index.json")).unwrap())
            .unwrap();
    let vectors = index["vectors"].as_array().unwrap();
    let mut replayed = Vec::new();
    for vector in vectors {
        let name = vector["name"].as_str().unwrap();
        let Some(request_line) = vector["request_line"].as_str() else {
            continue;
        };
        if !request_line.contains("graph.microsoft.com") {
            continue;
        }
        let app = TestApp::new();
        // Replay at the vectors' time: their dates (2025) must be "now" for the rules to agree.
        let era: DateTime<Utc> = "2025-03-04T12:00:00Z".parse().unwrap();
        app.emulator.clock.set(era);
        app.emulator.store.reset(app.now()).unwrap();
        let user = stand_in(name);
        let (method, path) = graph_path(request_line, user);
        let token = if path.contains("/me/") || path.ends_with("/me") {
            app.token(user)
        } else {
            let mut scopes: Vec<&str> =
                qrbadge_emulator::oidc::scopes::PORTAL_GRAPH_SCOPES.to_vec();
            scopes.push("Policy.ReadWrite.AuthenticationMethod");
            app.token_with(PATTI, Some(&scopes), chrono::Duration::zero())
        };
        let mut body = vector["files"]["request_json"].as_str().and_then(read_json);
        if let Some(body) = body.as_mut() {
            if body.get("currentPin").is_some() {
                body["currentPin"] = Value::from(ADELE_PIN);
            }
        }
        let response = app.call(&method, &path, Some(&token), body).await;
        let documented_status = vector["status"].as_u64().unwrap();
        assert_eq!(
            response.status.as_u16() as u64,
            documented_status,
            "{name}: {method} {path}: {}",
            response.text()
        );
        if let Some(file) = vector["files"]["response_json"].as_str() {
            let documented =
                unwrap_value(read_json(file).unwrap_or_else(|| panic!("{name}: documented JSON")));
            assert_same_shape(&documented, &response.json(), "$", name);
        } else if documented_status == 204 {
            assert!(response.body.is_empty(), "{name}: 204 has no body");
        }
        replayed.push(name.to_string());
    }
    assert_eq!(
        replayed.len(),
        24,
        "every Graph request vector is replayed: {replayed:?}"
    );
}

#[tokio::test]
async fn error_and_throttling_shapes_match_the_documented_ones() {
    let app = TestApp::new();
    let documented_error = read_json("graph-error-shape-response.json").unwrap();
    let ours = app.get(ME_METHOD, &app.token(ALEX)).await;
    assert_same_shape(&documented_error, &ours.json(), "$", "graph-error-shape");

    app.emulator.faults.add(serde_json::from_value(serde_json::json!({ "path": "/beta/me", "kind": "status", "status": 429, "retryAfter": "2.128" })).unwrap());
    let throttled = app.get("/beta/me", &app.token(ALEX)).await;
    assert_eq!(throttled.status, 429);
    assert_eq!(throttled.header("retry-after"), Some("2.128"));
    let documented_429 = read_json("graph-throttling-429-response.json").unwrap();
    assert_same_shape(
        &documented_429,
        &throttled.json(),
        "$",
        "graph-throttling-429",
    );
}

#[tokio::test]
async fn token_vectors_match_the_emulated_token_endpoint() {
    let app = TestApp::new();
    let tokens = crate::oidc_flow::sign_in_silently(&app, ADELE).await;
    for name in [
        "entra-token-authcode-response.json",
        "entra-token-refresh-response.json",
    ] {
        let documented = read_json(name).unwrap();
        assert_same_shape(&documented, &tokens, "$", name);
    }
    let error = crate::oidc_flow::redeem_code(&app, "no-such-code")
        .await
        .json();
    for name in [
        "entra-token-error-response.json",
        "entra-token-error-9002326-response.json",
    ] {
        let documented = read_json(name).unwrap();
        assert_same_shape(&documented, &error, "$", name);
    }
}
