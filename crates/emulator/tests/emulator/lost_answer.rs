//! The lost-answer fault: the request is applied, then the client gets no answer (the connection closes) or
//! a replaced error status. Every test checks the directory afterwards, since the point of the fault is that
//! the write happened although the client cannot know it.

use axum::body::Body;
use axum::http::Request;
use chrono::Duration;
use http_body_util::Full;
use hyper::body::Bytes;
use qrbadge_emulator::faults::DropConnection;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::common::*;

const NEW_PIN: &str = "47392018";

async fn add_fault(app: &TestApp, spec: Value) {
    let added = app
        .call("POST", "/_emulator/faults", None, Some(spec))
        .await;
    assert_eq!(added.status, 201, "{}", added.text());
}

async fn remaining_faults(app: &TestApp) -> Vec<Value> {
    let listed = app
        .call("GET", "/_emulator/faults", None, None)
        .await
        .json();
    listed["faults"].as_array().cloned().unwrap_or_default()
}

/// Sends through the router in process; true when the server would close the connection unanswered.
async fn answer_dropped(app: &TestApp, method: &str, path: &str, token: &str, body: Value) -> bool {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("host", HOST)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    let response = app
        .router
        .clone()
        .oneshot(request)
        .await
        .expect("infallible");
    response.extensions().get::<DropConnection>().is_some()
}

fn put_body(app: &TestApp) -> Value {
    let now = app.now();
    json!({ "standardQRCode": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(30)) } })
}

fn pin_hash(app: &TestApp, upn: &str) -> Option<String> {
    app.emulator.store.read(|directory| {
        let user = directory.find_user(upn)?;
        directory.methods.get(&user.id).map(|m| m.pin.hash.clone())
    })
}

/// One PUT over a fresh loopback connection, as a browser would send it.
async fn put_over_socket(
    address: std::net::SocketAddr,
    token: &str,
    body: &Value,
) -> Result<u16, hyper::Error> {
    let stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let request = Request::put(ME_METHOD)
        .header("host", address.to_string())
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("request");
    Ok(sender.send_request(request).await?.status().as_u16())
}

/// A real socket: the PUT is applied, the connection closes without an answer, and a resend (what a browser
/// does on a reused connection) meets the method the lost answer created.
#[tokio::test]
async fn lost_answer_put_creates_the_method_though_the_connection_closes() {
    let app = TestApp::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(qrbadge_emulator::server::serve(
        listener,
        app.router.clone(),
    ));
    let token = app.token(ALEX);
    assert_eq!(app.get(ME_METHOD, &token).await.status, 404);
    add_fault(
        &app,
        json!({ "method": "PUT", "path": ME_METHOD, "kind": "lost-answer" }),
    )
    .await;
    let body = put_body(&app);
    assert!(
        put_over_socket(address, &token, &body).await.is_err(),
        "no answer"
    );
    let method = app.get(ME_METHOD, &token).await;
    assert_eq!(method.status, 200, "the PUT was applied");
    let method = method.json();
    assert!(method["standardQRCode"]["id"].is_string());
    assert!(
        method["pin"]["code"].is_null(),
        "the PIN is not shown again"
    );
    assert!(remaining_faults(&app).await.is_empty());
    // The resend is applied too, and refused: the first PUT left a live standard code.
    let resent = put_over_socket(address, &token, &body)
        .await
        .expect("answered");
    assert_eq!(resent, 400);
}

#[tokio::test]
async fn lost_answer_with_a_status_replaces_the_put_answer() {
    let app = TestApp::new();
    let token = app.token(ALEX);
    add_fault(
        &app,
        json!({ "method": "PUT", "path": "*/qrCodePinMethod", "kind": "lost-answer", "status": 503, "retryAfter": "3" }),
    )
    .await;
    let response = app
        .call("PUT", ME_METHOD, Some(&token), Some(put_body(&app)))
        .await;
    assert_eq!(response.status, 503);
    assert_eq!(response.header("retry-after"), Some("3"));
    assert_eq!(response.error_code(), "serviceNotAvailable");
    assert!(
        response.header("location").is_none(),
        "the real answer is gone"
    );
    assert!(response.json().get("pin").is_none());
    let method = app.get(ME_METHOD, &token).await;
    assert_eq!(method.status, 200, "the PUT was applied");
    assert!(method.json()["standardQRCode"]["id"].is_string());
}

#[tokio::test]
async fn lost_answer_patch_temporary_code_creates_the_code() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let path = format!("{ME_METHOD}/temporaryQRCode");
    assert_eq!(app.get(&path, &token).await.status, 404);
    add_fault(
        &app,
        json!({ "method": "PATCH", "path": "*/temporaryQRCode", "kind": "lost-answer" }),
    )
    .await;
    let now = app.now();
    let window =
        json!({ "startDateTime": iso(now), "expireDateTime": iso(now + Duration::hours(8)) });
    assert!(answer_dropped(&app, "PATCH", &path, &token, window.clone()).await);
    let code = app.get(&path, &token).await;
    assert_eq!(code.status, 200, "the code was created");
    assert!(code.json()["id"].is_string());
    let again = app.call("PATCH", &path, Some(&token), Some(window)).await;
    assert_eq!(again.status, 400, "the applied code is live");
}

#[tokio::test]
async fn lost_answer_update_pin_puts_the_new_pin_in_effect() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let path = format!("{ME_METHOD}/pin/updatePin");
    add_fault(
        &app,
        json!({ "method": "POST", "path": "*/pin/updatePin", "kind": "lost-answer", "status": 504 }),
    )
    .await;
    let change = json!({ "currentPin": ADELE_PIN, "newPin": NEW_PIN });
    let lost = app
        .call("POST", &path, Some(&token), Some(change.clone()))
        .await;
    assert_eq!(lost.status, 504);
    assert_eq!(lost.error_code(), "UnknownError");
    // A retry with the old PIN is refused: the lost change is in effect.
    let retried = app.call("POST", &path, Some(&token), Some(change)).await;
    assert_eq!(retried.status, 400);
    assert!(
        retried.text().contains("current PIN is incorrect"),
        "{}",
        retried.text()
    );
    let with_new = app
        .call(
            "POST",
            &path,
            Some(&token),
            Some(json!({ "currentPin": NEW_PIN, "newPin": "95017362" })),
        )
        .await;
    assert_eq!(with_new.status, 204, "{}", with_new.text());
}

#[tokio::test]
async fn lost_answer_is_consumed_after_count_calls() {
    let app = TestApp::new();
    let admin = app.token(MEGAN);
    let reset = format!("{}/pin", user_method(ISAIAH));
    add_fault(
        &app,
        json!({ "method": "PATCH", "path": "*/pin", "kind": "lost-answer", "status": 503, "count": 2 }),
    )
    .await;
    let mut hash = pin_hash(&app, ISAIAH);
    for remaining in [1, 0] {
        let lost = app
            .call("PATCH", &reset, Some(&admin), Some(json!({})))
            .await;
        assert_eq!(lost.status, 503, "{}", lost.text());
        let now = pin_hash(&app, ISAIAH);
        assert_ne!(now, hash, "every faulted call is applied");
        hash = now;
        let faults = remaining_faults(&app).await;
        match remaining {
            0 => assert!(faults.is_empty(), "{faults:?}"),
            n => assert_eq!(faults[0]["remaining"], n),
        }
    }
    let answered = app
        .call("PATCH", &reset, Some(&admin), Some(json!({})))
        .await;
    assert_eq!(answered.status, 201, "{}", answered.text());
    assert!(answered.json()["code"].is_string());
}

#[tokio::test]
async fn lost_answer_on_a_batch_item_applies_it_and_answers_an_error() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    add_fault(
        &app,
        json!({ "method": "POST", "path": "/beta/me/*/updatePin", "kind": "lost-answer" }),
    )
    .await;
    add_fault(
        &app,
        json!({ "method": "PATCH", "path": "*/temporaryQRCode", "kind": "lost-answer", "status": 503, "retryAfter": "1.5" }),
    )
    .await;
    let now = app.now();
    let body = json!({ "requests": [
        { "id": "pin", "method": "POST", "url": "/me/authentication/qrCodePinMethod/pin/updatePin",
          "headers": { "Content-Type": "application/json" }, "body": { "currentPin": ADELE_PIN, "newPin": NEW_PIN } },
        { "id": "after", "method": "GET", "url": "/me", "dependsOn": ["pin"] },
        { "id": "code", "method": "PATCH", "url": "/me/authentication/qrCodePinMethod/temporaryQRCode",
          "headers": { "Content-Type": "application/json" },
          "body": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::hours(8)) } },
        { "id": "me", "method": "GET", "url": "/me" }
    ]});
    let response = app
        .call("POST", "/beta/$batch", Some(&token), Some(body))
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    let responses = response.json()["responses"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let item = |id: &str| {
        responses
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no item {id}"))
    };
    assert_eq!(item("pin")["status"], 504);
    assert_eq!(item("pin")["body"]["error"]["code"], "UnknownError");
    assert_eq!(item("after")["status"], 424, "dependents see the error");
    assert_eq!(item("code")["status"], 503);
    assert_eq!(item("code")["headers"]["retry-after"], "1.5");
    assert!(item("code")["body"].get("image").is_none());
    assert_eq!(item("me")["status"], 200);
    assert!(remaining_faults(&app).await.is_empty());
    // Both items were applied.
    let method = app.get(ME_METHOD, &token).await.json();
    assert!(method["temporaryQRCode"]["id"].is_string());
    let retried = app
        .call(
            "POST",
            &format!("{ME_METHOD}/pin/updatePin"),
            Some(&token),
            Some(json!({ "currentPin": ADELE_PIN, "newPin": NEW_PIN })),
        )
        .await;
    assert_eq!(retried.status, 400, "the old PIN no longer works");
}

#[tokio::test]
async fn lost_answer_is_listed_with_its_kind() {
    let app = TestApp::new();
    add_fault(
        &app,
        json!({ "path": "/beta/me", "kind": "lost-answer", "count": 3 }),
    )
    .await;
    let faults = remaining_faults(&app).await;
    assert_eq!(faults[0]["kind"], "lost-answer");
    assert_eq!(faults[0]["remaining"], 3);
    // A read loses its answer just the same.
    assert!(answer_dropped(&app, "GET", "/beta/me", &app.token(ADELE), json!({})).await);
}
