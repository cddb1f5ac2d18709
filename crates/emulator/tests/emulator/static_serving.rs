//! `--dist`: the portal's files, index.html with a fresh CSP nonce, SPA fallback, wasm MIME type.

use axum::body::Body;
use axum::http::Request;

use crate::common::*;

fn app_with_dist() -> (TestApp, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("index.html"),
        "<!DOCTYPE html><html lang=\"en\"><script nonce=\"{{__TRUNK NONCE__}}\" type=\"module\">import init from '/app.js';</script></html>",
    )
    .unwrap();
    std::fs::write(
        folder.path().join("app.js"),
        "export default function init() {}",
    )
    .unwrap();
    std::fs::write(folder.path().join("app_bg.wasm"), [0u8, 97, 115, 109]).unwrap();
    let mut config = test_config();
    config.dist_dir = Some(folder.path().to_path_buf());
    (TestApp::with_config(config), folder)
}

async fn get(app: &TestApp, path: &str, accept: &str) -> TestResponse {
    let request = Request::get(path)
        .header("host", HOST)
        .header("accept", accept)
        .body(Body::empty())
        .unwrap();
    app.send(request).await
}

#[tokio::test]
async fn index_gets_a_fresh_nonce_and_security_headers() {
    let (app, _dist) = app_with_dist();
    let first = get(&app, "/", "text/html").await;
    assert_eq!(first.status, 200);
    let html = first.text();
    assert!(!html.contains("{{__TRUNK NONCE__}}"));
    let nonce = html
        .split("nonce=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(nonce.len(), 24, "base64 of 16 bytes");
    let csp = first.header("content-security-policy").unwrap();
    assert!(csp.contains(&format!("'nonce-{nonce}'")));
    assert!(csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(first.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(first.header("referrer-policy"), Some("no-referrer"));
    let second = get(&app, "/", "text/html").await.text();
    assert_ne!(second, html, "nonce differs per response");
}

#[tokio::test]
async fn spa_routes_fall_back_and_assets_have_types() {
    let (app, _dist) = app_with_dist();
    let route = get(&app, "/admin/team/42", "text/html,application/xhtml+xml").await;
    assert_eq!(route.status, 200);
    assert!(route.header("content-security-policy").is_some());
    assert_eq!(get(&app, "/missing.png", "image/png").await.status, 404);
    assert_eq!(
        get(&app, "/app_bg.wasm", "*/*")
            .await
            .header("content-type"),
        Some("application/wasm")
    );
    assert!(get(&app, "/app.js", "*/*")
        .await
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(get(&app, "/../Cargo.toml", "text/plain").await.status, 404);
    // Emulator routes win over the SPA fallback.
    assert_eq!(
        get(&app, "/config.json", "text/html")
            .await
            .header("content-type"),
        Some("application/json")
    );
}

#[tokio::test]
async fn without_dist_unknown_paths_are_404() {
    let app = TestApp::new();
    assert_eq!(get(&app, "/", "text/html").await.status, 404);
}
