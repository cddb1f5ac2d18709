//! The token endpoint's checks, refresh tokens and CORS (sign-out: `oidc_logout.rs`).

use axum::body::Body;
use axum::http::Request;
use chrono::Duration;

use crate::common::*;
use crate::oidc_flow::*;

#[tokio::test]
async fn token_endpoint_checks_pkce_redirect_origin_and_expiry() {
    let app = TestApp::new();
    let code = silent_code(&app, ADELE).await;
    let wrong_verifier = token_request(
        &app,
        &[
            ("client_id", CLIENT),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:8080/"),
            (
                "code_verifier",
                "wrong-verifier-wrong-verifier-wrong-verifier-x",
            ),
        ],
        true,
    )
    .await;
    assert_eq!(wrong_verifier.json()["error_codes"][0], 501481);
    let code = silent_code(&app, ADELE).await;
    let wrong_redirect = token_request(
        &app,
        &[
            ("client_id", CLIENT),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:8080/other"),
            ("code_verifier", VERIFIER),
        ],
        true,
    )
    .await;
    assert_eq!(wrong_redirect.json()["error"], "invalid_grant");
    let code = silent_code(&app, ADELE).await;
    let no_origin = token_request(
        &app,
        &[
            ("client_id", CLIENT),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:8080/"),
            ("code_verifier", VERIFIER),
        ],
        false,
    )
    .await;
    assert_eq!(no_origin.json()["error_codes"][0], 9002327);
    let code = silent_code(&app, ADELE).await;
    app.emulator
        .clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    let expired = redeem(&app, &code).await;
    assert_eq!(expired.json()["error_codes"][0], 70008);
    let unsupported = token_request(
        &app,
        &[("client_id", CLIENT), ("grant_type", "password")],
        true,
    )
    .await;
    assert_eq!(unsupported.json()["error"], "unsupported_grant_type");
    let secret = token_request(
        &app,
        &[
            ("client_id", CLIENT),
            ("grant_type", "refresh_token"),
            ("refresh_token", "x"),
            ("client_secret", "s"),
        ],
        true,
    )
    .await;
    assert_eq!(secret.json()["error_codes"][0], 700025);
}

#[tokio::test]
async fn refresh_tokens_rotate_within_a_fixed_24_hour_horizon() {
    let app = TestApp::new();
    let response = authorize(&app, &[("prompt", "none"), ("login_hint", ADELE)], None).await;
    let code = param(&redirect_params(&response), "code").unwrap();
    let first = redeem(&app, &code).await.json();
    let refresh = |token: String| {
        let app = &app;
        async move {
            token_request(
                app,
                &[
                    ("client_id", CLIENT),
                    ("grant_type", "refresh_token"),
                    ("refresh_token", &token),
                    (
                        "scope",
                        "https://graph.microsoft.com/User.Read openid offline_access",
                    ),
                ],
                true,
            )
            .await
        }
    };
    app.emulator.clock.advance(Duration::hours(23));
    let second = refresh(first["refresh_token"].as_str().unwrap().to_string()).await;
    assert_eq!(second.status, 200, "{}", second.text());
    let second = second.json();
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert!(second["refresh_token_expires_in"].as_i64().unwrap() <= 3600);
    assert_eq!(
        claims(second["access_token"].as_str().unwrap())["scp"],
        "User.Read"
    );
    app.emulator.clock.advance(Duration::hours(1));
    let expired = refresh(second["refresh_token"].as_str().unwrap().to_string()).await;
    assert_eq!(expired.status, 400);
    assert_eq!(expired.json()["error_codes"][0], 700084);
}

#[tokio::test]
async fn graph_preflight_exposes_headers() {
    let app = TestApp::new();
    let request = Request::builder()
        .method("OPTIONS")
        .uri("/beta/me/authentication/qrCodePinMethod/pin/updatePin")
        .header("host", HOST)
        .header("origin", "http://127.0.0.1:3000")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,client-request-id",
        )
        .body(Body::empty())
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, 204);
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some("http://127.0.0.1:3000")
    );
    assert!(response
        .header("access-control-allow-headers")
        .unwrap()
        .contains("client-request-id"));
    let request = Request::get("/beta/me")
        .header("host", HOST)
        .header("origin", "http://127.0.0.1:3000")
        .header("client-request-id", "my-id")
        .body(Body::empty())
        .unwrap();
    let response = app.send(request).await;
    let exposed = response.header("access-control-expose-headers").unwrap();
    for name in ["request-id", "client-request-id", "retry-after", "location"] {
        assert!(exposed.contains(name), "{name}");
    }
    assert_eq!(response.header("client-request-id"), Some("my-id"));
    assert!(response.header("request-id").is_some());
    assert_eq!(
        response.json()["error"]["innerError"]["client-request-id"],
        "my-id"
    );
}

#[tokio::test]
async fn consent_limits_granted_scopes() {
    let app = TestApp::new();
    let silent = authorize(&app, &[("prompt", "none"), ("login_hint", DIEGO)], None).await;
    let code = param(&redirect_params(&silent), "code").unwrap();
    let tokens = redeem(&app, &code).await.json();
    assert_eq!(
        claims(tokens["access_token"].as_str().unwrap())["scp"],
        "User.Read"
    );
    let admin = authorize(&app, &[("prompt", "none"), ("login_hint", MEGAN)], None).await;
    let code = param(&redirect_params(&admin), "code").unwrap();
    let tokens = redeem(&app, &code).await.json();
    let wids: Vec<String> = claims(tokens["access_token"].as_str().unwrap())["wids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect();
    assert!(wids.contains(&"c4e39bd9-1100-46d3-8c65-fb160da0071f".to_string()));
}
