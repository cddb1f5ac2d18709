//! Sign-out (`/{tenant}/oauth2/v2.0/logout`), validated like Entra and, with `--strict-logout`, like a
//! plain OpenID Connect RP-Initiated Logout 1.0 provider.

use axum::body::Body;
use axum::http::Request;
use chrono::Duration;
use qrbadge_emulator::config::EmulatorConfig;
use serde_json::json;

use crate::common::*;
use crate::oidc_flow::*;

const ADELE_ID: &str = "4a7c1e52-3b9d-4f0e-8a61-2d5c7b9e1f01";
const PORTAL: &str = "http://127.0.0.1:8080/";

/// A browser that signed Adele in on the account picker: its session cookie and her ID token.
async fn signed_in(app: &TestApp) -> (String, String) {
    let picked = pick_account(app, ADELE_ID).await;
    let cookie = picked
        .header("set-cookie")
        .expect("session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let code = param(&redirect_params(&picked), "code").expect("code");
    let tokens = redeem(app, &code).await.json();
    let id_token = tokens["id_token"].as_str().expect("id_token").to_string();
    (cookie, id_token)
}

async fn logout(app: &TestApp, params: &[(&str, &str)], cookie: Option<&str>) -> TestResponse {
    let uri = format!("/{TENANT}/oauth2/v2.0/logout?{}", encode(params));
    let mut builder = Request::get(uri).header("host", HOST);
    if let Some(cookie) = cookie {
        builder = builder.header("cookie", cookie);
    }
    app.send(builder.body(Body::empty()).unwrap()).await
}

/// Whether the browser's session still signs it in silently.
async fn session_alive(app: &TestApp, cookie: &str) -> bool {
    let silent = authorize(app, &[("prompt", "none")], Some(cookie)).await;
    param(&redirect_params(&silent), "code").is_some()
}

fn is_signed_out_page(response: &TestResponse) -> bool {
    response.status == 200
        && response.header("location").is_none()
        && response.text().contains("You signed out of your account")
}

#[tokio::test]
async fn a_complete_request_returns_to_the_portal_signed_out() {
    let app = TestApp::new();
    let (cookie, id_token) = signed_in(&app).await;
    let response = logout(
        &app,
        &[
            ("id_token_hint", &id_token),
            ("client_id", CLIENT),
            ("post_logout_redirect_uri", PORTAL),
            ("logout_hint", ADELE),
            ("state", "s-1"),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(response.status, 302, "{}", response.text());
    assert_eq!(
        response.header("location"),
        Some("http://127.0.0.1:8080/?state=s-1")
    );
    assert!(response.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert!(!session_alive(&app, &cookie).await);
}

#[tokio::test]
async fn a_client_id_alone_identifies_the_client() {
    let app = TestApp::new();
    let (cookie, _) = signed_in(&app).await;
    let response = logout(
        &app,
        &[
            ("client_id", CLIENT),
            ("post_logout_redirect_uri", PORTAL),
            ("logout_hint", ADELE),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(response.status, 302);
    assert_eq!(response.header("location"), Some(PORTAL));
    // Without a session there is no account to pick either.
    let response = logout(
        &app,
        &[("client_id", CLIENT), ("post_logout_redirect_uri", PORTAL)],
        None,
    )
    .await;
    assert_eq!(response.header("location"), Some(PORTAL));
}

#[tokio::test]
async fn without_hint_or_client_id_it_signs_out_and_stays() {
    let app = TestApp::new();
    let (cookie, _) = signed_in(&app).await;
    let response = logout(&app, &[("post_logout_redirect_uri", PORTAL)], Some(&cookie)).await;
    assert!(is_signed_out_page(&response), "{}", response.text());
    assert!(!response.text().contains("<script"));
    assert!(response.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert!(!session_alive(&app, &cookie).await);
    // Identified, but without a return address: the same page.
    let (cookie, id_token) = signed_in(&app).await;
    let response = logout(
        &app,
        &[("id_token_hint", &id_token), ("logout_hint", ADELE)],
        Some(&cookie),
    )
    .await;
    assert!(is_signed_out_page(&response));
}

#[tokio::test]
async fn a_hint_that_does_not_check_out_is_refused_and_the_session_kept() {
    let app = TestApp::new();
    let (cookie, id_token) = signed_in(&app).await;
    let mut parts: Vec<String> = id_token.split('.').map(str::to_string).collect();
    parts[2] = parts[2].chars().rev().collect();
    let tampered = parts.join(".");
    let issuer = app.emulator.issuer_for(ORIGIN);
    let other_app = app.emulator.keys.sign(&json!({
        "iss": issuer, "aud": "00000000-0000-4000-8000-000000000bad", "sub": "x",
    }));
    let foreign_issuer = app.emulator.keys.sign(&json!({
        "iss": "https://evil.example/v2.0", "aud": CLIENT, "sub": "x",
    }));
    for hint in ["not-a-jwt", &tampered, &other_app, &foreign_issuer] {
        let response = logout(
            &app,
            &[
                ("id_token_hint", hint),
                ("post_logout_redirect_uri", PORTAL),
                ("logout_hint", ADELE),
            ],
            Some(&cookie),
        )
        .await;
        assert_eq!(response.status, 400, "{hint}");
        assert!(response.header("location").is_none());
        assert!(response.header("set-cookie").is_none());
        assert!(
            response.text().contains("AADSTS50000"),
            "{}",
            response.text()
        );
    }
    // A valid hint for the portal, but another client id claimed alongside it.
    let response = logout(
        &app,
        &[
            ("id_token_hint", &id_token),
            ("client_id", "00000000-0000-4000-8000-000000000bad"),
            ("post_logout_redirect_uri", PORTAL),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(response.status, 400);
    assert!(response.text().contains("AADSTS700016"));
    assert!(session_alive(&app, &cookie).await);
}

#[tokio::test]
async fn an_expired_hint_still_identifies_the_client() {
    let app = TestApp::new();
    let (cookie, id_token) = signed_in(&app).await;
    app.emulator.clock.advance(Duration::hours(3));
    let response = logout(
        &app,
        &[
            ("id_token_hint", &id_token),
            ("post_logout_redirect_uri", PORTAL),
            ("logout_hint", ADELE),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(response.status, 302);
    assert_eq!(response.header("location"), Some(PORTAL));
}

#[tokio::test]
async fn an_unregistered_return_address_is_not_followed() {
    let app = TestApp::new();
    let (cookie, id_token) = signed_in(&app).await;
    let response = logout(
        &app,
        &[
            ("id_token_hint", &id_token),
            ("client_id", CLIENT),
            ("post_logout_redirect_uri", "https://evil.example/"),
            ("logout_hint", ADELE),
        ],
        Some(&cookie),
    )
    .await;
    assert!(is_signed_out_page(&response));
    assert!(!session_alive(&app, &cookie).await);
}

#[tokio::test]
async fn without_logout_hint_it_asks_which_account_like_entra() {
    let app = TestApp::new();
    let (cookie, id_token) = signed_in(&app).await;
    let fields = [
        ("id_token_hint", id_token.as_str()),
        ("client_id", CLIENT),
        ("post_logout_redirect_uri", PORTAL),
    ];
    let picker = logout(&app, &fields, Some(&cookie)).await;
    assert_eq!(picker.status, 200);
    let html = picker.text();
    assert!(html.contains("Pick an account to sign out"), "{html}");
    assert!(html.contains(&format!("name=\"logout_hint\" value=\"{ADELE}\"")));
    assert!(html.contains("name=\"post_logout_redirect_uri\""));
    assert!(!html.contains("<script"));
    // Nothing is signed out until the person picks the account.
    assert!(session_alive(&app, &cookie).await);
    let mut picked = fields.to_vec();
    picked.push(("logout_hint", ADELE));
    let response = logout(&app, &picked, Some(&cookie)).await;
    assert_eq!(response.header("location"), Some(PORTAL));
    assert!(!session_alive(&app, &cookie).await);
}

#[tokio::test]
async fn strict_mode_is_a_plain_rp_initiated_logout_provider() {
    let app = TestApp::with_config(EmulatorConfig {
        strict_logout: true,
        ..test_config()
    });
    let (cookie, id_token) = signed_in(&app).await;
    assert!(claims(&id_token).get("login_hint").is_none());
    // No logout_hint and no picker: a valid hint is enough to come back.
    let response = logout(
        &app,
        &[
            ("id_token_hint", &id_token),
            ("post_logout_redirect_uri", PORTAL),
        ],
        Some(&cookie),
    )
    .await;
    assert_eq!(response.status, 302);
    assert_eq!(response.header("location"), Some(PORTAL));
    assert!(!session_alive(&app, &cookie).await);
    // Without a hint or client id it refuses to redirect.
    let (cookie, _) = signed_in(&app).await;
    let response = logout(&app, &[("post_logout_redirect_uri", PORTAL)], Some(&cookie)).await;
    assert!(is_signed_out_page(&response));
}
