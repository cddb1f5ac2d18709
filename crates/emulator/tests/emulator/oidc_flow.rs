//! The Entra v2.0 protocol surface: discovery, JWKS, authorize (account picker, prompt handling, errors),
//! token (code + PKCE, refresh with a fixed 24 h horizon), logout, CORS.

use axum::body::Body;
use axum::http::Request;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Duration;
use qrbadge_emulator::oidc::jwt::{public_key_from_jwk, UnverifiedJwt};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::*;

pub const TENANT: &str = "11111111-2222-3333-4444-555555555555";
pub const CLIENT: &str = "6a1b2c3d-0000-4000-8000-00000000c0de";
pub const VERIFIER: &str = "M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag";
pub const SCOPES: &str = "openid profile offline_access https://graph.microsoft.com/User.Read https://graph.microsoft.com/UserAuthMethod-QR.ReadWrite https://graph.microsoft.com/Directory.AccessAsUser.All";

pub fn challenge() -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()))
}

pub fn encode(pairs: &[(&str, &str)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        serializer.append_pair(name, value);
    }
    serializer.finish()
}

pub fn authorize_params(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let challenge = challenge();
    let mut params: Vec<(String, String)> = [
        ("client_id", CLIENT),
        ("response_type", "code"),
        ("redirect_uri", "http://127.0.0.1:8080/"),
        ("scope", SCOPES),
        ("state", "state-123"),
        ("nonce", "nonce-456"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (name, value) in extra {
        params.retain(|(k, _)| k != name);
        if !value.is_empty() {
            params.push((name.to_string(), value.to_string()));
        }
    }
    params
}

pub fn query(params: &[(String, String)]) -> String {
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    encode(&pairs)
}

pub async fn authorize(
    app: &TestApp,
    extra: &[(&str, &str)],
    cookie: Option<&str>,
) -> TestResponse {
    let uri = format!(
        "/{TENANT}/oauth2/v2.0/authorize?{}",
        query(&authorize_params(extra))
    );
    let mut builder = Request::get(uri).header("host", HOST);
    if let Some(cookie) = cookie {
        builder = builder.header("cookie", cookie);
    }
    app.send(builder.body(Body::empty()).unwrap()).await
}

/// The account picker's POST for `user_id`.
pub async fn pick_account(app: &TestApp, user_id: &str) -> TestResponse {
    let mut params = authorize_params(&[]);
    params.push(("user_id".into(), user_id.into()));
    let request = Request::post(format!("/{TENANT}/oauth2/v2.0/authorize"))
        .header("host", HOST)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(query(&params)))
        .unwrap();
    app.send(request).await
}

pub fn redirect_params(response: &TestResponse) -> Vec<(String, String)> {
    let location = response.header("location").expect("redirect");
    let query = location.split_once('?').map(|(_, q)| q).unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

pub fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

pub async fn token_request(
    app: &TestApp,
    pairs: &[(&str, &str)],
    with_origin: bool,
) -> TestResponse {
    let mut builder = Request::post(format!("/{TENANT}/oauth2/v2.0/token"))
        .header("host", HOST)
        .header(
            "content-type",
            "application/x-www-form-urlencoded;charset=utf-8",
        );
    if with_origin {
        builder = builder.header("origin", ORIGIN);
    }
    app.send(builder.body(Body::from(encode(pairs))).unwrap())
        .await
}

pub async fn redeem_code(app: &TestApp, code: &str) -> TestResponse {
    redeem(app, code).await
}

pub async fn silent_code(app: &TestApp, upn: &str) -> String {
    let response = authorize(app, &[("prompt", "none"), ("login_hint", upn)], None).await;
    param(&redirect_params(&response), "code").expect("code")
}

/// Signs `upn` in with prompt=none + login_hint and returns the token response.
pub async fn sign_in_silently(app: &TestApp, upn: &str) -> Value {
    let response = authorize(app, &[("prompt", "none"), ("login_hint", upn)], None).await;
    let code = param(&redirect_params(&response), "code").expect("code");
    redeem(app, &code).await.json()
}

pub async fn redeem(app: &TestApp, code: &str) -> TestResponse {
    token_request(
        app,
        &[
            ("client_id", CLIENT),
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", "http://127.0.0.1:8080/"),
            ("code_verifier", VERIFIER),
            ("client_info", "1"),
            ("x-client-SKU", "msal.js.browser"),
            ("client-request-id", "7d1a2a9e-0000-4000-8000-000000000001"),
        ],
        true,
    )
    .await
}

pub fn claims(token: &str) -> Value {
    let parsed = UnverifiedJwt::parse(token).unwrap();
    parsed.claims.clone()
}

#[tokio::test]
async fn discovery_and_keys_describe_the_tenant() {
    let app = TestApp::new();
    let config = app
        .call(
            "GET",
            &format!("/{TENANT}/v2.0/.well-known/openid-configuration"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(config["issuer"], format!("{ORIGIN}/{TENANT}/v2.0"));
    assert_eq!(
        config["token_endpoint"],
        format!("{ORIGIN}/{TENANT}/oauth2/v2.0/token")
    );
    let keys = app
        .call("GET", &format!("/{TENANT}/discovery/v2.0/keys"), None, None)
        .await
        .json();
    let key = public_key_from_jwk(&keys["keys"][0]).unwrap();
    let token = app.token(ADELE);
    assert!(UnverifiedJwt::parse(&token)
        .unwrap()
        .verify_with(&key)
        .is_ok());
    assert_eq!(
        app.call(
            "GET",
            "/00000000-0000-0000-0000-000000000000/discovery/v2.0/keys",
            None,
            None
        )
        .await
        .status,
        400
    );
}

#[tokio::test]
async fn config_json_follows_the_host() {
    let app = TestApp::new();
    let request = Request::get("/config.json")
        .header("host", "127.0.0.1:4321")
        .body(Body::empty())
        .unwrap();
    let config = app.send(request).await.json();
    assert_eq!(
        config["auth"]["authority"],
        format!("http://127.0.0.1:4321/{TENANT}")
    );
    assert_eq!(config["auth"]["redirectUri"], "http://127.0.0.1:4321/");
    assert_eq!(config["graph"]["baseUrl"], "http://127.0.0.1:4321");
    let scopes: Vec<&str> = config["auth"]["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(scopes.contains(&"offline_access"));
    assert!(scopes.contains(&"https://graph.microsoft.com/UserAuthMethod-QR.ReadWrite"));
}

#[tokio::test]
async fn interactive_sign_in_code_and_tokens() {
    let app = TestApp::new();
    let page = authorize(&app, &[("login_hint", ADELE)], None).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Adele Vance") && html.contains("megan.bowen@contoso.com"));
    assert!(!html.contains("<script"));
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'none'"));

    let picked = pick_account(&app, "4a7c1e52-3b9d-4f0e-8a61-2d5c7b9e1f01").await;
    assert_eq!(picked.status, 303);
    let cookie = picked.header("set-cookie").unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let params = redirect_params(&picked);
    assert_eq!(param(&params, "state").as_deref(), Some("state-123"));
    let code = param(&params, "code").unwrap();

    let tokens = redeem(&app, &code).await;
    assert_eq!(tokens.status, 200, "{}", tokens.text());
    assert_eq!(tokens.header("access-control-allow-origin"), Some(ORIGIN));
    let tokens = tokens.json();
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 3600);
    assert!(tokens["scope"]
        .as_str()
        .unwrap()
        .contains("https://graph.microsoft.com/UserAuthMethod-QR.ReadWrite"));
    assert!(tokens["client_info"].is_string());
    let access = claims(tokens["access_token"].as_str().unwrap());
    assert_eq!(access["aud"], "https://graph.microsoft.com");
    assert_eq!(access["iss"], format!("{ORIGIN}/{TENANT}/v2.0"));
    assert_eq!(access["upn"], ADELE);
    assert_eq!(
        access["scp"],
        "User.Read UserAuthMethod-QR.ReadWrite Directory.AccessAsUser.All"
    );
    assert_eq!(
        access["exp"].as_i64().unwrap() - access["iat"].as_i64().unwrap(),
        3600
    );
    let header = UnverifiedJwt::parse(tokens["access_token"].as_str().unwrap())
        .unwrap()
        .header
        .clone();
    assert_eq!(header["alg"], "RS256");
    assert!(header["kid"].is_string());
    let id = claims(tokens["id_token"].as_str().unwrap());
    assert_eq!(id["aud"], CLIENT);
    assert_eq!(id["nonce"], "nonce-456");
    assert_eq!(id["preferred_username"], ADELE);
    // Entra's optional `login_hint` claim, sent back as `logout_hint` to skip the account picker.
    assert_eq!(id["login_hint"], ADELE);
    // The access token works against Graph.
    let me = app
        .get("/beta/me", tokens["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me.json()["userPrincipalName"], ADELE);
    // Codes are one-time.
    let again = redeem(&app, &code).await;
    assert_eq!(again.status, 400);
    let error = again.json();
    assert_eq!(error["error"], "invalid_grant");
    assert_eq!(error["error_codes"][0], 54005);
    assert_eq!(
        error["correlation_id"],
        "7d1a2a9e-0000-4000-8000-000000000001"
    );
    for field in ["error_description", "timestamp", "trace_id"] {
        assert!(error[field].is_string(), "{field}");
    }

    // prompt=none now signs the cookie's user in silently, keeping the original auth_time.
    let cookie_pair = cookie.split(';').next().unwrap().to_string();
    app.emulator.clock.advance(Duration::minutes(20));
    let silent = authorize(&app, &[("prompt", "none")], Some(&cookie_pair)).await;
    let silent_code = param(&redirect_params(&silent), "code").expect("silent code");
    let silent_tokens = redeem(&app, &silent_code).await.json();
    let silent_access = claims(silent_tokens["access_token"].as_str().unwrap());
    assert_eq!(silent_access["auth_time"], access["auth_time"]);
    // prompt=login always shows the picker.
    assert_eq!(
        authorize(&app, &[("prompt", "login")], Some(&cookie_pair))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn silent_sign_in_without_session_is_login_required() {
    let app = TestApp::new();
    let response = authorize(&app, &[("prompt", "none")], None).await;
    assert_eq!(response.status, 302);
    let params = redirect_params(&response);
    assert_eq!(param(&params, "error").as_deref(), Some("login_required"));
    assert_eq!(param(&params, "state").as_deref(), Some("state-123"));
    let claims_challenge = authorize(
        &app,
        &[("prompt", "none"), ("login_hint", ADELE), ("claims", "{}")],
        None,
    )
    .await;
    assert_eq!(
        param(&redirect_params(&claims_challenge), "error").as_deref(),
        Some("interaction_required")
    );
}

#[tokio::test]
async fn authorize_validation() {
    let app = TestApp::new();
    let no_pkce = authorize(&app, &[("code_challenge", "")], None).await;
    assert_eq!(
        param(&redirect_params(&no_pkce), "error").as_deref(),
        Some("invalid_request")
    );
    let plain = authorize(&app, &[("code_challenge_method", "plain")], None).await;
    assert_eq!(
        param(&redirect_params(&plain), "error").as_deref(),
        Some("invalid_request")
    );
    let token_flow = authorize(&app, &[("response_type", "token")], None).await;
    assert_eq!(
        param(&redirect_params(&token_flow), "error").as_deref(),
        Some("unsupported_response_type")
    );
    // Problems with the client or the redirect target are shown, not redirected.
    let bad_client = authorize(
        &app,
        &[("client_id", "00000000-0000-0000-0000-000000000000")],
        None,
    )
    .await;
    assert_eq!(bad_client.status, 400);
    assert!(bad_client.text().contains("AADSTS700016"));
    let foreign = authorize(&app, &[("redirect_uri", "http://evil.example/")], None).await;
    assert_eq!(foreign.status, 400);
    assert!(foreign.header("location").is_none());
    let fragment = authorize(
        &app,
        &[
            ("prompt", "none"),
            ("login_hint", ADELE),
            ("response_mode", "fragment"),
        ],
        None,
    )
    .await;
    assert!(fragment
        .header("location")
        .unwrap()
        .starts_with("http://127.0.0.1:8080/#code="));
}
