//! `--dist`: the portal's files, index.html under a CSP without inline script, precompressed and cached
//! assets, SPA fallback, wasm MIME type.

use axum::body::Body;
use axum::http::Request;

use crate::common::*;

fn app_with_dist() -> (TestApp, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("index.html"),
        "<!DOCTYPE html><html lang=\"en\"><script type=\"module\" src=\"/loader-0123456789abcdef.js\"></script></html>",
    )
    .unwrap();
    std::fs::write(
        folder.path().join("qrbadge-0123456789abcdef_bg.wasm"),
        b"plain",
    )
    .unwrap();
    std::fs::write(
        folder.path().join("qrbadge-0123456789abcdef_bg.wasm.br"),
        b"brotli",
    )
    .unwrap();
    std::fs::write(
        folder.path().join("qrbadge-0123456789abcdef_bg.wasm.gz"),
        b"gzip",
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
async fn index_gets_security_headers_and_a_policy_without_inline_script() {
    let (app, _dist) = app_with_dist();
    let first = get(&app, "/", "text/html").await;
    assert_eq!(first.status, 200);
    let csp = first.header("content-security-policy").unwrap();
    assert!(
        csp.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval';"),
        "{csp}"
    );
    assert!(
        !csp.contains("nonce-") && !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'")
    );
    for directive in [
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    assert_eq!(first.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(first.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(first.header("cache-control"), Some("no-cache"));
    assert!(first
        .header("permissions-policy")
        .unwrap()
        .contains("screen-wake-lock=(self)"));
}

async fn get_encoded(app: &TestApp, path: &str, encodings: &str) -> TestResponse {
    let request = Request::get(path)
        .header("host", HOST)
        .header("accept-encoding", encodings)
        .body(Body::empty())
        .unwrap();
    app.send(request).await
}

#[tokio::test]
async fn precompressed_files_follow_accept_encoding_and_hashed_files_are_immutable() {
    let (app, _dist) = app_with_dist();
    let path = "/qrbadge-0123456789abcdef_bg.wasm";
    let br = get_encoded(&app, path, "gzip, deflate, br").await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.text(), "brotli");
    assert_eq!(br.header("vary"), Some("Accept-Encoding"));
    assert_eq!(br.header("content-type"), Some("application/wasm"));
    assert_eq!(
        br.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let gz = get_encoded(&app, path, "gzip").await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let plain = get_encoded(&app, path, "identity").await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.text(), "plain");
    assert_eq!(
        get_encoded(&app, "/app.js", "br")
            .await
            .header("cache-control"),
        Some("no-cache")
    );
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
async fn each_path_prefix_gets_its_bundles_page() {
    let (app, dist) = app_with_dist();
    for bundle in ["kiosk", "admin"] {
        std::fs::create_dir(dist.path().join(bundle)).unwrap();
        std::fs::write(
            dist.path().join(bundle).join("index.html"),
            format!("<!DOCTYPE html><title>{bundle}</title>"),
        )
        .unwrap();
        std::fs::write(dist.path().join(bundle).join("app.js"), bundle).unwrap();
    }
    let html = "text/html,application/xhtml+xml";
    for (path, page) in [
        ("/kiosk", "kiosk"),
        ("/kiosk/", "kiosk"),
        ("/kiosk/anything", "kiosk"),
        ("/admin", "admin"),
        ("/admin/team", "admin"),
        ("/admin/print?from=team", "admin"),
        ("/admin/index.html", "admin"),
    ] {
        let response = get(&app, path, html).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.text(),
            format!("<!DOCTYPE html><title>{page}</title>"),
            "{path}"
        );
        assert!(
            response.header("content-security-policy").is_some(),
            "{path}"
        );
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
    }
    for path in ["/", "/pin", "/kiosks", "/administrator/team"] {
        let response = get(&app, path, html).await;
        assert!(
            response.text().contains("loader-0123456789abcdef.js"),
            "{path}"
        );
    }
    assert_eq!(get(&app, "/kiosk/app.js", "*/*").await.text(), "kiosk");
    assert_eq!(get(&app, "/admin/missing.js", "*/*").await.status, 404);
}

#[tokio::test]
async fn without_dist_unknown_paths_are_404() {
    let app = TestApp::new();
    assert_eq!(get(&app, "/", "text/html").await.status, 404);
}
