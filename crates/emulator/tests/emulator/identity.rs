//! Token verification, scopes, roles and the 10-minute re-authentication rule.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chrono::Duration;
use qrbadge_emulator::config::ExternalIssuer;
use qrbadge_emulator::oidc::jwt::SigningKeys;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn missing_malformed_forged_and_expired_tokens_are_401() {
    let app = TestApp::new();
    let none = app.call("GET", "/beta/me", None, None).await;
    assert_eq!(none.status, 401);
    assert_eq!(none.error_code(), "InvalidAuthenticationToken");
    assert!(none
        .header("www-authenticate")
        .unwrap()
        .starts_with("Bearer realm=\"\", authorization_uri="));
    assert_eq!(app.get("/beta/me", "not-a-jwt").await.status, 401);

    let token = app.token(ADELE);
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    let mut claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
    claims["oid"] = json!("4a7c1e52-3b9d-4f0e-8a61-2d5c7b9e1f06");
    parts[1] = URL_SAFE_NO_PAD.encode(claims.to_string());
    let forged = app.get("/beta/me", &parts.join(".")).await;
    assert_eq!(forged.status, 401);
    assert!(forged
        .header("www-authenticate")
        .unwrap()
        .contains("invalid_token"));

    assert_eq!(app.get("/beta/me", &token).await.status, 200);
    app.emulator.clock.advance(Duration::hours(1));
    let expired = app.get("/beta/me", &token).await;
    assert_eq!(expired.status, 401);
    assert!(expired.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("expired"));
}

#[tokio::test]
async fn tokens_from_another_key_issuer_or_audience_are_refused() {
    let app = TestApp::new();
    let other = SigningKeys::generate().unwrap();
    let now = app.now().timestamp();
    let issuer = app.emulator.issuer_for(ORIGIN);
    let claims = |iss: &str, aud: &str| {
        json!({ "iss": iss, "aud": aud, "tid": "11111111-2222-3333-4444-555555555555", "oid": "4a7c1e52-3b9d-4f0e-8a61-2d5c7b9e1f01",
                "scp": "User.Read", "iat": now, "nbf": now, "exp": now + 600 })
    };
    let foreign_key = other.sign(&claims(&issuer, "https://graph.microsoft.com"));
    assert_eq!(app.get("/beta/me", &foreign_key).await.status, 401);
    let wrong_issuer = app.emulator.keys.sign(&claims(
        "https://login.example.com/v2.0",
        "https://graph.microsoft.com",
    ));
    assert_eq!(app.get("/beta/me", &wrong_issuer).await.status, 401);
    let wrong_audience = app
        .emulator
        .keys
        .sign(&claims(&issuer, "api://something-else"));
    let response = app.get("/beta/me", &wrong_audience).await;
    assert_eq!(response.status, 401);
    assert!(response.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("audience"));
    let right = app
        .emulator
        .keys
        .sign(&claims(&issuer, "https://graph.microsoft.com"));
    assert_eq!(app.get("/beta/me", &right).await.status, 200);
}

#[tokio::test]
async fn external_provider_tokens_are_trusted_when_configured() {
    let provider = SigningKeys::generate().unwrap();
    let mut config = test_config();
    config.external_issuers = vec![ExternalIssuer {
        issuer: "http://127.0.0.1:9999/realms/contoso".into(),
        jwks_location: "unused-in-test".into(),
        audience: Some("qrbadge-portal".into()),
    }];
    let app = TestApp::with_config(config);
    app.emulator.external.install_jwks(
        "http://127.0.0.1:9999/realms/contoso",
        &json!({ "keys": [provider.jwk()] }),
    );
    let now = app.now().timestamp();
    let token = provider.sign(&json!({
        "iss": "http://127.0.0.1:9999/realms/contoso", "aud": "qrbadge-portal", "preferred_username": ADELE,
        "scope": "openid profile UserAuthMethod-QR.ReadWrite User.Read", "iat": now, "nbf": now, "exp": now + 300
    }));
    let me = app.get("/beta/me", &token).await;
    assert_eq!(me.status, 200, "{}", me.text());
    assert_eq!(me.json()["userPrincipalName"], ADELE);
    assert_eq!(app.get(ME_METHOD, &token).await.status, 200);
    let wrong_audience = provider.sign(&json!({
        "iss": "http://127.0.0.1:9999/realms/contoso", "aud": "other", "preferred_username": ADELE,
        "scope": "User.Read", "iat": now, "nbf": now, "exp": now + 300
    }));
    assert_eq!(app.get("/beta/me", &wrong_audience).await.status, 401);
}

#[tokio::test]
async fn missing_scope_is_403_authorization_request_denied() {
    let app = TestApp::new();
    let diego = app.token(DIEGO);
    assert_eq!(app.get("/beta/me", &diego).await.status, 200);
    let denied = app.get(ME_METHOD, &diego).await;
    assert_eq!(denied.status, 403);
    assert_eq!(denied.error_code(), "Authorization_RequestDenied");
    // updatePin needs Directory.AccessAsUser.All even for oneself.
    let without = app.token_with(
        ADELE,
        Some(&["User.Read", "UserAuthMethod-QR.ReadWrite"]),
        Duration::zero(),
    );
    let body = json!({ "currentPin": ADELE_PIN, "newPin": "47392018" });
    assert_eq!(
        app.call(
            "POST",
            &format!("{ME_METHOD}/pin/updatePin"),
            Some(&without),
            Some(body)
        )
        .await
        .status,
        403
    );
    // Read-only QR scope cannot write.
    let read_only = app.token_with(ADELE, Some(&["UserAuthMethod-QR.Read"]), Duration::zero());
    assert_eq!(app.get(ME_METHOD, &read_only).await.status, 200);
    assert_eq!(
        app.call("DELETE", ME_METHOD, Some(&read_only), None)
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn acting_on_others_needs_all_scope_and_admin_role() {
    let app = TestApp::new();
    // Nestor has every scope but no role.
    let nestor = app.token(NESTOR);
    let denied = app.get(&user_method(ADELE), &nestor).await;
    assert_eq!(denied.status, 403);
    assert_eq!(denied.error_code(), "Authorization_RequestDenied");
    // Megan (Authentication Administrator) without the .All scope is refused too.
    let self_scopes = app.token_with(
        MEGAN,
        Some(&["UserAuthMethod-QR.ReadWrite", "User.Read"]),
        Duration::zero(),
    );
    assert_eq!(app.get(&user_method(ADELE), &self_scopes).await.status, 403);
    let megan = app.token(MEGAN);
    assert_eq!(app.get(&user_method(ADELE), &megan).await.status, 200);
    assert_eq!(
        app.call(
            "DELETE",
            &format!("{}/standardQRCode", user_method(ADELE)),
            Some(&megan),
            None
        )
        .await
        .status,
        204
    );
    // An Authentication Administrator may not manage another admin; a Privileged one may.
    let patti_reset = app
        .call(
            "PATCH",
            &format!("{}/pin", user_method(PATTI)),
            Some(&megan),
            None,
        )
        .await;
    assert_eq!(patti_reset.status, 403);
    let now = app.now();
    let body = json!({ "standardQRCode": { "startDateTime": iso(now), "expireDateTime": iso(now + Duration::days(5)) } });
    assert_eq!(
        app.call("PUT", &user_method(PATTI), Some(&megan), Some(body.clone()))
            .await
            .status,
        403
    );
    assert_eq!(
        app.call(
            "PUT",
            &user_method(MEGAN),
            Some(&app.token(PATTI)),
            Some(body)
        )
        .await
        .status,
        201
    );
    // Listing users and team members needs the directory scopes.
    assert_eq!(
        app.get(
            "/beta/users?$filter=startswith(displayName,'A')",
            &app.token(DIEGO)
        )
        .await
        .status,
        403
    );
    assert_eq!(
        app.get(
            &format!("/beta/groups/{TEAM_GROUP}/members"),
            &app.token(DIEGO)
        )
        .await
        .status,
        403
    );
}

#[tokio::test]
async fn policy_needs_a_policy_role() {
    let app = TestApp::new();
    let path =
        "/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin";
    assert_eq!(app.get(path, &app.token(MEGAN)).await.status, 403);
    assert_eq!(app.get(path, &app.token(PATTI)).await.status, 200);
    let body = json!({ "@odata.type": "#microsoft.graph.qrCodePinAuthenticationMethodConfiguration", "pinLength": 12 });
    assert_eq!(
        app.call("PATCH", path, Some(&app.token(PATTI)), Some(body))
            .await
            .status,
        403,
        "read scope only"
    );
}

#[tokio::test]
async fn self_service_reset_is_not_supported() {
    let app = TestApp::new();
    let response = app
        .call(
            "PATCH",
            &format!("{ME_METHOD}/pin"),
            Some(&app.token(ADELE)),
            None,
        )
        .await;
    assert_eq!(response.status, 403);
}

#[tokio::test]
async fn self_service_writes_need_a_sign_in_within_10_minutes() {
    let app = TestApp::new();
    let path = format!("{ME_METHOD}/temporaryQRCode");
    let body = || {
        let now = chrono::Utc::now() + app.emulator.clock.offset();
        json!({ "startDateTime": iso(now), "expireDateTime": iso(now + Duration::hours(4)) })
    };
    let stale = app.token_with(ADELE, None, Duration::minutes(10) + Duration::seconds(5));
    let challenged = app.call("PATCH", &path, Some(&stale), Some(body())).await;
    assert_eq!(challenged.status, 401);
    let header = challenged.header("www-authenticate").unwrap().to_string();
    assert!(header.contains("error=\"insufficient_claims\""), "{header}");
    let claims = header
        .split("claims=\"")
        .nth(1)
        .unwrap()
        .trim_end_matches('"');
    let decoded: serde_json::Value =
        serde_json::from_slice(&STANDARD.decode(claims).unwrap()).unwrap();
    assert!(decoded["access_token"].is_object());
    // Reads are fine with an old sign-in, and so are admins acting on others.
    assert_eq!(app.get(ME_METHOD, &stale).await.status, 200);
    let stale_admin = app.token_with(MEGAN, None, Duration::hours(2));
    assert_eq!(
        app.call(
            "PATCH",
            &format!("{}/temporaryQRCode", user_method(ADELE)),
            Some(&stale_admin),
            Some(body())
        )
        .await
        .status,
        201
    );
    assert_eq!(
        app.call(
            "DELETE",
            &format!("{}/temporaryQRCode", user_method(ADELE)),
            Some(&stale_admin),
            None
        )
        .await
        .status,
        204
    );
    let fresh = app.token_with(ADELE, None, Duration::minutes(9));
    assert_eq!(
        app.call("PATCH", &path, Some(&fresh), Some(body()))
            .await
            .status,
        201
    );
    // The same token goes stale when the clock moves on.
    app.emulator.clock.advance(Duration::minutes(2));
    assert_eq!(
        app.call("DELETE", &path, Some(&fresh), None).await.status,
        401
    );
}
