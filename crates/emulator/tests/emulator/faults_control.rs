//! Test control: faults, per-user throttling, the clock, reset, seeding, state persistence; plus a
//! dropped connection over a real socket.

use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use chrono::Duration;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use qrbadge_emulator::app::{build_router, Emulator};
use serde_json::json;

use crate::common::*;

async fn control(app: &TestApp, method: &str, path: &str, body: serde_json::Value) -> TestResponse {
    app.call(method, path, None, Some(body)).await
}

#[tokio::test]
async fn status_faults_apply_n_times_with_fractional_retry_after() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    let added = control(&app, "POST", "/_emulator/faults",
        json!({ "method": "GET", "path": "/beta/me/authentication/*", "kind": "status", "status": 429, "retryAfter": "2.128", "count": 2 })).await;
    assert_eq!(added.status, 201, "{}", added.text());
    for _ in 0..2 {
        let throttled = app.get(ME_METHOD, &token).await;
        assert_eq!(throttled.status, 429);
        assert_eq!(throttled.header("retry-after"), Some("2.128"));
        assert_eq!(throttled.error_code(), "TooManyRequests");
        assert_eq!(throttled.json()["error"]["innerError"]["status"], "429");
    }
    assert_eq!(app.get(ME_METHOD, &token).await.status, 200);
    assert_eq!(
        app.get("/beta/me", &token).await.status,
        200,
        "other paths unaffected"
    );

    control(
        &app,
        "POST",
        "/_emulator/faults",
        json!({ "path": "*/me", "kind": "status", "status": 503, "count": 5 }),
    )
    .await;
    assert_eq!(app.get("/beta/me", &token).await.status, 503);
    let listed = app
        .call("GET", "/_emulator/faults", None, None)
        .await
        .json();
    assert_eq!(listed["faults"][0]["remaining"], 4);
    assert_eq!(
        app.call("DELETE", "/_emulator/faults", None, None)
            .await
            .status,
        204
    );
    assert_eq!(app.get("/beta/me", &token).await.status, 200);
}

#[tokio::test]
async fn delay_and_malformed_faults() {
    let app = TestApp::new();
    let token = app.token(ADELE);
    control(
        &app,
        "POST",
        "/_emulator/faults",
        json!({ "path": "/beta/me", "kind": "delay", "delayMs": 150 }),
    )
    .await;
    let started = std::time::Instant::now();
    assert_eq!(app.get("/beta/me", &token).await.status, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(150));
    control(
        &app,
        "POST",
        "/_emulator/faults",
        json!({ "path": "/beta/me", "kind": "malformed" }),
    )
    .await;
    let malformed = app.get("/beta/me", &token).await;
    assert_eq!(malformed.status, 200);
    assert!(serde_json::from_slice::<serde_json::Value>(&malformed.body).is_err());
    // Token endpoint faults too (e.g. Entra answering 503).
    control(&app, "POST", "/_emulator/faults", json!({ "method": "POST", "path": "*/oauth2/v2.0/token", "kind": "status", "status": 503, "retryAfter": "1" })).await;
    let token_call = app
        .call_raw(
            "POST",
            "/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token",
            None,
            Some(""),
        )
        .await;
    assert_eq!(token_call.status, 503);
    assert_eq!(token_call.header("retry-after"), Some("1"));
    let bad = control(
        &app,
        "POST",
        "/_emulator/faults",
        json!({ "path": "/x", "kind": "explode" }),
    )
    .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn batch_items_are_faulted_individually() {
    let app = TestApp::new();
    control(&app, "POST", "/_emulator/faults", json!({ "method": "GET", "path": "/beta/me/authentication/qrCodePinMethod", "kind": "status", "status": 429, "retryAfter": "0.5" })).await;
    let body = json!({ "requests": [
        { "id": "a", "method": "GET", "url": "/me" },
        { "id": "b", "method": "GET", "url": "/me/authentication/qrCodePinMethod" }
    ]});
    let response = app
        .call("POST", "/beta/$batch", Some(&app.token(ADELE)), Some(body))
        .await
        .json();
    let responses = response["responses"].as_array().unwrap();
    assert_eq!(responses[0]["status"], 200);
    assert_eq!(responses[1]["status"], 429);
    assert_eq!(responses[1]["headers"]["retry-after"], "0.5");
}

#[tokio::test]
async fn throttling_is_per_user_and_retry_after_is_honoured() {
    let app = TestApp::new();
    let set = app
        .call(
            "PUT",
            "/_emulator/throttle",
            None,
            Some(json!({ "limit": 3, "windowSeconds": 2.5 })),
        )
        .await;
    assert_eq!(set.status, 200);
    let adele = app.token(ADELE);
    let isaiah = app.token(ISAIAH);
    for _ in 0..3 {
        assert_eq!(app.get("/beta/me", &adele).await.status, 200);
    }
    let throttled = app.get("/beta/me", &adele).await;
    assert_eq!(throttled.status, 429);
    let retry_after: f64 = throttled.header("retry-after").unwrap().parse().unwrap();
    assert!(retry_after > 0.0 && retry_after <= 2.5, "{retry_after}");
    // Another user is not affected.
    assert_eq!(app.get("/beta/me", &isaiah).await.status, 200);
    // Waiting less than Retry-After is still throttled; waiting it out is served.
    app.emulator
        .clock
        .advance(Duration::milliseconds((retry_after * 1000.0) as i64 - 200));
    assert_eq!(app.get("/beta/me", &adele).await.status, 429);
    app.emulator.clock.advance(Duration::milliseconds(250));
    assert_eq!(app.get("/beta/me", &adele).await.status, 200);
    assert_eq!(
        app.call("DELETE", "/_emulator/throttle", None, None)
            .await
            .status,
        204
    );
}

#[tokio::test]
async fn clock_can_be_read_advanced_and_set() {
    let app = TestApp::new();
    let before = app.call("GET", "/_emulator/clock", None, None).await.json();
    assert!(before["now"].is_string());
    let advanced = control(
        &app,
        "POST",
        "/_emulator/clock",
        json!({ "advanceSeconds": 3600 }),
    )
    .await
    .json();
    assert!((advanced["offsetSeconds"].as_f64().unwrap() - 3600.0).abs() < 1.0);
    let set = control(
        &app,
        "POST",
        "/_emulator/clock",
        json!({ "now": "2031-05-01T08:00:00Z" }),
    )
    .await
    .json();
    assert!(
        set["now"].as_str().unwrap().starts_with("2031-05-01T08:00"),
        "{set}"
    );
    let reset = control(&app, "POST", "/_emulator/clock", json!({ "reset": true }))
        .await
        .json();
    assert!(reset["offsetSeconds"].as_f64().unwrap().abs() < 1.0);
}

#[tokio::test]
async fn reset_returns_to_the_seed_and_seed_can_be_replaced() {
    let app = TestApp::new();
    let admin = app.token(MEGAN);
    assert_eq!(
        app.call("DELETE", &user_method(ADELE), Some(&admin), None)
            .await
            .status,
        204
    );
    assert_eq!(
        app.call("POST", "/_emulator/reset", None, None)
            .await
            .status,
        204
    );
    assert_eq!(app.get(&user_method(ADELE), &admin).await.status, 200);

    let seed = json!({
        "users": [{ "id": "11111111-0000-0000-0000-000000000001", "userPrincipalName": "sam.lee@contoso.com", "displayName": "Sam Lee",
                    "qrCodePinMethod": { "createdDateTime": "now-1d", "standardQRCode": { "startDateTime": "now-1d", "expireDateTime": "now+30d" },
                                         "pin": { "code": "47392018", "forceChangePinNextSignIn": false } } }],
        "groups": [{ "id": "22222222-0000-0000-0000-000000000002", "displayName": "Night shift", "members": ["sam.lee@contoso.com"] }]
    });
    assert_eq!(
        control(&app, "POST", "/_emulator/seed", seed).await.status,
        204
    );
    assert!(app.emulator.store.read(|d| d.find_user(ADELE).is_none()));
    let sam = app.token("sam.lee@contoso.com");
    assert_eq!(
        app.get(ME_METHOD, &sam).await.json()["pin"]["forceChangePinNextSignIn"],
        false
    );
    let seeds = app.call("GET", "/_emulator/seed", None, None).await.json();
    assert_eq!(seeds["pins"]["sam.lee@contoso.com"], "47392018");
    let broken = control(
        &app,
        "POST",
        "/_emulator/seed",
        json!({ "users": [], "groups": [{ "id": "x", "displayName": "x", "members": ["ghost"] }] }),
    )
    .await;
    assert_eq!(broken.status, 400);
}

#[tokio::test]
async fn control_endpoints_are_off_without_the_flag() {
    let app = TestApp::with_config(qrbadge_emulator::config::EmulatorConfig::default());
    assert_eq!(
        app.call("POST", "/_emulator/reset", None, None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn tokens_can_be_minted_for_scripts() {
    let app = TestApp::new();
    let minted = control(
        &app,
        "POST",
        "/_emulator/tokens",
        json!({ "user": ADELE, "scopes": ["User.Read"], "authTime": "now-20m" }),
    )
    .await
    .json();
    let token = minted["access_token"].as_str().unwrap();
    assert_eq!(app.get("/beta/me", token).await.status, 200);
    assert_eq!(app.get(ME_METHOD, token).await.status, 403);
}

#[tokio::test]
async fn state_file_survives_a_restart_and_is_written_atomically() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("state.json");
    let mut config = test_config();
    config.state_file = Some(path.clone());
    let app = TestApp::with_config(config.clone());
    let admin = app.token(MEGAN);
    assert_eq!(
        app.call(
            "DELETE",
            &format!("{}/standardQRCode", user_method(ADELE)),
            Some(&admin),
            None
        )
        .await
        .status,
        204
    );
    let leftovers: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temp file left behind: {leftovers:?}"
    );
    let restarted = TestApp::with_config(config);
    let method = restarted
        .get(&user_method(ADELE), &restarted.token(MEGAN))
        .await
        .json();
    assert!(method["standardQRCode"].is_null());
    // A torn file is reported, not silently replaced.
    std::fs::write(&path, "{\"users\": [").unwrap();
    assert!(Emulator::new(test_config_with_state(&path), shared_keys()).is_err());
}

fn test_config_with_state(path: &std::path::Path) -> qrbadge_emulator::config::EmulatorConfig {
    let mut config = test_config();
    config.state_file = Some(path.to_path_buf());
    config
}

/// A real socket: the drop fault closes the connection without any response.
#[tokio::test]
async fn drop_fault_closes_the_connection() {
    let emulator = Arc::new(Emulator::new(test_config(), shared_keys()).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(qrbadge_emulator::server::serve(
        listener,
        build_router(emulator.clone()),
    ));
    emulator
        .faults
        .add(serde_json::from_value(json!({ "path": "/config.json", "kind": "drop" })).unwrap());
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let request = Request::get("/config.json")
        .header("host", address.to_string())
        .body(Empty::<Bytes>::new())
        .unwrap();
    assert!(
        sender.send_request(request).await.is_err(),
        "connection dropped"
    );
    // The next request on a new connection is served.
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let request = Request::get("/config.json")
        .header("host", address.to_string())
        .body(Empty::<Bytes>::new())
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("authority"));
    let _ = Body::empty();
}
